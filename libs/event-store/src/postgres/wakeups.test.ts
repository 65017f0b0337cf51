import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PgNotifier, Wakeups } from './wakeups.js';

describe('Wakeups', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const settled = async (p: Promise<void>): Promise<boolean> => {
    let done = false;
    void p.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    return done;
  };

  it('wakes a waiter on signal', async () => {
    const w = new Wakeups();
    const waiting = w.wait(w.generation, 60_000, new AbortController().signal);
    expect(await settled(waiting)).toBe(false);
    w.signal();
    expect(await settled(waiting)).toBe(true);
  });

  it('does not sleep when a signal came after the caller looked (no lost wake-up)', async () => {
    const w = new Wakeups();
    const seen = w.generation;
    w.signal(); // e.g. a commit while the caller's poll was running
    expect(await settled(w.wait(seen, 60_000, new AbortController().signal))).toBe(true);
  });

  it('gives up at the timeout (the safety poll) and on abort', async () => {
    const w = new Wakeups();
    const timed = w.wait(w.generation, 500, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(499);
    expect(await settled(timed)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(timed)).toBe(true);

    const abort = new AbortController();
    const aborted = w.wait(w.generation, 60_000, abort.signal);
    expect(await settled(aborted)).toBe(false);
    abort.abort();
    expect(await settled(aborted)).toBe(true);
  });
});

