import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createTestNats, TEST_NATS_URL, type TestNats, waitFor } from '@hotline/test-kit';
import { startRelay, type Relay, type RelayOptions } from './relay.js';
import { memoryStore, postgresStore, type StoreFactory, type StoreUnderTest } from './test-support/stores.js';
import { callEvents, newCall } from './test-support/events.js';
import { readRelayed, relayProblems, streamMessageCount } from './test-support/jetstream.js';

const TTL = 1500;

describe.each<[string, StoreFactory]>([
  ['in-memory', memoryStore],
  ['PostgreSQL', postgresStore],
])('startRelay (%s store, real NATS)', (_name, openStore) => {
  let t: TestNats;
  let under: StoreUnderTest;
  let stream: string;
  const relays: Relay[] = [];

  const relay = (instanceId: string, overrides: Partial<RelayOptions> = {}) => {
    const r = startRelay({
      store: under.store,
      nc: t.nc,
      instanceId,
      streamName: stream,
      subjectPrefix: `${t.prefix}.hl`,
      leaseBucket: `${t.prefix}_relay_lease`,
      leaseTtlMs: TTL,
      retryDelayMs: 20,
      ...overrides,
    });
    relays.push(r);
    return r;
  };

  const appendCalls = async (calls: number, eventsPerCall: number) => {
    for (let i = 0; i < calls; i++) {
      const { callId, stream: s } = newCall();
      await under.store.append(s, callEvents(callId, eventsPerCall), { expectedRevision: 'no-stream' });
    }
  };

  const relayed = () => streamMessageCount(t.nc, stream);
  const problems = async () =>
    relayProblems(await under.all(), await readRelayed(t.nc, stream), `${t.prefix}.hl`);

  beforeEach(async () => {
    t = await createTestNats();
    under = await openStore();
    stream = `${t.prefix}_HOTLINE_EVENTS`;
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await t.cleanup();
    await under.dispose();
  });

  it('relays stored and live events once each, in order, with subjects and headers', async () => {
    await appendCalls(20, 5);
    const r = relay('r1');
    await waitFor(async () => (await relayed()) === 100, { what: 'backlog relayed' });
    await appendCalls(10, 3);
    await waitFor(async () => (await relayed()) === 130, { what: 'live events relayed' });
    await waitFor(() => r.status().published >= 130, { what: 'the relay to count its acks' });
    expect(await problems()).toEqual([]);
    expect(r.status()).toMatchObject({
      state: 'active',
      published: 130,
      lease: { held: true, holder: 'r1' },
    });
    const jsm = await jetstreamManager(t.nc);
    const info = await jsm.streams.info(stream);
    expect(info.config.subjects).toEqual([`${t.prefix}.hl.evt.>`]);
    expect(info.config.duplicate_window).toBe(120_000 * 1e6);
  });

  it('keeps a second instance from publishing while the first holds the lease', async () => {
    const r1 = relay('r1');
    await waitFor(() => r1.status().state === 'active', { what: 'r1 active' });
    const r2 = relay('r2');
    await waitFor(() => r2.status().state === 'standby', { what: 'r2 standby' });
    await appendCalls(30, 4);
    await waitFor(async () => (await relayed()) === 120, { what: 'events relayed' });
    // r2 has retried several times by now (every ttl/3) and must still be idle.
    await waitFor(() => r2.status().lease.holder === 'r1', { what: 'r2 to see the holder' });
    expect(r2.status()).toMatchObject({ state: 'standby', published: 0, lease: { held: false } });
    await waitFor(() => r1.status().published >= 120, { what: 'r1 to count its acks' });
    expect(r1.status().published).toBe(120);
    expect(await problems()).toEqual([]);
  });

  it('lets a standby take over once a dead holder’s lease expires, without gaps or duplicates', async () => {
    const doomed = await connect({ servers: TEST_NATS_URL, name: `${t.prefix}-doomed` });
    await appendCalls(20, 5);
    const r1 = relay('r1', { nc: doomed });
    await waitFor(async () => (await relayed()) === 100, { what: 'r1 relays' });
    const r2 = relay('r2');
    await waitFor(() => r2.status().state === 'standby', { what: 'r2 standby' });
    // r1 loses NATS for good: no release, no renewals. Its lease entry expires by max age.
    await doomed.close();
    const closedAt = Date.now();
    await appendCalls(20, 5);
    await waitFor(() => r2.status().state === 'active', { what: 'r2 takes over' });
    // Its last renewal was at most ttl/3 before the close, so the entry lived ≥ 2/3 ttl after it.
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual((2 * TTL) / 3 - 50);
    expect(r1.status().lease.held).toBe(false);
    await waitFor(async () => (await relayed()) === 200, { what: 'r2 relays the rest' });
    // The stream stores a message before its ack reaches r2, which counts it only then.
    await waitFor(() => r2.status().published >= 100, { what: 'r2 to count its acks' });
    expect(r2.status().published).toBe(100);
    expect(await problems()).toEqual([]);
  });

  it('resumes after a graceful restart and publishes only the rest', async () => {
    await appendCalls(25, 4);
    const r1 = relay('r1');
    await waitFor(async () => (await relayed()) === 100, { what: 'first run' });
    await r1.stop();
    expect(r1.status()).toMatchObject({ state: 'stopped', lease: { held: false } });
    await appendCalls(10, 5);
    const r2 = relay('r2');
    await waitFor(async () => (await relayed()) === 150, { what: 'second run' });
    await waitFor(() => r2.status().published >= 50, { what: 'r2 to count its acks' });
    expect(r2.status().published).toBe(50);
    expect(await problems()).toEqual([]);
  });

  it('resumes from the KV checkpoint when the stream was purged', async () => {
    await appendCalls(10, 3);
    const r1 = relay('r1');
    await waitFor(async () => (await relayed()) === 30, { what: 'first run' });
    await r1.stop();
    const jsm = await jetstreamManager(t.nc);
    await jsm.streams.purge(stream);
    await appendCalls(4, 2);
    const r2 = relay('r2');
    await waitFor(async () => (await relayed()) === 8, { what: 'only the new events' });
    await waitFor(() => r2.status().published >= 8, { what: 'r2 to count its acks' });
    expect(r2.status()).toMatchObject({ published: 8, lastSequence: 38 });
    const after = await readRelayed(t.nc, stream);
    const stored = await under.all();
    expect(after.map((m) => m.event.id)).toEqual(stored.slice(30).map((e) => e.id));
  });

  it('stays exactly-once even with two active relays (split brain, separate leases)', async () => {
    await appendCalls(50, 10);
    relay('a', { leaseBucket: `${t.prefix}_lease_a`, maxInFlight: 64 });
    relay('b', { leaseBucket: `${t.prefix}_lease_b`, maxInFlight: 64 });
    await appendCalls(20, 5);
    await waitFor(async () => (await relayed()) >= 600, { what: 'everything relayed' });
    expect(await problems()).toEqual([]);
    expect(await relayed()).toBe(600);
  });
});
