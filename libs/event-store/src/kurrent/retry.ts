/** Waits `ms` or until `signal` aborts, whichever is first; never rejects. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface RetryPolicy {
  /** Pause before each retry; its length is the number of retries (0 = no retry). */
  delaysMs: readonly number[];
  isTransient: (error: unknown) => boolean;
  sleep: Sleep;
}

/**
 * Short and bounded: a caller waiting on an append (an HTTP request, an ESL event) must get an
 * answer within about a second, and a leader election usually completes within that.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [50, 150, 400];

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or the retries run out (then
 * the last error is thrown). `attempt` must be safe to repeat: appends reuse their event ids.
 */
export async function withRetry<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const delay = policy.delaysMs[n];
      if (delay === undefined || !policy.isTransient(error)) throw error;
      await policy.sleep(delay);
    }
  }
}
