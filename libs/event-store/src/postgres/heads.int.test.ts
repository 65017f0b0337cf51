import { comparePositions, type NewEvent } from '@hotline/contracts';
import { flush, waitFor } from '@hotline/test-kit';
import { describe, expect, it } from 'vitest';
import { callAnswered, callArrived, callHungUp } from '../contract/support.js';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  type AppendResult,
  type ExpectedRevision,
} from '../port.js';
import type { PostgresEventStore } from './store.js';
import { newCallStream, storeHarness } from './test-support/harness.js';
import type { WriterStats } from './writer.js';

// Remembered stream heads (StreamHeads): a batch whose first revisions are all known is inserted at
// them without probing (stats.unprobed); a stale head collides on the unique index and the batch is
// retried with probes. A remembered head must never be above the real one: no gaps, no wrong revisions.
describe('PostgreSQL adapter: remembered stream heads', { timeout: 30_000 }, () => {
  const { open, another } = storeHarness('esh');
  const call = newCallStream;

  /** What the writer counted since `before`. */
  function since(before: WriterStats, store: PostgresEventStore): WriterStats {
    const now = store.stats;
    return {
      batches: now.batches - before.batches,
      batchedAppends: now.batchedAppends - before.batchedAppends,
      fallbacks: now.fallbacks - before.fallbacks,
      singles: now.singles - before.singles,
      unprobed: now.unprobed - before.unprobed,
    };
  }

  const stat = (s: Partial<WriterStats>): WriterStats => ({
    batches: 0,
    batchedAppends: 0,
    fallbacks: 0,
    singles: 0,
    unprobed: 0,
    ...s,
  });

  /** The stream holds exactly these events, at revisions 0, 1, 2, … */
  async function expectStream(store: PostgresEventStore, stream: string, events: readonly NewEvent[]) {
    const stored = await store.readStream(stream);
    expect(stored.map((e) => e.streamRevision)).toEqual(events.map((_, i) => i));
    expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
  }

  /** The append's events are stored in order, ending at its returned revision and position. */
  async function expectLanded(
    store: PostgresEventStore,
    stream: string,
    events: readonly NewEvent[],
    result: AppendResult,
  ) {
    const first = result.nextExpectedRevision - events.length + 1;
    const stored = await store.readStream(stream, { fromRevision: first, limit: events.length });
    expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(stored.map((e) => e.streamRevision)).toEqual(events.map((_, i) => first + i));
    expect(stored.at(-1)?.globalPosition).toEqual(result.position);
  }

  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected the append to fail');
      },
      (error: unknown) => error,
    );
  }

  describe('fast path', () => {
    it('writes sequential appends with known expected revisions without probing', async () => {
      // given three new streams, created with no-stream (revision 0 is known without a probe)
      const { store } = await open();
      const calls = Array.from({ length: 3 }, call);
      const written = new Map<string, NewEvent[]>(calls.map((c) => [c.stream, []]));
      for (const c of calls) {
        const events = [callArrived(c.callId)];
        const r = await store.append(c.stream, events, { expectedRevision: 'no-stream' });
        expect(r.nextExpectedRevision).toBe(0);
        written.get(c.stream)!.push(...events);
      }
      expect(store.stats).toEqual(stat({ batches: 3, batchedAppends: 3, unprobed: 3 }));

      // when each is appended to again and again with its exact revision, then exists, then any
      const before = store.stats;
      const expectations: ((head: number) => ExpectedRevision)[] = [
        (head) => head,
        (head) => head,
        () => 'exists',
        () => 'any',
        (head) => head,
      ];
      for (const expectation of expectations) {
        for (const c of calls) {
          const head = written.get(c.stream)!.length - 1;
          const events = [callAnswered(c.callId), callAnswered(c.callId)];
          const r = await store.append(c.stream, events, { expectedRevision: expectation(head) });
          // then each lands right after the head
          expect(r.nextExpectedRevision).toBe(head + 2);
          await expectLanded(store, c.stream, events, r);
          written.get(c.stream)!.push(...events);
        }
      }

      // then every batch was written at remembered revisions, and the streams have no gaps
      expect(since(before, store)).toEqual(stat({ batches: 15, batchedAppends: 15, unprobed: 15 }));
      for (const c of calls) await expectStream(store, c.stream, written.get(c.stream)!);
    });

    it('writes a burst of no-stream appends to new streams in one unprobed batch, in call order', async () => {
      // given one append in flight, so the other 19 queue into one batch
      const { store } = await open({ maxConcurrentBatches: 1 });
      const calls = Array.from({ length: 20 }, call);
      const lives = calls.map((c) => [callArrived(c.callId), callAnswered(c.callId), callHungUp(c.callId)]);

      // when
      const results = await Promise.all(
        calls.map((c, i) => store.append(c.stream, lives[i]!, { expectedRevision: 'no-stream' })),
      );

      // then both batches skipped the probe
      expect(store.stats).toEqual(stat({ batches: 2, batchedAppends: 20, unprobed: 2 }));
      expect(new Set(results.slice(1).map((r) => r.position.commit)).size).toBe(1);
      for (const [i, c] of calls.entries()) {
        expect(results[i]!.nextExpectedRevision).toBe(2);
        await expectStream(store, c.stream, lives[i]!);
        await expectLanded(store, c.stream, lives[i]!, results[i]!);
      }
      // and global order is call order, positions strictly ascending
      const all = await store.readAll();
      expect(all.map((e) => e.id)).toEqual(lives.flat().map((e) => e.id));
      for (let i = 1; i < all.length; i += 1) {
        expect(comparePositions(all[i - 1]!.globalPosition, all[i]!.globalPosition)).toBeLessThan(0);
      }
    });

    it('probes a stream it has not written, then remembers it', async () => {
      // given a stream written by another store
      const { store, schema } = await open();
      const other = await another(schema);
      const c = call();
      const first = [callArrived(c.callId)];
      await other.append(c.stream, first);

      // when this store appends with any, and again with the revision it got back
      const before = store.stats;
      const second = [callAnswered(c.callId)];
      const r1 = await store.append(c.stream, second);
      const afterFirst = since(before, store);
      const third = [callHungUp(c.callId)];
      const r2 = await store.append(c.stream, third, { expectedRevision: r1.nextExpectedRevision });

      // then the first append was probed, the second was not
      expect(afterFirst).toEqual(stat({ batches: 1, batchedAppends: 1 }));
      expect(since(before, store)).toEqual(stat({ batches: 2, batchedAppends: 2, unprobed: 1 }));
      expect([r1.nextExpectedRevision, r2.nextExpectedRevision]).toEqual([1, 2]);
      await expectStream(store, c.stream, [...first, ...second, ...third]);
    });

    it('probes a whole batch when one of its appends has no remembered head', async () => {
      // given a stream this store wrote and one another store wrote
      const { store, schema } = await open({ maxConcurrentBatches: 1 });
      const other = await another(schema);
      const known = call();
      const unknown = call();
      await store.append(known.stream, [callArrived(known.callId)], { expectedRevision: 'no-stream' });
      await other.append(unknown.stream, [callArrived(unknown.callId)], { expectedRevision: 'no-stream' });

      // when both are appended to in one batch
      const before = store.stats;
      await flush(); // the writer is idle: the first append goes alone, the rest queue behind it
      const results = await Promise.all([
        store.append(call().stream, [callArrived(crypto.randomUUID())], { expectedRevision: 'no-stream' }),
        store.append(known.stream, [callAnswered(known.callId)], { expectedRevision: 0 }),
        store.append(unknown.stream, [callAnswered(unknown.callId)], { expectedRevision: 0 }),
      ]);

      // then only the first (in flight alone) was unprobed
      expect(since(before, store)).toEqual(stat({ batches: 2, batchedAppends: 3, unprobed: 1 }));
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([0, 1, 1]);
      // and both heads are remembered now
      const next = await Promise.all([
        store.append(known.stream, [callHungUp(known.callId)], { expectedRevision: 1 }),
        store.append(unknown.stream, [callHungUp(unknown.callId)], { expectedRevision: 1 }),
      ]);
      expect(next.map((r) => r.nextExpectedRevision)).toEqual([2, 2]);
      expect(since(before, store).unprobed).toBe(2);
    });
  });

  describe('stale heads', () => {
    it('lands an any append after a write by another store at the real next revision', async () => {
      // given store A remembers head 1 of a stream, and store B has appended revision 2 since
      const { store: a, schema } = await open();
      const b = await another(schema);
      const c = call();
      const events: NewEvent[] = [callArrived(c.callId), callAnswered(c.callId)];
      await a.append(c.stream, [events[0]!], { expectedRevision: 'no-stream' });
      await a.append(c.stream, [events[1]!], { expectedRevision: 0 });
      const byB = [callAnswered(c.callId)];
      await b.append(c.stream, byB);
      events.push(...byB);

      // when A appends with any
      const before = a.stats;
      const mine = [callAnswered(c.callId), callHungUp(c.callId)];
      const result = await a.append(c.stream, mine);
      events.push(...mine);

      // then it lands at 3..4, after B's event, with no gap
      expect(result.nextExpectedRevision).toBe(4);
      await expectLanded(a, c.stream, mine, result);
      await expectStream(a, c.stream, events);
      // and the insert at the remembered revision collided, so the batch was written with probes
      expect(since(before, a)).toEqual(stat({ batches: 1, batchedAppends: 1 }));

      // when A appends again: its head was corrected by that commit
      const later = [callHungUp(c.callId)];
      const again = await a.append(c.stream, later, { expectedRevision: 4 });
      events.push(...later);

      // then it is unprobed again, at the right place
      expect(again.nextExpectedRevision).toBe(5);
      expect(since(before, a)).toEqual(stat({ batches: 2, batchedAppends: 2, unprobed: 1 }));
      await expectStream(a, c.stream, events);
    });

    it('lands an exists append after a write by another store at the real next revision', async () => {
      // given store A remembers head 0, store B appended 1 and 2
      const { store: a, schema } = await open();
      const b = await another(schema);
      const c = call();
      const first = [callArrived(c.callId)];
      await a.append(c.stream, first, { expectedRevision: 'no-stream' });
      const byB = [callAnswered(c.callId), callAnswered(c.callId)];
      await b.append(c.stream, byB, { expectedRevision: 0 });

      // when A appends with exists
      const mine = [callHungUp(c.callId)];
      const result = await a.append(c.stream, mine, { expectedRevision: 'exists' });

      // then
      expect(result.nextExpectedRevision).toBe(3);
      await expectLanded(a, c.stream, mine, result);
      await expectStream(a, c.stream, [...first, ...byB, ...mine]);
    });

    it('rejects an expected revision another store has moved past, with the actual revision', async () => {
      // given A thinks the head is 0, and B has written revision 1
      const { store: a, schema } = await open();
      const b = await another(schema);
      const c = call();
      const first = [callArrived(c.callId)];
      await a.append(c.stream, first, { expectedRevision: 'no-stream' });
      const byB = [callAnswered(c.callId)];
      await b.append(c.stream, byB, { expectedRevision: 0 });

      // when A appends expecting revision 0
      const before = a.stats;
      const error = await rejection(a.append(c.stream, [callHungUp(c.callId)], { expectedRevision: 0 }));

      // then a ConcurrencyError with the actual revision 1, and nothing written
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ stream: c.stream, expected: 0, actual: 1 });
      await expectStream(a, c.stream, [...first, ...byB]);
      expect(await a.readAll()).toHaveLength(2);
      expect(since(before, a)).toEqual(stat({ batches: 1, batchedAppends: 1, singles: 1 }));

      // when A appends expecting revision 1
      const mine = [callHungUp(c.callId)];
      const result = await a.append(c.stream, mine, { expectedRevision: 1 });

      // then it lands at 2
      expect(result.nextExpectedRevision).toBe(2);
      await expectLanded(a, c.stream, mine, result);
      await expectStream(a, c.stream, [...first, ...byB, ...mine]);

      // and the next one with the revision it got back is unprobed
      const more = [callAnswered(c.callId)];
      const unprobedBefore = a.stats.unprobed;
      expect((await a.append(c.stream, more, { expectedRevision: 2 })).nextExpectedRevision).toBe(3);
      expect(a.stats.unprobed).toBe(unprobedBefore + 1);
    });

    it('rejects no-stream for a stream another store created; the rest of the batch commits', async () => {
      // given a stream store B created (A has no head for it)
      const { store: a, schema } = await open({ maxConcurrentBatches: 1 });
      const b = await another(schema);
      const existing = call();
      const byB = [callArrived(existing.callId)];
      await b.append(existing.stream, byB, { expectedRevision: 'no-stream' });
      const others = Array.from({ length: 5 }, call);
      const theirs = others.map((c) => [callArrived(c.callId)]);

      // when A appends no-stream to it in one batch with new streams
      await flush(); // the writer is idle: the first append goes alone, the rest queue behind it
      const outcomes = await Promise.allSettled([
        a.append(call().stream, [callArrived(crypto.randomUUID())], { expectedRevision: 'no-stream' }),
        a.append(existing.stream, [callAnswered(existing.callId)], { expectedRevision: 'no-stream' }),
        ...others.map((c, i) => a.append(c.stream, theirs[i]!, { expectedRevision: 'no-stream' })),
      ]);

      // then that append fails with the actual revision, and wrote nothing
      expect(outcomes[1]).toMatchObject({
        status: 'rejected',
        reason: expect.any(ConcurrencyError) as unknown,
      });
      expect(outcomes[1]).toMatchObject({ reason: { expected: 'no-stream', actual: 0 } });
      await expectStream(a, existing.stream, byB);
      // and the others committed, together, at revision 0
      const fulfilled = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value);
      expect(fulfilled).toHaveLength(6);
      for (const [i, c] of others.entries()) await expectStream(a, c.stream, theirs[i]!);
      expect(new Set(fulfilled.slice(1).map((r) => r.position.commit)).size).toBe(1);
      expect(a.stats).toEqual(stat({ batches: 2, batchedAppends: 7, singles: 1, unprobed: 1 }));
      expect(await a.readAll()).toHaveLength(7);

      // and their heads are remembered: the next batch to them is unprobed
      const before = a.stats;
      await Promise.all(
        others.map((c) => a.append(c.stream, [callAnswered(c.callId)], { expectedRevision: 0 })),
      );
      expect(since(before, a).unprobed).toBe(since(before, a).batches);
      expect(since(before, a).fallbacks + since(before, a).singles).toBe(0);
    });
  });

  describe('idempotent retries and reused ids', () => {
    it("returns the original result for a retry of the store's own append, writing nothing", async () => {
      // given appends this store wrote: e0 with no-stream, then e1, e2 with exists (head remembered at 2)
      const { store } = await open();
      const c = call();
      const created = [callArrived(c.callId)];
      const createdResult = await store.append(c.stream, created, { expectedRevision: 'no-stream' });
      const events = [callAnswered(c.callId), callAnswered(c.callId)];
      const original = await store.append(c.stream, events, { expectedRevision: 'exists' });
      expect(original.nextExpectedRevision).toBe(2);

      // when the second is retried with exists and with any (the fast path would insert them at 3),
      // and the first with no-stream (at 0)
      const before = store.stats;
      const retriedExists = await store.append(c.stream, events, { expectedRevision: 'exists' });
      const retriedAny = await store.append(c.stream, events, { expectedRevision: 'any' });
      const retriedCreate = await store.append(c.stream, created, { expectedRevision: 'no-stream' });

      // then each gets its original result, nothing written
      expect(retriedExists).toEqual(original);
      expect(retriedAny).toEqual(original);
      expect(retriedCreate).toEqual(createdResult);
      await expectStream(store, c.stream, [...created, ...events]);
      expect(await store.readAll()).toHaveLength(3);
      expect(since(before, store).unprobed).toBe(0);

      // and the stream goes on without a gap
      const next = [callHungUp(c.callId)];
      const result = await store.append(c.stream, next);
      expect(result.nextExpectedRevision).toBe(3);
      await expectStream(store, c.stream, [...created, ...events, ...next]);
    });

    /** Store A wrote a stream's first event (head 0); store B wrote A's next two at 1..2. */
    async function givenLostAnswer() {
      const { store: a, schema } = await open({ maxConcurrentBatches: 1 });
      const b = await another(schema);
      const c = call();
      const first = [callArrived(c.callId)];
      await a.append(c.stream, first, { expectedRevision: 'no-stream' });
      const lost = [callAnswered(c.callId), callHungUp(c.callId)];
      const original = await b.append(c.stream, lost, { expectedRevision: 0 });
      return { a, c, first, lost, original };
    }

    it('returns the original result for a retry at the remembered revision; the rest of its batch commits', async () => {
      // given A remembers head 0 of a stream, and B wrote A's next two events at 1..2 (A lost the answer)
      const { a, c, first, lost, original } = await givenLostAnswer();
      // and streams A knows, and new ones
      const known = Array.from({ length: 3 }, call);
      const knownFirst = known.map((k) => [callArrived(k.callId)]);
      for (const [i, k] of known.entries()) {
        await a.append(k.stream, knownFirst[i]!, { expectedRevision: 'no-stream' });
      }
      const fresh = Array.from({ length: 2 }, call);

      // when A retries with expected revision 0 (its remembered head: the fast path's base 1) in one
      // batch with appends to the known and new streams
      const before = a.stats;
      const knownEvents = known.map((k) => [callAnswered(k.callId)]);
      const freshEvents = fresh.map((f) => [callArrived(f.callId)]);
      await flush(); // the writer is idle: the first append goes alone, the rest queue behind it
      const outcomes = await Promise.allSettled([
        a.append(call().stream, [callArrived(crypto.randomUUID())], { expectedRevision: 'no-stream' }),
        a.append(c.stream, lost, { expectedRevision: 0 }),
        ...known.map((k, i) => a.append(k.stream, knownEvents[i]!, { expectedRevision: 'any' })),
        ...fresh.map((f, i) => a.append(f.stream, freshEvents[i]!, { expectedRevision: 'no-stream' })),
      ]);

      // then the retry gets the original result and writes nothing
      expect(outcomes[1]).toEqual({ status: 'fulfilled', value: original });
      await expectStream(a, c.stream, [...first, ...lost]);
      // and the rest committed, as one batch
      expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
      for (const [i, k] of known.entries()) {
        await expectStream(a, k.stream, [...knownFirst[i]!, ...knownEvents[i]!]);
      }
      for (const [i, f] of fresh.entries()) await expectStream(a, f.stream, freshEvents[i]!);
      expect(since(before, a)).toEqual(stat({ batches: 2, batchedAppends: 7, singles: 1, unprobed: 1 }));
      // the stream (3), the known streams (3 × 2), the one in flight (1), the fresh ones (2)
      expect(await a.readAll()).toHaveLength(3 + 6 + 1 + 2);
    });

    it('rejects an id reused in another stream; a retry in the same batch and the rest are decided alone', async () => {
      // given A wrote e0 to one stream (head 0) and B wrote A's next events at 1..2
      const { a, c, first, lost, original } = await givenLostAnswer();
      const known = call();
      const knownFirst = [callArrived(known.callId)];
      await a.append(known.stream, knownFirst, { expectedRevision: 'no-stream' });
      const thief = call();
      const fresh = call();

      // when one batch holds the retry, an append to a new stream reusing e0's id, and others
      const before = a.stats;
      const knownNext = [callAnswered(known.callId)];
      const freshEvents = [callArrived(fresh.callId)];
      await flush(); // the writer is idle: the first append goes alone, the rest queue behind it
      const outcomes = await Promise.allSettled([
        a.append(call().stream, [callArrived(crypto.randomUUID())], { expectedRevision: 'no-stream' }),
        a.append(c.stream, lost, { expectedRevision: 0 }),
        a.append(thief.stream, [callArrived(thief.callId, first[0]!.id)], { expectedRevision: 'no-stream' }),
        a.append(known.stream, knownNext, { expectedRevision: 0 }),
        a.append(fresh.stream, freshEvents, { expectedRevision: 'no-stream' }),
      ]);

      // then the reused id is a DuplicateEventIdError and nothing of that append is stored
      expect(outcomes[2]).toMatchObject({
        status: 'rejected',
        reason: expect.any(DuplicateEventIdError) as unknown,
      });
      expect(await a.readStream(thief.stream)).toEqual([]);
      expect((await a.readAll()).filter((e) => e.id === first[0]!.id)).toHaveLength(1);
      // and the retry gets the original result
      expect(outcomes[1]).toEqual({ status: 'fulfilled', value: original });
      await expectStream(a, c.stream, [...first, ...lost]);
      // and the rest committed
      expect(outcomes[0].status).toBe('fulfilled');
      expect(outcomes[3]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1 } });
      expect(outcomes[4]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0 } });
      await expectStream(a, known.stream, [...knownFirst, ...knownNext]);
      await expectStream(a, fresh.stream, freshEvents);
      // the unprobed insert and the probed batch both failed on the reused id: each append went alone
      expect(since(before, a)).toEqual(
        stat({ batches: 1, batchedAppends: 1, fallbacks: 1, singles: 4, unprobed: 1 }),
      );
      // the stream (3), the known stream (2), the one in flight (1), the fresh one (1)
      expect(await a.readAll()).toHaveLength(3 + 2 + 1 + 1);

      // and the appends decided alone left correct heads: the next ones land right after them
      const last = [callHungUp(known.callId)];
      const r = await a.append(known.stream, last, { expectedRevision: 'any' });
      expect(r.nextExpectedRevision).toBe(2);
      await expectStream(a, known.stream, [...knownFirst, ...knownNext, ...last]);
    });
  });

  describe('held-open appends', () => {
    it('does not remember the head of a held append that is rolled back', async () => {
      // given a stream at head 0, and an append to it held open (revision 1, uncommitted)
      const { store } = await open();
      const c = call();
      const first = [callArrived(c.callId)];
      await store.append(c.stream, first, { expectedRevision: 'no-stream' });
      const held = await store.holdAppendOpen(c.stream, [callAnswered(c.callId)]);

      // when it is rolled back and the stream is appended to with any, then with the revision returned
      await held.rollback();
      const before = store.stats;
      const second = [callAnswered(c.callId)];
      const r1 = await store.append(c.stream, second);
      const third = [callHungUp(c.callId)];
      const r2 = await store.append(c.stream, third, { expectedRevision: r1.nextExpectedRevision });

      // then they land at 1 and 2: no gap where the rolled-back event was
      expect([r1.nextExpectedRevision, r2.nextExpectedRevision]).toEqual([1, 2]);
      await expectStream(store, c.stream, [...first, ...second, ...third]);
      // both at the head remembered before the held append
      expect(since(before, store)).toEqual(stat({ batches: 2, batchedAppends: 2, unprobed: 2 }));
    });

    it('lands after a held append that commits, although its head was never remembered', async () => {
      // given a stream at head 0 and a held append at 1 that commits
      const { store } = await open();
      const c = call();
      const first = [callArrived(c.callId)];
      await store.append(c.stream, first, { expectedRevision: 'no-stream' });
      const heldEvents = [callAnswered(c.callId)];
      const held = await store.holdAppendOpen(c.stream, heldEvents);
      await held.commit();

      // when the stream is appended to with any
      const mine = [callHungUp(c.callId)];
      const result = await store.append(c.stream, mine);

      // then it lands at 2
      expect(result.nextExpectedRevision).toBe(2);
      await expectLanded(store, c.stream, mine, result);
      await expectStream(store, c.stream, [...first, ...heldEvents, ...mine]);
    });

    for (const end of ['rollback', 'commit'] as const) {
      it(`lands an append that waited on a held append at the right revision after ${end}`, async () => {
        // given a stream at head 0, a held append at 1, and an append with any waiting on it
        const { store, schema } = await open();
        const c = call();
        const first = [callArrived(c.callId)];
        await store.append(c.stream, first, { expectedRevision: 'no-stream' });
        const heldEvents = [callAnswered(c.callId)];
        const held = await store.holdAppendOpen(c.stream, heldEvents);
        const mine = [callHungUp(c.callId)];
        const pending = store.append(c.stream, mine);
        await waitFor(
          async () => {
            const { rows } = await schema.pool.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks
               WHERE relation = 'events'::regclass AND cardinality(pg_blocking_pids(pid)) > 0`,
            );
            return rows[0]?.n === 1;
          },
          { what: 'the append to wait on the held transaction' },
        );

        // when the held append ends
        await held[end]();
        const result = await pending;

        // then the waiting append lands right after the committed head, without a gap
        const expected = end === 'commit' ? [...first, ...heldEvents, ...mine] : [...first, ...mine];
        expect(result.nextExpectedRevision).toBe(expected.length - 1);
        await expectLanded(store, c.stream, mine, result);
        await expectStream(store, c.stream, expected);
      });
    }
  });

  it('keeps streams gapless and results exact when two stores hammer the same streams', async () => {
    // given four streams, two created by each store
    const { store: a, schema } = await open();
    const b = await another(schema);
    const shared = Array.from({ length: 4 }, call);
    const stores = [a, b] as const;
    for (const [i, c] of shared.entries()) {
      await stores[i % 2]!.append(c.stream, [callArrived(c.callId)], { expectedRevision: 'no-stream' });
    }

    // when both append to them at once, in rounds (so heads are remembered, then made stale), with
    // any and exists, one to three events each
    interface Made {
      store: 0 | 1;
      stream: string;
      events: NewEvent[];
      result: AppendResult;
    }
    const made: Made[] = [];
    for (let round = 0; round < 10; round += 1) {
      const appends = Array.from({ length: 20 }, async (_, j) => {
        const i = round * 20 + j;
        const c = shared[(i + round) % shared.length]!;
        const which = ((i + (i >> 2)) % 2) as 0 | 1;
        const events = Array.from({ length: 1 + (i % 3) }, () => callAnswered(c.callId));
        const expectedRevision: ExpectedRevision = i % 5 === 0 ? 'exists' : 'any';
        const result = await stores[which].append(c.stream, events, { expectedRevision });
        return { store: which, stream: c.stream, events, result };
      });
      made.push(...(await Promise.all(appends)));
    }

    // (both paths were taken: 4 of the unprobed batches are the creations, and each store's first
    // round wrote to streams only the other store had written, which needs a probe)
    expect(a.stats.unprobed + b.stats.unprobed).toBeGreaterThan(4);
    for (const s of stores) expect(s.stats.batches).toBeGreaterThan(s.stats.unprobed);

    // then every stream has revisions 0..n-1, nothing lost, nothing twice
    for (const c of shared) {
      const stored = await a.readStream(c.stream);
      const mine = made.filter((m) => m.stream === c.stream);
      expect(stored.map((e) => e.streamRevision)).toEqual(stored.map((_, i) => i));
      expect(stored).toHaveLength(1 + mine.reduce((n, m) => n + m.events.length, 0));
      expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
    }
    expect(await a.readAll()).toHaveLength(4 + made.reduce((n, m) => n + m.events.length, 0));
    // and every append's result is where its events are: revision and position of its last event
    for (const m of made) await expectLanded(a, m.stream, m.events, m.result);
    // and one store's appends to a stream commit in call order
    for (const c of shared) {
      for (const which of [0, 1] as const) {
        const revisions = made
          .filter((m) => m.stream === c.stream && m.store === which)
          .map((m) => m.result.nextExpectedRevision);
        expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
      }
    }
  });
});
