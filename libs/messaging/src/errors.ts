import { HotlineError, type ErrorKind, type HotlineErrorOptions } from '@hotline/contracts';

/** No reply within the caller's deadline: the command may or may not have been carried out. */
export class CommandTimeoutError extends HotlineError {
  constructor(subject: string, timeoutMs: number, options: HotlineErrorOptions = {}) {
    super('COMMAND_TIMEOUT', 'timeout', `no reply on ${subject} within ${timeoutMs} ms`, {
      ...options,
      details: { subject, timeoutMs },
    });
  }
}

/** Nobody serves the subject right now: the command was certainly not carried out. */
export class NoRespondersError extends HotlineError {
  constructor(subject: string, options: HotlineErrorOptions = {}) {
    super('NO_RESPONDERS', 'unavailable', `no service is listening on ${subject}`, {
      ...options,
      details: { subject },
    });
  }
}

/** The service answered with a typed error; `code` and `kind` are the remote ones, unchanged. */
export class RemoteCommandError extends HotlineError {
  readonly subject: string;

  constructor(subject: string, code: string, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details === undefined ? {} : { details });
    this.subject = subject;
  }
}

/** A reply (or a handler's result) that does not match the command's response schema. */
export class CommandResponseInvalidError extends HotlineError {
  constructor(subject: string, message: string, details?: unknown) {
    super('COMMAND_RESPONSE_INVALID', 'internal', `invalid response on ${subject}: ${message}`, {
      details,
    });
  }
}

/** The connection is closed or draining, or the request failed below the command layer. */
export class MessagingUnavailableError extends HotlineError {
  constructor(message: string, options: HotlineErrorOptions = {}) {
    super('NATS_UNAVAILABLE', 'unavailable', message, options);
  }
}

/** A subject template or token that NATS would misroute (empty, wildcard, whitespace, a dot). */
export class SubjectInvalidError extends HotlineError {
  constructor(message: string) {
    super('SUBJECT_INVALID', 'invalid', message);
  }
}
