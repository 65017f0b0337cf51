import { describe, expect, it } from 'vitest';
import { eventRegistry, type NewEvent } from '@hotline/contracts';
import { UnavailableError, AccessDeniedError } from '@kurrent/kurrentdb-client';
import { ConcurrencyError } from '../port.js';
import { FakeKurrentClient } from './test-support/fake-client.js';
import { KurrentEventStore } from './store.js';

const CALL = '0190f3a0-7b1c-7cc2-9d3e-4f5a6b7c8d9e';
const STREAM = `call-${CALL}`;
const meta = { tenantId: 'acme', actor: 'service:media-bridge', occurredAt: '2026-03-02T09:00:00Z' };
let seq = 0;
function answered(): NewEvent {
  seq += 1;
  return {
    id: `0190f3a3-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    type: 'CallAnswered',
    data: { callId: CALL },
    metadata: meta,
  };
}

function setup(prefix = 'run1-') {
  const client = new FakeKurrentClient();
  const slept: number[] = [];
  const store = new KurrentEventStore(client, {
    registry: eventRegistry,
    streamPrefix: prefix,
    retryDelaysMs: [10, 20],
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
  });
  return { client, store, slept };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
}

describe('KurrentEventStore.append', () => {
  it('validates before any request, so nothing invalid reaches the server', async () => {
    const { client, store } = setup();
    expect(await codeOf(store.append(STREAM, [{ ...answered(), data: {} }]))).toBe('EVENT_INVALID');
    expect(await codeOf(store.append('nope', [answered()]))).toBe('STREAM_NAME_INVALID');
    expect(client.appendCalls).toHaveLength(0);
  });

  it('writes to the prefixed stream with the mapped expected state and returns revision and position', async () => {
    const { client, store } = setup();
    const result = await store.append(STREAM, [answered(), answered()], { expectedRevision: 'no-stream' });
    expect(client.appendCalls[0]).toMatchObject({
      stream: `run1-${STREAM}`,
      options: { streamState: 'no_stream' },
    });
    expect(result.nextExpectedRevision).toBe(1);
    expect(result.position).toEqual(client.log[1]!.position);
    await store.append(STREAM, [answered()], { expectedRevision: 1 });
    expect(client.appendCalls[1]!.options.streamState).toBe(1n);
    await store.append(STREAM, [answered()], { expectedRevision: 'exists' });
    expect(client.appendCalls[2]!.options.streamState).toBe('stream_exists');
    await store.append(STREAM, [answered()]);
    expect(client.appendCalls[3]!.options.streamState).toBe('any');
  });

  it('retries a transient failure with the very same event ids, within the bounded backoff', async () => {
    const { client, store, slept } = setup();
    client.appendFailures.push(new UnavailableError(), new UnavailableError());
    const result = await store.append(STREAM, [answered(), answered()], { expectedRevision: 'no-stream' });
    expect(result.nextExpectedRevision).toBe(1);
    expect(slept).toEqual([10, 20]);
    const ids = client.appendCalls.map((c) => c.events.map((e) => e.id));
    expect(ids).toHaveLength(3);
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
  });

  it('reports EVENT_STORE_UNAVAILABLE once the retries are used up, and does not retry other errors', async () => {
    const { client, store } = setup();
    client.appendFailures.push(new UnavailableError(), new UnavailableError(), new UnavailableError());
    expect(await codeOf(store.append(STREAM, [answered()]))).toBe('EVENT_STORE_UNAVAILABLE');
    expect(client.appendCalls).toHaveLength(3);
    client.appendFailures.push(new AccessDeniedError());
    expect(await codeOf(store.append(STREAM, [answered()]))).toBe('EVENT_STORE_ACCESS_DENIED');
    expect(client.appendCalls).toHaveLength(4);
  });

  it('throws ConcurrencyError naming the stream as the caller knows it', async () => {
    const { store } = setup();
    await store.append(STREAM, [answered(), answered(), answered()]);
    const error: unknown = await store
      .append(STREAM, [answered()], { expectedRevision: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ stream: STREAM, expected: 0, actual: 2 });
    const missing: unknown = await store
      .append(`call-${'0190f3a0-7b1c-7cc2-9d3e-000000000000'}`, [answered()], { expectedRevision: 'exists' })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'CONCURRENCY_CONFLICT', actual: 'no-stream' });
  });

  it('reads the position back when the server reports none (an idempotent replay)', async () => {
    const { client, store } = setup();
    client.omitAppendPosition = true;
    const result = await store.append(STREAM, [answered()]);
    expect(result.position).toEqual(client.log[0]!.position);
    expect(client.readStreamCalls.at(-1)).toMatchObject({
      stream: `run1-${STREAM}`,
      options: { fromRevision: 0n },
    });
  });
});

describe('KurrentEventStore.readStream', () => {
  it('returns the events under the caller’s name, forwards and backwards', async () => {
    const { store } = setup();
    await store.append(STREAM, [answered(), answered(), answered()]);
    const all = await store.readStream(STREAM);
    expect(all.map((e) => [e.streamName, e.streamRevision])).toEqual([
      [STREAM, 0],
      [STREAM, 1],
      [STREAM, 2],
    ]);
    const back = await store.readStream(STREAM, { direction: 'backwards', limit: 2 });
    expect(back.map((e) => e.streamRevision)).toEqual([2, 1]);
    expect(
      (await store.readStream(STREAM, { fromRevision: 1, limit: 1 })).map((e) => e.streamRevision),
    ).toEqual([1]);
    expect(await store.readStream(STREAM, { limit: 0 })).toEqual([]);
  });

  it('returns [] for a stream that does not exist and rejects bad names and options', async () => {
    const { store } = setup();
    expect(await store.readStream(STREAM)).toEqual([]);
    expect(await codeOf(store.readStream('$all'))).toBe('STREAM_NAME_INVALID');
    expect(await codeOf(store.readStream(STREAM, { limit: -1 }))).toBe('READ_OPTIONS_INVALID');
    expect(await codeOf(store.readStream(STREAM, { fromRevision: 1.5 }))).toBe('READ_OPTIONS_INVALID');
  });
});
