/**
 * Every error Hotline raises on purpose is a HotlineError: a stable `code` (never reworded, clients
 * switch on it) and a `kind` that the transports map to a status in one place each
 * (HTTP: @hotline/platform, NATS: @hotline/messaging).
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'timeout'
  | 'unavailable'
  | 'internal';

export interface HotlineErrorOptions {
  cause?: unknown;
  details?: unknown;
}

export class HotlineError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: unknown;

  constructor(code: string, kind: ErrorKind, message: string, options: HotlineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.details = options.details;
  }

  toJSON(): { code: string; kind: ErrorKind; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, kind: this.kind, message: this.message }
      : { code: this.code, kind: this.kind, message: this.message, details: this.details };
  }
}

export function isHotlineError(error: unknown): error is HotlineError {
  return error instanceof HotlineError;
}

/** One entry per failed check, so a client can fix every problem in one round. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export class ValidationError extends HotlineError {
  constructor(
    code: string,
    message: string,
    issues: readonly ValidationIssue[] = [],
    options: HotlineErrorOptions = {},
  ) {
    super(code, 'invalid', message, { ...options, details: options.details ?? { issues } });
  }
}

export class NotFoundError extends HotlineError {
  constructor(code: string, message: string, options: HotlineErrorOptions = {}) {
    super(code, 'not_found', message, options);
  }
}

export class ConflictError extends HotlineError {
  constructor(code: string, message: string, options: HotlineErrorOptions = {}) {
    super(code, 'conflict', message, options);
  }
}
