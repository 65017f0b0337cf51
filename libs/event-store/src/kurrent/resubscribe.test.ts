import { describe, expect, it } from 'vitest';
import type { GlobalPosition, RecordedEvent } from '@hotline/contracts';
import { resubscribing, type FeedConnection, type FeedItem } from './resubscribe.js';

class Dropped extends Error {}
class Fatal extends Error {}

const pos = (n: number): GlobalPosition => ({ commit: BigInt(n), prepare: BigInt(n) });

function ev(n: number): RecordedEvent {
  return {
    id: `id-${n}`,
    type: 'CallAnswered',
    data: {},
    metadata: { tenantId: 'acme', actor: 'system', occurredAt: '2026-03-02T09:00:00Z' },
    streamName: 'call-x',
    streamRevision: n,
    globalPosition: pos(n),
    recordedAt: new Date(0),
  };
}

/** An item the subscriber wants (n) or a record it does not (-n: filtered out, moves the checkpoint). */
const item = (n: number): FeedItem => (n > 0 ? { position: pos(n), event: ev(n) } : { position: pos(-n) });

/** What one connection does: deliver items, then drop with an error, end, or wait until closed. */
interface Script {
  items: number[];
  then: 'drop' | 'end' | 'hang' | Error;
}

/**
 * A source whose n-th connection plays the n-th script. It records where each connection was asked
 * to start and whether it was closed.
 */
function scriptedSource(scripts: Script[]) {
  const opened: (GlobalPosition | undefined)[] = [];
  const closed: boolean[] = [];
  const source = (after: GlobalPosition | undefined): FeedConnection => {
    const index = opened.push(after) - 1;
    closed.push(false);
    const script = scripts[index] ?? { items: [], then: 'hang' };
    let wake: (() => void) | undefined;
    return {
      async *[Symbol.asyncIterator]() {
        for (const n of script.items) yield item(n);
        if (script.then === 'drop') throw new Dropped('connection reset');
        if (script.then instanceof Error) throw script.then;
        if (script.then === 'hang' && !closed[index]) await new Promise<void>((r) => (wake = r));
      },
      close() {
        closed[index] = true;
        wake?.();
        return Promise.resolve();
      },
    };
  };
  return { source, opened, closed };
}

function options(after?: GlobalPosition) {
  const slept: number[] = [];
  const drops: [unknown, number][] = [];
  return {
    after,
    isRecoverable: (e: unknown) => !(e instanceof Fatal),
    initialDelayMs: 100,
    maxDelayMs: 400,
    sleep: (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    },
    onDrop: (e: unknown, n: number) => void drops.push([e, n]),
    slept,
    drops,
  };
}

async function take(sub: AsyncIterable<RecordedEvent>, count: number): Promise<number[]> {
  const out: number[] = [];
  if (count === 0) return out;
  for await (const e of sub) {
    out.push(e.streamRevision);
    if (out.length === count) break;
  }
  return out;
}

describe('resubscribing', () => {
  it('resubscribes after a drop strictly after the last delivered position', async () => {
    const { source, opened } = scriptedSource([
      { items: [1, 2, 3], then: 'drop' },
      { items: [4, 5], then: 'hang' },
    ]);
    const sub = resubscribing(source, options());
    expect(await take(sub, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(opened).toEqual([undefined, pos(3)]);
  });

  it('starts after the given checkpoint and never re-delivers what a reconnect replays', async () => {
    const { source, opened } = scriptedSource([
      { items: [5, 6, 7], then: 'drop' },
      // An inclusive or overlapping replay after the reconnect: 6 and 7 again, then new ones.
      { items: [6, 7, 8, 9], then: 'hang' },
    ]);
    const sub = resubscribing(source, options(pos(5)));
    expect(await take(sub, 4)).toEqual([6, 7, 8, 9]);
    expect(opened).toEqual([pos(5), pos(7)]);
  });

  it('moves the checkpoint past filtered records without delivering them', async () => {
    const { source, opened } = scriptedSource([
      { items: [1, -2, -3], then: 'drop' },
      { items: [4], then: 'hang' },
    ]);
    expect(await take(resubscribing(source, options()), 2)).toEqual([1, 4]);
    expect(opened).toEqual([undefined, pos(3)]);
  });

  it('also resubscribes when a connection simply ends, and tells onDrop', async () => {
    const o = options();
    const { source, opened } = scriptedSource([
      { items: [1], then: 'end' },
      { items: [2], then: 'hang' },
    ]);
    expect(await take(resubscribing(source, o), 2)).toEqual([1, 2]);
    expect(opened).toEqual([undefined, pos(1)]);
    expect(o.drops).toEqual([[undefined, 1]]);
  });

  it('backs off exponentially up to the cap while no progress is made, and resets on progress', async () => {
    const o = options();
    const { source, opened } = scriptedSource([
      { items: [], then: 'drop' },
      { items: [], then: 'drop' },
      { items: [], then: 'drop' },
      { items: [], then: 'drop' },
      { items: [1], then: 'drop' },
      { items: [2], then: 'hang' },
    ]);
    expect(await take(resubscribing(source, o), 2)).toEqual([1, 2]);
    expect(o.slept).toEqual([100, 200, 400, 400, 100]);
    expect(o.drops.map(([e, n]) => [e instanceof Dropped, n])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [true, 4],
      [true, 1],
    ]);
    expect(opened.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(opened[5]).toEqual(pos(1));
  });

  it('ends with the error when it is not recoverable, after closing the connection', async () => {
    const fatal = new Fatal('access denied');
    const { source, closed } = scriptedSource([{ items: [1], then: fatal }]);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const e of resubscribing(source, options())) seen.push(e.streamRevision);
      })(),
    ).rejects.toBe(fatal);
    expect(seen).toEqual([1]);
    expect(closed).toEqual([true]);
  });

  it('close() ends a pending read and closes the connection', async () => {
    const { source, closed } = scriptedSource([{ items: [1], then: 'hang' }]);
    const sub = resubscribing(source, options());
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const e of sub) {
        seen.push(e.streamRevision);
        // Close from outside while the loop is waiting for the next record.
        setImmediate(() => void sub.close());
      }
    })();
    await consumer;
    expect(seen).toEqual([1]);
    expect(closed).toEqual([true]);
  });

  it('breaking out of the loop closes the connection and does not reconnect', async () => {
    const { source, opened, closed } = scriptedSource([{ items: [1, 2, 3], then: 'hang' }]);
    const sub = resubscribing(source, options());
    expect(await take(sub, 2)).toEqual([1, 2]);
    expect(closed).toEqual([true]);
    expect(await take(sub, 1)).toEqual([]);
    expect(opened).toHaveLength(1);
    await sub.close();
  });
});
