import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { newEventId, type RecordedEvent } from '@hotline/contracts';
import { createTestNats, type TestNats, waitFor } from '@hotline/test-kit';
import { consumeEvents, type ConsumeEventsOptions, type EventConsumer } from './consumer.js';
import { encodeEvent, eventFilterSubject } from './event-codec.js';
import { InMemoryAppliedPositionStore, openKvPositionStore } from './positions.js';
import type { Logger } from './logger.js';

const CALL_A = 'call-0195f3b4-7c1e-7a10-9c3e-00000000000a';
const CALL_B = 'call-0195f3b4-7c1e-7a10-9c3e-00000000000b';
let position = 0n;

function event(streamName: string, streamRevision: number): RecordedEvent {
  position += 1n;
  return {
    id: newEventId(),
    type: 'CallAnswered',
    streamName,
    streamRevision,
    globalPosition: { commit: position, prepare: position },
    data: { callId: streamName.slice(5) },
    metadata: { tenantId: 'acme', actor: 'system', occurredAt: new Date().toISOString() },
    recordedAt: new Date(),
  };
}

interface Seen {
  stream: string;
  revision: number;
  attempt: number;
}

describe('consumeEvents (durable JetStream consumer)', () => {
  let t: TestNats;
  let js: JetStreamClient;
  let streamName: string;
  const consumers: EventConsumer[] = [];
  const errors: object[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (f) => errors.push(f),
  };

  const publish = async (...events: RecordedEvent[]) => {
    for (const e of events) {
      const m = encodeEvent(`${t.prefix}.hl`, e);
      await js.publish(m.subject, m.data, { msgID: m.msgId, headers: m.headers });
    }
  };

  const start = async (
    seen: Seen[],
    overrides: Partial<ConsumeEventsOptions> & { fail?: (e: RecordedEvent, attempt: number) => boolean } = {},
  ) => {
    const consumer = await consumeEvents({
      nc: t.nc,
      stream: streamName,
      durable: 'projections',
      filterSubject: eventFilterSubject(`${t.prefix}.hl`, { category: 'call' }),
      positions: new InMemoryAppliedPositionStore(),
      maxDeliver: 3,
      ackWaitMs: 5000,
      retryDelayMs: () => 20,
      logger,
      handler: (e, ctx) => {
        seen.push({ stream: e.streamName, revision: e.streamRevision, attempt: ctx.deliveryCount });
        if (overrides.fail?.(e, ctx.deliveryCount)) return Promise.reject(new Error('handler failed'));
        return Promise.resolve();
      },
      ...overrides,
    });
    consumers.push(consumer);
    return consumer;
  };

  beforeEach(async () => {
    t = await createTestNats();
    js = jetstream(t.nc);
    streamName = `${t.prefix}_HOTLINE_EVENTS`;
    errors.length = 0;
    const jsm = await jetstreamManager(t.nc);
    await jsm.streams.add({ name: streamName, subjects: [`${t.prefix}.hl.evt.>`] });
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.stop();
    await t.cleanup();
  });

  it('delivers events in stream order and records what was applied', async () => {
    const seen: Seen[] = [];
    const positions = new InMemoryAppliedPositionStore();
    await publish(event(CALL_A, 0), event(CALL_B, 0), event(CALL_A, 1));
    await start(seen, { positions });
    await waitFor(() => seen.length === 3, { what: '3 events' });
    expect(seen.map((s) => [s.stream, s.revision, s.attempt])).toEqual([
      [CALL_A, 0, 1],
      [CALL_B, 0, 1],
      [CALL_A, 1, 1],
    ]);
    expect(await positions.get(CALL_A)).toBe(1);
    expect(await positions.get(CALL_B)).toBe(0);
  });

  it('redelivers after a failure, before any later event', async () => {
    const seen: Seen[] = [];
    await publish(event(CALL_A, 0), event(CALL_A, 1));
    await start(seen, { fail: (e, attempt) => e.streamRevision === 0 && attempt === 1 });
    await waitFor(() => seen.length === 3, { what: 'retry and next event' });
    expect(seen.map((s) => [s.revision, s.attempt])).toEqual([
      [0, 1],
      [0, 2],
      [1, 1],
    ]);
  });

  it('skips and acks events at or below the applied revision', async () => {
    const seen: Seen[] = [];
    const positions = new InMemoryAppliedPositionStore();
    await positions.set(CALL_A, 1);
    await publish(event(CALL_A, 0), event(CALL_A, 1), event(CALL_A, 2), event(CALL_B, 0));
    await start(seen, { positions });
    await waitFor(() => seen.length === 2, { what: 'new events' });
    expect(seen.map((s) => [s.stream, s.revision])).toEqual([
      [CALL_A, 2],
      [CALL_B, 0],
    ]);
    const info = await (await jetstreamManager(t.nc)).consumers.info(streamName, 'projections');
    expect(info.num_ack_pending + info.num_pending).toBe(0);
  });

  it('gives up after maxDeliver failed attempts: logs, terminates, moves on', async () => {
    const seen: Seen[] = [];
    await publish(event(CALL_A, 0), event(CALL_B, 0));
    await start(seen, { fail: (e) => e.streamName === CALL_A });
    await waitFor(() => seen.some((s) => s.stream === CALL_B), { what: 'the next event' });
    expect(seen.map((s) => [s.stream, s.attempt])).toEqual([
      [CALL_A, 1],
      [CALL_A, 2],
      [CALL_A, 3],
      [CALL_B, 1],
    ]);
    expect(errors).toEqual([expect.objectContaining({ eventStream: CALL_A, attempt: 3 })]);
  });

  it('terminates malformed messages and keeps consuming', async () => {
    const seen: Seen[] = [];
    const subject = `${t.prefix}.hl.evt.acme.call.CallAnswered`;
    await js.publish(subject, new TextEncoder().encode('not json'));
    const good = encodeEvent(`${t.prefix}.hl`, event(CALL_A, 0));
    const lying = natsHeaders();
    lying.set('Hotline-Stream', CALL_B);
    await js.publish(subject, good.data, { headers: lying });
    await publish(event(CALL_A, 1));
    await start(seen);
    await waitFor(() => seen.length === 1, { what: 'the valid event' });
    expect(seen[0]).toMatchObject({ stream: CALL_A, revision: 1 });
    expect(errors).toHaveLength(2);
    const info = await (await jetstreamManager(t.nc)).consumers.info(streamName, 'projections');
    expect(info.num_ack_pending + info.num_pending).toBe(0);
  });

  it('brings an existing durable in line and refuses one with another filter', async () => {
    const c1 = await start([], { ackWaitMs: 5000 });
    await c1.stop();
    await start([], { ackWaitMs: 7000 });
    const info = await (await jetstreamManager(t.nc)).consumers.info(streamName, 'projections');
    expect(info.config).toMatchObject({ ack_wait: 7000 * 1e6, max_ack_pending: 1, max_deliver: -1 });
    await expect(start([], { filterSubject: `${t.prefix}.hl.evt.*.agent.*` })).rejects.toMatchObject({
      code: 'CONSUMER_CONFIG_CONFLICT',
    });
  });

  it('resumes where the durable left off after a restart (KV-backed positions)', async () => {
    const positions = await openKvPositionStore(t.nc, `${t.prefix}_projections_applied`);
    const first: Seen[] = [];
    await publish(event(CALL_A, 0), event(CALL_A, 1));
    const c1 = await start(first, { positions });
    await waitFor(() => first.length === 2, { what: 'first run' });
    await c1.stop();
    await publish(event(CALL_A, 2), event(CALL_B, 0));
    const second: Seen[] = [];
    await start(second, { positions });
    await waitFor(() => second.length === 2, { what: 'second run' });
    expect(second.map((s) => [s.stream, s.revision])).toEqual([
      [CALL_A, 2],
      [CALL_B, 0],
    ]);
    expect(await positions.get(CALL_A)).toBe(2);
    // A fresh store over the same bucket sees what the first one recorded.
    const reopened = await openKvPositionStore(t.nc, `${t.prefix}_projections_applied`);
    expect(await reopened.get(CALL_B)).toBe(0);
  });
});
