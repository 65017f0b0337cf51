import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  close: () => Promise<unknown>;
}

/** Where signals come from; `process` in production, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface ShutdownTimers {
  setTimeout(fn: () => void, ms: number): unknown;
}

export interface ShutdownOptions {
  logger: Logger;
  /** Steps run in this order: stop accepting HTTP, drain NATS, close pools. */
  steps: readonly ShutdownStep[];
  /** After this long the process exits with 1 whatever is still pending (default 10 s). */
  timeoutMs?: number;
  signals?: readonly NodeJS.Signals[];
  source?: SignalSource;
  exit?: (code: number) => void;
  timers?: ShutdownTimers;
}

export interface ShutdownHandle {
  /** Starts the shutdown as a signal would; the same promise on every call. */
  shutdown(reason: string): Promise<void>;
  /** Removes the signal listeners (for tests and for embedding). */
  uninstall(): void;
}

/**
 * Installs the graceful shutdown: on the first SIGINT/SIGTERM run the steps one after another
 * (a failing step is logged and the rest still run), then exit 0, or 1 if a step failed. Later
 * signals are logged and ignored — a terminal's Ctrl-C and a supervisor's SIGTERM often arrive
 * together — and the timeout (unref'd, so it never keeps a finished process alive) forces exit 1.
 */
export function installShutdown(options: ShutdownOptions): ShutdownHandle {
  const { logger, steps } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const source: SignalSource = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timers: ShutdownTimers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms).unref() };
  let running: Promise<void> | undefined;
  let exited = false;

  const finish = (code: number) => {
    if (exited) return;
    exited = true;
    exit(code);
  };

  const run = async (reason: string): Promise<void> => {
    logger.info({ reason, timeoutMs }, 'shutting down');
    timers.setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out; forcing exit');
      finish(1);
    }, timeoutMs);
    let failed = false;
    for (const step of steps) {
      if (exited) return;
      try {
        await step.close();
        logger.info({ step: step.name }, 'shutdown step done');
      } catch (error) {
        failed = true;
        logger.error({ step: step.name, err: error }, 'shutdown step failed');
      }
    }
    logger.info({ failed }, 'shutdown complete');
    finish(failed ? 1 : 0);
  };

  const shutdown = (reason: string): Promise<void> => {
    if (running) {
      logger.warn({ reason }, 'shutdown already in progress');
      return running;
    }
    running = run(reason);
    return running;
  };

  const listeners = signals.map((signal) => {
    const listener = () => void shutdown(signal);
    source.on(signal, listener);
    return { signal, listener };
  });

  return {
    shutdown,
    uninstall() {
      for (const { signal, listener } of listeners) source.removeListener(signal, listener);
    },
  };
}
