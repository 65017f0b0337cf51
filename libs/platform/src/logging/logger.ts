import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { sanitizeLogLine } from './mask.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = LevelWithSilent;

export interface LoggerOptions {
  /** Service name, on every line as `service`. */
  service: string;
  level?: LogLevelName;
  /** Where lines go: stdout, synchronously (a crash loses no line), by default. Tests capture. */
  destination?: DestinationStream;
}

/**
 * The one way Hotline creates a logger: JSON lines with `service` and `pid`, ISO time, `err`
 * serialized, and every line (message, bindings, serializer output) passed through the
 * secret/phone masking of `sanitizeLogLine` just before it is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: sanitizeLogLine },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Correlation fields that child loggers carry (DESIGN §2: correlationId = call id). */
export interface LogContext {
  callId?: string;
  agentId?: string;
  tenantId?: string;
  queueId?: string;
  flowId?: string;
}

/** A child logger with the given correlation fields; undefined fields are left out. */
export function withContext(logger: Logger, context: LogContext): Logger {
  const bindings: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value === 'string') bindings[key] = value;
  }
  return logger.child(bindings);
}
