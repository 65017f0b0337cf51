/**
 * The logging surface messaging needs: pino's `(fields, message)` call shape, so a pino logger
 * (from @hotline/platform) can be passed as is, and this package does not depend on pino.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { debug: 20, info: 30, warn: 40, error: 50 };

/** Errors serialise to `{}` with JSON.stringify; keep what an operator needs to see. */
function serialiseError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const withCode = value as Error & { code?: unknown };
  return {
    type: value.name,
    message: value.message,
    ...(withCode.code === undefined ? {} : { code: withCode.code }),
    stack: value.stack,
    ...(value.cause === undefined ? {} : { cause: serialiseError(value.cause) }),
  };
}

/**
 * A minimal JSON-lines logger on stderr (pino-compatible level numbers) for entry points that run
 * without @hotline/platform, such as the relay's `main.js`.
 */
export function jsonLogger(name: string, minLevel: Level = 'info'): Logger {
  const write = (level: Level, fields: object, message?: string): void => {
    if (LEVELS[level] < LEVELS[minLevel]) return;
    const entry: Record<string, unknown> = { level: LEVELS[level], time: Date.now(), name };
    for (const [key, value] of Object.entries(fields)) entry[key] = serialiseError(value);
    if (message !== undefined) entry.msg = message;
    process.stderr.write(
      `${JSON.stringify(entry, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
    );
  };
  return {
    debug: (f, m) => write('debug', f, m),
    info: (f, m) => write('info', f, m),
    warn: (f, m) => write('warn', f, m),
    error: (f, m) => write('error', f, m),
  };
}
