export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Stops waiting early, e.g. when the process has exited. */
  gaveUp?: () => boolean;
  fetch?: (url: string) => Promise<{ status: number }>;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers 200; false on timeout or when `gaveUp` says so. */
export async function waitForReady(url: string, options: WaitOptions = {}): Promise<boolean> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 250;
  const get = options.fetch ?? ((target: string) => fetch(target, { signal: AbortSignal.timeout(2000) }));
  const sleep = options.sleep ?? realSleep;
  for (let waited = 0; waited <= timeoutMs; waited += intervalMs) {
    if (options.gaveUp?.() === true) return false;
    try {
      if ((await get(url)).status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(intervalMs);
  }
  return false;
}
