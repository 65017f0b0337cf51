import { comparePositions } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { callAnswered, callArrived, callHungUp, callLife } from '../contract/support.js';
import { ConcurrencyError, DuplicateEventIdError } from '../port.js';
import { newCallStream, storeHarness } from './test-support/harness.js';

// Group commit, seen from outside: which appends shared a transaction is visible in the stats and
// in the transaction id of their positions.
describe('PostgreSQL adapter: batching', { timeout: 30_000 }, () => {
  const { open, another } = storeHarness('esb');
  const call = newCallStream;

  it('commits concurrent appends together, with positions following each stream revision', async () => {
    const { store } = await open({ maxConcurrentBatches: 1 });
    const calls = Array.from({ length: 20 }, call);
    // The first append is in flight alone; the other 19 queue behind it and go as one batch.
    const results = await Promise.all(calls.map((c) => store.append(c.stream, callLife(c.callId))));
    expect(store.stats).toMatchObject({ batches: 2, batchedAppends: 20, fallbacks: 0, singles: 0 });
    const commits = new Set(results.slice(1).map((r) => r.position.commit));
    expect(commits.size).toBe(1);
    const all = await store.readAll();
    expect(all).toHaveLength(60);
    for (const c of calls) {
      const mine = all.filter((e) => e.streamName === c.stream);
      expect(mine.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    }
    for (let i = 1; i < all.length; i += 1) {
      expect(comparePositions(all[i - 1]!.globalPosition, all[i]!.globalPosition)).toBeLessThan(0);
    }
    // Within the batch, global order is the order the appends were made.
    expect(all.slice(3).map((e) => e.streamName)).toEqual(
      calls.slice(1).flatMap((c) => [c.stream, c.stream, c.stream]),
    );
  });

  it('rejects an append that fails its check alone; the rest of its batch commits', async () => {
    const { store } = await open({ maxConcurrentBatches: 1 });
    const existing = call();
    await store.append(existing.stream, [callArrived(existing.callId)]);
    const others = Array.from({ length: 5 }, call);
    const outcomes = await Promise.allSettled([
      store.append(call().stream, [callArrived(crypto.randomUUID())]), // in flight: the rest queue
      store.append(existing.stream, [callAnswered(existing.callId)], { expectedRevision: 'no-stream' }),
      ...others.map((c) =>
        store.append(c.stream, [callArrived(c.callId)], { expectedRevision: 'no-stream' }),
      ),
    ]);
    expect(outcomes[1]).toMatchObject({
      status: 'rejected',
      reason: expect.any(ConcurrencyError) as unknown,
    });
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(6);
    expect(store.stats).toMatchObject({ fallbacks: 0, singles: 1 });
    for (const c of others) expect(await store.readStream(c.stream)).toHaveLength(1);
  });

  it('retries a batch one append at a time when it fails as a whole, so each gets its own answer', async () => {
    const { store } = await open({ maxConcurrentBatches: 1 });
    const first = call();
    const events = [callArrived(first.callId), callAnswered(first.callId)];
    const original = await store.append(first.stream, events);
    const fresh = Array.from({ length: 4 }, call);
    const outcomes = await Promise.allSettled([
      store.append(call().stream, [callArrived(crypto.randomUUID())]), // in flight: the rest queue
      // Retries with 'any' pass the batch's revision check, then their ids violate the unique index
      // and take the whole batch down with them.
      store.append(first.stream, events),
      store.append(first.stream, [events[0]!]),
      ...fresh.map((c) => store.append(c.stream, [callArrived(c.callId), callHungUp(c.callId)])),
    ]);
    expect(store.stats.fallbacks).toBeGreaterThanOrEqual(1);
    expect(outcomes[0].status).toBe('fulfilled');
    expect(outcomes[1]).toEqual({ status: 'fulfilled', value: original });
    const [stored] = await store.readStream(first.stream);
    expect(outcomes[2]).toEqual({
      status: 'fulfilled',
      value: { nextExpectedRevision: 0, position: stored!.globalPosition },
    });
    for (const o of outcomes.slice(3)) expect(o.status).toBe('fulfilled');
    for (const c of fresh) expect(await store.readStream(c.stream)).toHaveLength(2);
    expect(await store.readAll()).toHaveLength(2 + 1 + 8);
  });

  it('reports a reused id of an earlier append in the same burst as a duplicate, and stores it once', async () => {
    const { store } = await open({ maxConcurrentBatches: 1 });
    const a = call();
    const b = call();
    const shared = callArrived(a.callId);
    const outcomes = await Promise.allSettled([
      store.append(call().stream, [callArrived(crypto.randomUUID())]),
      store.append(a.stream, [shared]),
      store.append(b.stream, [{ ...callArrived(b.callId), id: shared.id }]),
      store.append(a.stream, [shared]),
    ]);
    expect(outcomes[1].status).toBe('fulfilled');
    expect(outcomes[2]).toMatchObject({
      status: 'rejected',
      reason: expect.any(DuplicateEventIdError) as unknown,
    });
    expect(outcomes[3]).toEqual(outcomes[1]);
    expect((await store.readAll()).filter((e) => e.id === shared.id)).toHaveLength(1);
  });

  it('keeps streams consistent when two stores batch appends to the same streams at once', async () => {
    const { store, schema } = await open();
    const other = await another(schema);
    const shared = Array.from({ length: 4 }, call);
    const appends = Array.from({ length: 200 }, (_, i) => {
      const c = shared[i % shared.length]!;
      return (i % 2 === 0 ? store : other).append(c.stream, [callAnswered(c.callId)]);
    });
    await Promise.all(appends);
    for (const c of shared) {
      const events = await store.readStream(c.stream);
      expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => i));
      expect(events).toHaveLength(50);
    }
  });
});
