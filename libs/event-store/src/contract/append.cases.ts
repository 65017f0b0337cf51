import { comparePositions, newEventId } from '@hotline/contracts';
import { expect, it } from 'vitest';
import { ConcurrencyError, DuplicateEventIdError, type ExpectedRevision } from '../port.js';
import type { ContractContext } from './event-store.contract.js';
import type { ContractFixture } from './fixture.js';
import { callAnswered, callArrived, callHungUp, metadata, newCall } from './support.js';

export function appendCases(ctx: ContractContext): void {
  it('appends and reads back every envelope field, by stream and in $all', async () => {
    const f = ctx.fixture();
    const { callId, stream } = newCall(f);
    const arrived = callArrived(callId);
    const hungUp = {
      ...callHungUp(callId),
      metadata: metadata(callId, { causationId: arrived.id, actor: 'system' }),
    };
    const before = new Date(Date.now() - 60_000);
    const result = await f.store.append(stream, [arrived, hungUp], { expectedRevision: 'no-stream' });
    expect(result.nextExpectedRevision).toBe(1);

    const read = await f.store.readStream(stream);
    expect(read).toHaveLength(2);
    [arrived, hungUp].forEach((sent, i) => {
      const got = read[i]!;
      expect(got.id).toBe(sent.id);
      expect(got.type).toBe(sent.type);
      expect(got.data).toEqual(sent.data);
      expect(got.metadata).toEqual(sent.metadata);
      expect(got.streamName).toBe(stream);
      expect(got.streamRevision).toBe(i);
      expect(got.recordedAt).toBeInstanceOf(Date);
      expect(got.recordedAt.getTime()).toBeGreaterThan(before.getTime());
      expect(typeof got.globalPosition.commit).toBe('bigint');
      expect(typeof got.globalPosition.prepare).toBe('bigint');
    });
    expect(comparePositions(read[0]!.globalPosition, read[1]!.globalPosition)).toBeLessThan(0);
    // The result's position is that of the last event appended.
    expect(read[1]!.globalPosition).toEqual(result.position);
    expect(await f.store.readAll()).toEqual(read);
  });

  it('continues a stream from the returned revision', async () => {
    const f = ctx.fixture();
    const { callId, stream } = newCall(f);
    const first = await f.store.append(stream, [callArrived(callId)], { expectedRevision: 'no-stream' });
    const second = await f.store.append(stream, [callAnswered(callId), callHungUp(callId)], {
      expectedRevision: first.nextExpectedRevision,
    });
    expect(second.nextExpectedRevision).toBe(2);
    const third = await f.store.append(stream, [callAnswered(callId)], { expectedRevision: 'exists' });
    expect(third.nextExpectedRevision).toBe(3);
    const fourth = await f.store.append(stream, [callAnswered(callId)]);
    expect(fourth.nextExpectedRevision).toBe(4);
    expect(comparePositions(first.position, second.position)).toBeLessThan(0);
    expect((await f.store.readStream(stream)).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each<[string, ExpectedRevision, boolean, number | 'no-stream']>([
    ['no-stream on an existing stream', 'no-stream', true, 1],
    ['exists on a missing stream', 'exists', false, 'no-stream'],
    ['a revision behind', 0, true, 1],
    ['a revision ahead', 5, true, 1],
    ['a revision on a missing stream', 0, false, 'no-stream'],
  ])('rejects %s with ConcurrencyError and writes nothing', async (_name, expected, existing, actual) => {
    const f = ctx.fixture();
    const { callId, stream } = newCall(f);
    if (existing) await f.store.append(stream, [callArrived(callId), callAnswered(callId)]);
    const before = await f.store.readAll();
    const error: unknown = await f.store
      .append(stream, [callHungUp(callId)], { expectedRevision: expected })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', kind: 'conflict', expected, actual });
    expect(await f.store.readAll()).toEqual(before);
  });

  it('lets exactly one of two concurrent writers with the same expected revision win', async () => {
    const f = ctx.fixture();
    const other = await f.openAnother();
    try {
      for (let round = 0; round < 10; round += 1) {
        const { callId, stream } = newCall(f);
        await f.store.append(stream, [callArrived(callId)], { expectedRevision: 'no-stream' });
        // Same process and a second process, racing on revision 0 and on creating a stream.
        const fresh = newCall(f);
        const results = await Promise.allSettled([
          f.store.append(stream, [callAnswered(callId)], { expectedRevision: 0 }),
          f.store.append(stream, [callAnswered(callId)], { expectedRevision: 0 }),
          other.append(stream, [callAnswered(callId)], { expectedRevision: 0 }),
          f.store.append(fresh.stream, [callArrived(fresh.callId)], { expectedRevision: 'no-stream' }),
          other.append(fresh.stream, [callArrived(fresh.callId)], { expectedRevision: 'no-stream' }),
        ]);
        const onStream = results.slice(0, 3);
        const onFresh = results.slice(3);
        for (const group of [onStream, onFresh]) {
          expect(group.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          for (const r of group.filter((x) => x.status === 'rejected')) {
            expect(r.reason).toBeInstanceOf(ConcurrencyError);
          }
        }
        expect(await f.store.readStream(stream)).toHaveLength(2);
        expect(await f.store.readStream(fresh.stream)).toHaveLength(1);
      }
    } finally {
      await other.close();
    }
  });

  it.each<[string, (first: number) => ExpectedRevision]>([
    ['the same expected revision', (first) => (first === 0 ? 'no-stream' : first - 1)],
    ['expected revision any', () => 'any'],
  ])('treats a retry with the same ids and %s as done, writing nothing', async (_name, expectedFor) => {
    const f = ctx.fixture();
    const other = await f.openAnother();
    try {
      const { callId, stream } = newCall(f);
      const arrived = callArrived(callId);
      const head = await f.store.append(stream, [arrived], { expectedRevision: expectedFor(0) });
      const events = [callAnswered(callId), callHungUp(callId)];
      const original = await f.store.append(stream, events, { expectedRevision: expectedFor(1) });
      const retried = await f.store.append(stream, events, { expectedRevision: expectedFor(1) });
      const fromOther = await other.append(stream, events, { expectedRevision: expectedFor(1) });
      const headAgain = await f.store.append(stream, [arrived], { expectedRevision: expectedFor(0) });
      expect(retried).toEqual(original);
      expect(fromOther).toEqual(original);
      expect(headAgain).toEqual(head);
      expect(await f.store.readStream(stream)).toHaveLength(3);
      expect(await f.store.readAll()).toHaveLength(3);
    } finally {
      await other.close();
    }
  });

  it('rejects an id already stored by another append with DuplicateEventIdError', async ({ skip }) => {
    const f = ctx.fixture();
    skipUnlessIdsUniqueAcrossAppends(f, skip);
    const a = newCall(f);
    const b = newCall(f);
    const stored = callArrived(a.callId);
    await f.store.append(a.stream, [stored, callAnswered(a.callId)]);
    const attempts = [
      // The same id in another stream.
      () => f.store.append(b.stream, [{ ...callArrived(b.callId), id: stored.id }]),
      // Part of a stored append plus a new event.
      () => f.store.append(a.stream, [stored, callHungUp(a.callId)]),
      // The stored event again, but where it cannot be a retry (another revision).
      () => f.store.append(a.stream, [stored], { expectedRevision: 1 }),
      // A new event first, then the stored one.
      () => f.store.append(b.stream, [callArrived(b.callId), stored]),
    ];
    for (const attempt of attempts) {
      const error: unknown = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ code: 'EVENT_ID_DUPLICATE', kind: 'conflict' });
    }
    expect(await f.store.readAll()).toHaveLength(2);
    expect(await f.store.readStream(b.stream)).toEqual([]);
  });

  it('answers concurrent appends with a repeated id one way each: one stored, the rest retries or duplicates', async ({
    skip,
  }) => {
    const f = ctx.fixture();
    skipUnlessIdsUniqueAcrossAppends(f, skip);
    const { callId, stream } = newCall(f);
    const id = newEventId();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? f.store.append(stream, [callArrived(callId, id)])
          : f.store.append(newCall(f).stream, [callArrived(callId, id)]),
      ),
    );
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateEventIdError);
    }
    const stored = await f.store.readAll();
    expect(stored.map((e) => e.id)).toEqual([id]);
    // Whoever wrote to the stored stream got its result (the original or the retry's).
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const r of fulfilled) expect(r.value.position).toEqual(stored[0]!.globalPosition);
    // Appends to the winning stream are retries when it is the shared one; otherwise only the winner.
    expect(fulfilled).toHaveLength(stored[0]!.streamName === stream ? 3 : 1);
  });
}

// Both duplicate-id cases reuse a stored id in another append (another stream, another revision,
// mixed with new events): an adapter whose storage dedupes per stream only cannot pass them.
function skipUnlessIdsUniqueAcrossAppends(f: ContractFixture, skip: (note?: string) => void): void {
  if (f.capabilities?.rejectsEventIdReuseAcrossAppends ?? true) return;
  skip('the adapter does not reject an event id reused in another append (its dedupe is per stream)');
}
