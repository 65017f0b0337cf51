import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kvm } from '@nats-io/kv';
import { createTestNats, TEST_NATS_URL, type TestNats, waitFor } from '@hotline/test-kit';
import { startRelay, type Relay, type RelayState } from './relay.js';
import { callEvents, newCall } from './test-support/events.js';
import { readRelayed, relayProblems, streamMessageCount } from './test-support/jetstream.js';
import { postgresStore, type StoreUnderTest } from './test-support/stores.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const STREAMS = 50;
const EVENTS_PER_STREAM = 40;
const TOTAL = STREAMS * EVENTS_PER_STREAM;
const TTL = 1500;

describe('relay killed mid-stream (SIGKILL), real PostgreSQL and NATS', () => {
  let t: TestNats;
  let under: StoreUnderTest;
  let child: ChildProcess | undefined;
  let successor: Relay | undefined;

  /** `node dist/main.js` as a separate process, configured like the launcher would. */
  const spawnRelay = (o: {
    stream: string;
    subjectPrefix: string;
    leaseBucket: string;
    instanceId: string;
  }) => {
    let logs = '';
    const proc = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: under.url,
        EVENTSTORE_URL: '',
        NATS_URL: TEST_NATS_URL,
        RELAY_STREAM: o.stream,
        RELAY_SUBJECT_PREFIX: o.subjectPrefix,
        RELAY_LEASE_BUCKET: o.leaseBucket,
        RELAY_LEASE_TTL_MS: String(TTL),
        RELAY_INSTANCE_ID: o.instanceId,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = proc;
    proc.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return {
      child: proc,
      exited,
      /** Waits for a condition; on timeout the error carries the child's log. */
      until: (condition: () => Promise<boolean>, what: string) =>
        waitFor(condition, { what }).catch((error: unknown) => {
          throw new Error(`${String(error)}\nrelay log:\n${logs}`);
        }),
    };
  };

  beforeEach(async () => {
    t = await createTestNats();
    under = await postgresStore();
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await successor?.stop();
    await t.cleanup();
    await under.dispose();
  });

  it('loses and duplicates nothing: a successor waits out the lease and relays exactly the rest', async () => {
    expect(existsSync(MAIN), `${MAIN} missing: run npm run build first`).toBe(true);
    const stream = `${t.prefix}_HOTLINE_EVENTS`;
    const subjectPrefix = `${t.prefix}.hl`;
    const leaseBucket = `${t.prefix}_relay_lease`;
    const calls = Array.from({ length: STREAMS }, (_, i) => ({ ...newCall(), tenant: `tenant-${i % 5}` }));
    const plans = calls.map((c) => callEvents(c.callId, EVENTS_PER_STREAM, c.tenant));
    // A first event per stream, so the relay has something to publish as soon as it is up.
    for (const [i, c] of calls.entries()) {
      await under.store.append(c.stream, plans[i]!.slice(0, 1), { expectedRevision: 'no-stream' });
    }

    const relayChild = spawnRelay({ stream, subjectPrefix, leaseBucket, instanceId: 'doomed-child' });
    await relayChild.until(async () => (await streamMessageCount(t.nc, stream)) >= 1, 'child relaying');

    // 50 concurrent writers append the rest, two events per append, while the child relays.
    const writers = Promise.all(
      calls.map(async (c, i) => {
        const events = plans[i]!;
        for (let next = 1; next < events.length; next += 2) {
          await under.store.append(c.stream, events.slice(next, next + 2), { expectedRevision: next - 1 });
        }
      }),
    );
    await relayChild.until(async () => (await streamMessageCount(t.nc, stream)) >= 500, 'child half-way');
    relayChild.child.kill('SIGKILL');
    expect(await relayChild.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = await streamMessageCount(t.nc, stream);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(TOTAL);

    // The child's lease entry is still there: the successor must stand by until it expires.
    successor = startRelay({
      store: under.store,
      nc: t.nc,
      instanceId: 'successor',
      streamName: stream,
      subjectPrefix,
      leaseBucket,
      leaseTtlMs: TTL,
    });
    const states: RelayState[] = [];
    await waitFor(
      () => {
        const s = successor!.status();
        if (states[states.length - 1] !== s.state) states.push(s.state);
        return s.state === 'active';
      },
      { intervalMs: 5, what: 'successor to take over' },
    );
    expect(states).toEqual(['starting', 'standby', 'active']);

    await writers;
    const stored = await under.all();
    expect(stored).toHaveLength(TOTAL);
    await waitFor(async () => (await streamMessageCount(t.nc, stream)) >= TOTAL, {
      what: 'all events relayed',
    });
    const relayed = await readRelayed(t.nc, stream);
    expect(relayProblems(stored, relayed, subjectPrefix)).toEqual([]);
    expect(relayed).toHaveLength(TOTAL);
    // The stream stores a message before its ack reaches the relay, which counts it only then.
    await waitFor(() => successor!.status().published >= TOTAL - atKill, { what: 'the acks counted' });
    expect(successor.status().published).toBe(TOTAL - atKill);
  }, 60_000);

  it('stops gracefully on SIGTERM: exit 0, lease released, a successor starts at once', async () => {
    expect(existsSync(MAIN), `${MAIN} missing: run npm run build first`).toBe(true);
    const stream = `${t.prefix}_HOTLINE_EVENTS`;
    const subjectPrefix = `${t.prefix}.hl`;
    const leaseBucket = `${t.prefix}_relay_lease`;
    const { callId, stream: callStream } = newCall();
    await under.store.append(callStream, callEvents(callId, 5), { expectedRevision: 'no-stream' });
    const relayChild = spawnRelay({ stream, subjectPrefix, leaseBucket, instanceId: 'graceful-child' });
    await relayChild.until(async () => (await streamMessageCount(t.nc, stream)) === 5, 'child relaying');
    relayChild.child.kill('SIGTERM');
    expect(await relayChild.exited).toEqual({ code: 0, signal: null });
    // Released, not left to expire: the key holds a delete marker right away.
    const lease = await (await new Kvm(t.nc).open(leaseBucket)).get(stream);
    expect(lease?.operation).toBe('DEL');

    await under.store.append(callStream, callEvents(callId, 3).slice(1), { expectedRevision: 4 });
    successor = startRelay({
      store: under.store,
      nc: t.nc,
      instanceId: 'successor',
      streamName: stream,
      subjectPrefix,
      leaseBucket,
      leaseTtlMs: TTL,
    });
    await waitFor(async () => (await streamMessageCount(t.nc, stream)) === 7, { what: 'the rest relayed' });
    expect(successor.status()).toMatchObject({ state: 'active', published: 2 });
    expect(relayProblems(await under.all(), await readRelayed(t.nc, stream), subjectPrefix)).toEqual([]);
  });
});