describe('PgNotifier hints', () => {
  const INTERVAL = 2; // NOTIFY_INTERVAL_MS
  const GRACE = 1; // HINT_GRACE_MS
  const channel = 'hotline_events_test';
  const NOTIFY = 'SELECT pg_notify($1, $2)';

  beforeEach(() => {
    // performance.now() drives the interval: it has to move with the fake clock.
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  type Query = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;

  /** A notifier that never listens (no connection), over a fake pool that records its queries. */
  function notifier(query: Query = () => Promise.resolve({ rows: [] })) {
    const spy = vi.fn(query);
    const pool = { query: spy } as unknown as pg.Pool;
    return { notifier: new PgNotifier('postgres://unused', channel, new Wakeups(), pool), query: spy };
  }

  /** A query that stays in flight until `settle` is called. */
  function deferredQuery() {
    const settles: ((ok: boolean) => void)[] = [];
    const query: Query = () =>
      new Promise((resolve, reject) => {
        settles.push((ok) => (ok ? resolve({ rows: [] }) : reject(new Error('connection lost'))));
      });
    return { query, settle: (ok = true) => settles.shift()?.(ok) };
  }

  it('claims a hint for the first statement: the channel and its own instance id', () => {
    const { notifier: n, query } = notifier();
    const hint = n.claim();
    expect(hint).toEqual([channel, expect.any(String)]);
    expect(hint?.[1]).not.toBe('');
    expect(query).not.toHaveBeenCalled();
  });

  it('claims at most one hint per interval', async () => {
    const { notifier: n } = notifier();
    const first = n.claim();
    expect(first).toBeDefined();
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(n.claim()).toBeUndefined();
    expect(n.claim()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    // the same payload every time: followers recognise their own store by it
    expect(n.claim()).toEqual(first);
    expect(n.claim()).toBeUndefined();
  });

  it('sends one NOTIFY of its own for an uncovered commit, at interval + grace after the last hint', async () => {
    const { notifier: n, query } = notifier();
    const [, payload] = n.claim()!;
    await vi.advanceTimersByTimeAsync(1);
    n.uncovered();
    await vi.advanceTimersByTimeAsync(INTERVAL + GRACE - 1 - 1); // 1 ms before the deadline
    expect(query).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query).toHaveBeenCalledWith(NOTIFY, [channel, payload]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('sends an uncovered commit at once when no hint went out recently', async () => {
    const { notifier: n, query } = notifier();
    n.uncovered();
    await vi.advanceTimersByTimeAsync(0);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0]?.[1]).toEqual([channel, expect.any(String)]);
  });

  it('sends no NOTIFY of its own when a claim covers the uncovered commit before the timer fires', async () => {
    const { notifier: n, query } = notifier();
    expect(n.claim()).toBeDefined();
    await vi.advanceTimersByTimeAsync(1);
    n.uncovered();
    await vi.advanceTimersByTimeAsync(1);
    expect(n.claim()).toBeDefined(); // a statement carries the hint: it commits after the uncovered commit
    await vi.advanceTimersByTimeAsync(1000);
    expect(query).not.toHaveBeenCalled();
  });

  it('coalesces many uncovered commits in one interval into one NOTIFY', async () => {
    const { notifier: n, query } = notifier();
    n.claim();
    for (let i = 0; i < 10; i += 1) {
      n.uncovered();
      await vi.advanceTimersByTimeAsync(0.2);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(query).toHaveBeenCalledTimes(1);

    // and a burst with no hint before it, too
    const fresh = notifier();
    for (let i = 0; i < 10; i += 1) fresh.notifier.uncovered();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fresh.query).toHaveBeenCalledTimes(1);
  });

  it('claims nothing while a NOTIFY of its own is in flight, and sends one more after it for commits meanwhile', async () => {
    const deferred = deferredQuery();
    const { notifier: n, query } = notifier(deferred.query);
    n.uncovered();
    await vi.advanceTimersByTimeAsync(0);
    expect(query).toHaveBeenCalledTimes(1);

    // while it is in flight, long past the interval
    await vi.advanceTimersByTimeAsync(50);
    expect(n.claim()).toBeUndefined();
    n.uncovered();
    await vi.advanceTimersByTimeAsync(50);
    expect(query).toHaveBeenCalledTimes(1);

    // once it settles, the commit meanwhile gets one more
    deferred.settle();
    await vi.advanceTimersByTimeAsync(INTERVAL + GRACE);
    expect(query).toHaveBeenCalledTimes(2);
    deferred.settle();
    await vi.advanceTimersByTimeAsync(1000);
    expect(query).toHaveBeenCalledTimes(2);
    expect(n.claim()).toBeDefined();
  });

  it('sends nothing more after an in-flight NOTIFY settles when nothing committed meanwhile', async () => {
    const deferred = deferredQuery();
    const { notifier: n, query } = notifier(deferred.query);
    n.uncovered();
    await vi.advanceTimersByTimeAsync(0);
    deferred.settle();
    await vi.advanceTimersByTimeAsync(1000);
    expect(query).toHaveBeenCalledTimes(1);
    expect(n.claim()).toBeDefined();
  });

  it('swallows a failed NOTIFY and goes on hinting', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const deferred = deferredQuery();
      const { notifier: n, query } = notifier(deferred.query);
      n.uncovered();
      await vi.advanceTimersByTimeAsync(0);
      n.uncovered();
      deferred.settle(false);
      await vi.advanceTimersByTimeAsync(INTERVAL + GRACE);
      // the commit during the failed one still gets its NOTIFY
      expect(query).toHaveBeenCalledTimes(2);
      deferred.settle(false);
      await vi.advanceTimersByTimeAsync(INTERVAL);
      expect(n.claim()).toBeDefined();
      // let Node report unhandled rejections, if any (it does so after the microtask queue drains)
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('cancels a scheduled NOTIFY on close, and claims nothing after', async () => {
    const { notifier: n, query } = notifier();
    n.claim();
    n.uncovered();
    await n.close();
    expect(vi.getTimerCount()).toBe(0); // nothing left to keep the process alive
    await vi.advanceTimersByTimeAsync(1000);
    expect(query).not.toHaveBeenCalled();
    expect(n.claim()).toBeUndefined();
    n.uncovered();
    await vi.advanceTimersByTimeAsync(1000);
    expect(query).not.toHaveBeenCalled();
  });

  it('waits on close for a NOTIFY in flight', async () => {
    const deferred = deferredQuery();
    const { notifier: n } = notifier(deferred.query);
    n.uncovered();
    await vi.advanceTimersByTimeAsync(0);
    let closed = false;
    void n.close().then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(closed).toBe(false);
    deferred.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(true);
  });
});
