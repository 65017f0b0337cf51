import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Wakeups } from './wakeups.js';

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
