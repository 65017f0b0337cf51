import type { Logger } from 'pino';

export type CheckStatus = 'up' | 'down';

export interface CheckResult {
  status: CheckStatus;
  durationMs: number;
  /** Only the class of failure: the detail is logged, not published on an unauthenticated route. */
  reason?: 'error' | 'timeout';
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckResult>;
}

/** A dependency probe: resolves when the dependency is usable, rejects (or hangs) when not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: never): void;
}

export interface CheckOptions {
  timeoutMs?: number;
  logger?: Logger;
  timers?: Timers;
  now?: () => number;
}

const TIMED_OUT = Symbol('timed out');

/** Runs every check in parallel, each bounded by `timeoutMs`, and reports them all. */
export async function runReadinessChecks(
  checks: Readonly<Record<string, ReadinessCheck>>,
  options: CheckOptions = {},
): Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const timers = options.timers ?? globalThis;
  const now = options.now ?? (() => performance.now());
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      const started = now();
      let handle: unknown;
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        handle = timers.setTimeout(() => resolve(TIMED_OUT), timeoutMs);
      });
      try {
        const outcome = await Promise.race([check(), timeout]);
        const durationMs = Math.round(now() - started);
        if (outcome === TIMED_OUT) {
          options.logger?.warn({ check: name, timeoutMs }, 'readiness check timed out');
          return [name, { status: 'down', durationMs, reason: 'timeout' }];
        }
        return [name, { status: 'up', durationMs }];
      } catch (error) {
        options.logger?.warn({ check: name, err: error }, 'readiness check failed');
        return [name, { status: 'down', durationMs: Math.round(now() - started), reason: 'error' }];
      } finally {
        timers.clearTimeout(handle as never);
      }
    }),
  );
  const results = Object.fromEntries(entries);
  const ready = entries.every(([, result]) => result.status === 'up');
  return { status: ready ? 'ready' : 'not_ready', checks: results };
}
