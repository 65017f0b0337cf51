import { comparePositions, type RecordedEvent } from '@hotline/contracts';
import { expect, it } from 'vitest';
import type { EventStore } from '../port.js';
import type { ContractContext } from './event-store.contract.js';
import {
  callAnswered,
  callArrived,
  callHungUp,
  callLife,
  collect,
  newCall,
  readAllPaged,
  settle,
  waitFor,
} from './support.js';

function expectExactlyOnceInOrder(delivered: RecordedEvent[], all: RecordedEvent[]): void {
  expect(new Set(delivered.map((e) => e.id)).size).toBe(delivered.length);
  expect(delivered.map((e) => e.id)).toEqual(all.map((e) => e.id));
  for (let i = 1; i < delivered.length; i += 1) {
    expect(comparePositions(delivered[i - 1]!.globalPosition, delivered[i]!.globalPosition)).toBeLessThan(0);
  }
}

export function subscribeCases(ctx: ContractContext): void {
  it('catches up, then follows live appends', async () => {
    const f = ctx.fixture();
    const a = newCall(f);
    await f.store.append(a.stream, callLife(a.callId));
    const sub = f.store.subscribeAll();
    const got = collect(sub);
    await waitFor(() => got.events.length === 3, 'the catch-up');
    const b = newCall(f);
    await f.store.append(b.stream, [callArrived(b.callId)]);
    await waitFor(() => got.events.length === 4, 'a live event');
    await f.store.append(b.stream, [callAnswered(b.callId), callHungUp(b.callId)]);
    await waitFor(() => got.events.length === 6, 'more live events');
    await sub.close();
    await got.ended;
    expect(got.events).toEqual(await f.store.readAll());
  });

  it('resumes after a checkpoint with exactly the rest, filtered if asked', async () => {
    const f = ctx.fixture();
    const calls = [newCall(f), newCall(f), newCall(f)];
    for (const c of calls) await f.store.append(c.stream, callLife(c.callId));
    const all = await f.store.readAll();
    const first = f.store.subscribeAll();
    const taken: RecordedEvent[] = [];
    for await (const event of first) {
      taken.push(event);
      if (taken.length === 4) break; // Leaving the loop closes the subscription.
    }
    const checkpoint = taken[3]!.globalPosition;
    const rest = collect(f.store.subscribeAll({ after: checkpoint }));
    const answered = collect(
      f.store.subscribeAll({ after: checkpoint, filter: { eventTypes: ['CallAnswered'] } }),
    );
    await waitFor(() => rest.events.length === 5, 'the rest');
    const wanted = all.slice(4).filter((e) => e.type === 'CallAnswered');
    await waitFor(() => answered.events.length === wanted.length, 'the filtered rest');
    await f.store.close();
    await Promise.all([rest.ended, answered.ended]);
    expect(taken).toEqual(all.slice(0, 4));
    expect(rest.events).toEqual(all.slice(4));
    expect(answered.events).toEqual(wanted);
  });

  it('delivers an append whose transaction began first but committed last, in order, skipping nothing', async ({
    skip,
  }) => {
    const f = ctx.fixture();
    if (!f.holdAppendOpen) skip('the adapter commits in global order: no append can commit out of order');
    const hold = f.holdAppendOpen!.bind(f);
    const a = newCall(f);
    await f.store.append(a.stream, [callArrived(a.callId), callAnswered(a.callId)]);
    const h = newCall(f);
    const heldEvent = callArrived(h.callId);
    const held = await hold(h.stream, [heldEvent]);
    const later = [newCall(f), newCall(f)];
    try {
      for (const c of later) await f.store.append(c.stream, callLife(c.callId));
      // Nothing after the open append may be visible yet: a reader resuming after a later event
      // would never see the held one.
      expect((await f.store.readAll()).map((e) => e.streamName)).toEqual([a.stream, a.stream]);
      const got = collect(f.store.subscribeAll());
      await waitFor(() => got.events.length >= 2, 'the events before the held append');
      await settle(f, got);
      expect(got.events.map((e) => e.streamName)).toEqual([a.stream, a.stream]);
      await held.commit();
      await waitFor(() => got.events.length === 9, 'every event once the held append commits');
      const all = await f.store.readAll();
      expectExactlyOnceInOrder(got.events, all);
      const ids = got.ids();
      // The held append took its place in the log before the later ones.
      expect(ids.indexOf(heldEvent.id)).toBe(2);
      await f.store.close();
      await got.ended;
      expect(got.events).toHaveLength(9);
    } finally {
      await held.rollback();
    }
  });

  it('gives a follower every event exactly once, in $all order, under many concurrent writers', async () => {
    const f = ctx.fixture();
    const other = await f.openAnother();
    const early = collect(f.store.subscribeAll());
    const streams = Array.from({ length: 64 }, () => newCall(f));
    const appendsPerStream = 6;
    let late: ReturnType<typeof collect> | undefined;
    const writer = async (store: EventStore, c: { callId: string; stream: string }, index: number) => {
      let expectedRevision: number | 'no-stream' = 'no-stream';
      for (let n = 0; n < appendsPerStream; n += 1) {
        const events =
          n % 3 === 2 ? [callAnswered(c.callId), callHungUp(c.callId)] : [callAnswered(c.callId)];
        const result = await store.append(c.stream, events, { expectedRevision });
        expectedRevision = result.nextExpectedRevision;
        // A second follower joins mid-way: its catch-up meets the live tail.
        if (index === 0 && n === 2) late = collect(f.store.subscribeAll());
      }
    };
    try {
      await Promise.all(streams.map((c, i) => writer(i % 2 === 0 ? f.store : other, c, i)));
      const total = 64 * (appendsPerStream + appendsPerStream / 3);
      await waitFor(() => early.events.length >= total && (late?.events.length ?? 0) >= total, 'all events');
      const all = await readAllPaged(f);
      expect(all).toHaveLength(total);
      expectExactlyOnceInOrder(early.events, all);
      expectExactlyOnceInOrder(late!.events, all);
      for (const c of streams) {
        const mine = early.events.filter((e) => e.streamName === c.stream).map((e) => e.streamRevision);
        expect(mine).toEqual(mine.map((_, i) => i));
      }
    } finally {
      await other.close();
    }
  });

  it('ends its subscriptions when the store closes', async () => {
    const f = ctx.fixture();
    const { callId, stream } = newCall(f);
    await f.store.append(stream, [callArrived(callId)]);
    const got = collect(f.store.subscribeAll());
    await waitFor(() => got.events.length === 1, 'the first event');
    await f.store.close();
    await got.ended;
    expect(got.events).toHaveLength(1);
  });
}
