/**
 * Time as the lease and the relay see it. `nowMs` only measures durations (a monotonic clock in
 * production), and tests drive everything with @hotline/test-kit's ManualClock.
 */
export interface Timers {
  nowMs(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  nowMs: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A sleep that ends early when `cancel` is called (stop, lease lost). */
export function sleep(timers: Timers, ms: number): { done: Promise<void>; cancel(): void } {
  let handle: unknown;
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
    handle = timers.setTimeout(resolve, ms);
  });
  return {
    done,
    cancel() {
      timers.clearTimeout(handle);
      finish();
    },
  };
}
