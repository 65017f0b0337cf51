import { comparePositions, type RecordedEvent } from '@hotline/contracts';
import { expect, it } from 'vitest';
import type { ContractContext } from './event-store.contract.js';
import { callAnswered, callArrived, callHungUp, callLife, newCall } from './support.js';

const revisions = (events: RecordedEvent[]): number[] => events.map((e) => e.streamRevision);

export function readCases(ctx: ContractContext): void {
  it('reads a stream forwards and backwards, from a revision (inclusive), with a limit', async () => {
    const f = ctx.fixture();
    const { callId, stream } = newCall(f);
    await f.store.append(stream, [...callLife(callId), callAnswered(callId), callHungUp(callId)]);
    const read = (o: Parameters<typeof f.store.readStream>[1]) => f.store.readStream(stream, o);
    expect(revisions(await read({}))).toEqual([0, 1, 2, 3, 4]);
    expect(revisions(await read({ fromRevision: 2 }))).toEqual([2, 3, 4]);
    expect(revisions(await read({ limit: 2 }))).toEqual([0, 1]);
    expect(revisions(await read({ fromRevision: 1, limit: 3 }))).toEqual([1, 2, 3]);
    expect(revisions(await read({ direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
    expect(revisions(await read({ direction: 'backwards', fromRevision: 3, limit: 2 }))).toEqual([3, 2]);
    expect(revisions(await read({ direction: 'backwards', limit: 1 }))).toEqual([4]);
    expect(await read({ fromRevision: 5 })).toEqual([]);
    expect(await read({ limit: 0 })).toEqual([]);
    expect(await f.store.readStream(newCall(f).stream)).toEqual([]);
    expect(await f.store.readStream(newCall(f).stream, { direction: 'backwards' })).toEqual([]);
  });

  it('orders revisions as numbers past 9', async () => {
    const f = ctx.fixture();
    const { callId, stream } = newCall(f);
    await f.store.append(stream, [
      ...callLife(callId),
      ...callLife(callId),
      ...callLife(callId),
      ...callLife(callId),
    ]);
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(revisions(await f.store.readStream(stream))).toEqual(upTo(12));
    expect(revisions(await f.store.readStream(stream, { direction: 'backwards' }))).toEqual(
      upTo(12).reverse(),
    );
    expect(revisions(await f.store.readStream(stream, { fromRevision: 9, limit: 2 }))).toEqual([9, 10]);
  });

  it('reads $all in global order, after a checkpoint (exclusive), with a limit', async () => {
    const f = ctx.fixture();
    const calls = [newCall(f), newCall(f), newCall(f)];
    for (const { callId, stream } of calls) await f.store.append(stream, [callArrived(callId)]);
    for (const { callId, stream } of calls)
      await f.store.append(stream, [callAnswered(callId), callHungUp(callId)]);
    const all = await f.store.readAll();
    expect(all).toHaveLength(9);
    for (let i = 1; i < all.length; i += 1) {
      expect(comparePositions(all[i - 1]!.globalPosition, all[i]!.globalPosition)).toBeLessThan(0);
    }
    // Append order is global order here (each append committed before the next began).
    expect(all.map((e) => e.streamName)).toEqual(
      [...calls, ...calls.flatMap((c) => [c, c])].map((c) => c.stream),
    );
    expect(await f.store.readAll({ limit: 4 })).toEqual(all.slice(0, 4));
    expect(await f.store.readAll({ after: all[3]!.globalPosition })).toEqual(all.slice(4));
    expect(await f.store.readAll({ after: all[3]!.globalPosition, limit: 2 })).toEqual(all.slice(4, 6));
    expect(await f.store.readAll({ after: all[8]!.globalPosition })).toEqual([]);
    expect(await f.store.readAll({ limit: 0 })).toEqual([]);
    // Paging by checkpoints visits every event once.
    const paged: RecordedEvent[] = [];
    for (;;) {
      const last = paged[paged.length - 1];
      const page = await f.store.readAll({ limit: 2, ...(last ? { after: last.globalPosition } : {}) });
      if (page.length === 0) break;
      paged.push(...page);
    }
    expect(paged).toEqual(all);
  });

  it('filters $all by stream prefix and by event type', async () => {
    const f = ctx.fixture();
    const a = newCall(f);
    const b = newCall(f);
    await f.store.append(a.stream, callLife(a.callId));
    await f.store.append(b.stream, callLife(b.callId));
    const all = await f.store.readAll();
    const where = (pred: (e: RecordedEvent) => boolean) => all.filter(pred);

    expect(await f.store.readAll({ filter: { streamPrefixes: [a.stream] } })).toEqual(
      where((e) => e.streamName === a.stream),
    );
    expect(await f.store.readAll({ filter: { streamPrefixes: [a.stream, b.stream] } })).toEqual(all);
    expect(await f.store.readAll({ filter: { streamPrefixes: ['call-'] } })).toEqual(all);
    expect(await f.store.readAll({ filter: { streamPrefixes: ['agent-'] } })).toEqual([]);
    // LIKE wildcards in a prefix are literal characters.
    expect(await f.store.readAll({ filter: { streamPrefixes: ['call_'] } })).toEqual([]);
    expect(await f.store.readAll({ filter: { streamPrefixes: ['%'] } })).toEqual([]);

    expect(await f.store.readAll({ filter: { eventTypes: ['CallAnswered'] } })).toEqual(
      where((e) => e.type === 'CallAnswered'),
    );
    expect(await f.store.readAll({ filter: { eventTypes: ['CallArrived', 'CallHungUp'] } })).toEqual(
      where((e) => e.type !== 'CallAnswered'),
    );
    const both = await f.store.readAll({
      filter: { streamPrefixes: [b.stream], eventTypes: ['CallHungUp'] },
    });
    expect(both).toEqual(where((e) => e.streamName === b.stream && e.type === 'CallHungUp'));
    expect(both).toHaveLength(1);

    const firstAnswered = where((e) => e.type === 'CallAnswered')[0]!;
    expect(
      await f.store.readAll({
        after: firstAnswered.globalPosition,
        filter: { eventTypes: ['CallAnswered'] },
      }),
    ).toEqual(where((e) => e.type === 'CallAnswered').slice(1));
    expect(await f.store.readAll({ limit: 1, filter: { eventTypes: ['CallHungUp'] } })).toEqual([
      where((e) => e.type === 'CallHungUp')[0],
    ]);
  });
}
