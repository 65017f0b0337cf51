import { ConflictError, HotlineError, ValidationError } from '@hotline/contracts';
import {
  ErrorType,
  WrongExpectedVersionError,
  isCommandError,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, EventStoreUnavailableError, type ExpectedRevision } from '../port.js';

// Everything the KurrentDB client throws leaves the adapter as a HotlineError, so callers switch on
// our codes and never import the client.

/** The client's error type, when `error` is one of its command errors. */
function commandErrorType(error: unknown): ErrorType | undefined {
  return error instanceof Error && isCommandError(error) ? error.type : undefined;
}

/**
 * Errors after which the same request may succeed: the node is unreachable, not the leader (the
 * client rediscovers the leader on the next call) or did not answer in time. An append that timed
 * out may have been written; retrying it with the same event ids is safe because KurrentDB treats a
 * repeated append of the same ids at the same expected revision as a no-op.
 */
export function isTransientKurrentError(error: unknown): boolean {
  const type = commandErrorType(error);
  return type !== undefined && TRANSIENT.has(type);
}

const TRANSIENT: ReadonlySet<ErrorType> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.NOT_LEADER,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
]);

/**
 * A catch-up subscription is kept alive through anything that is not a configuration or data
 * problem: a drop can surface as unavailable, cancelled by the server, an unknown bridge error or a
 * closed socket, and giving up on those would stop the relay and the projections.
 */
export function isRecoverableSubscriptionError(error: unknown): boolean {
  if (error instanceof HotlineError) return false;
  const type = commandErrorType(error);
  return type === undefined || !FATAL_FOR_SUBSCRIPTIONS.has(type);
}

const FATAL_FOR_SUBSCRIPTIONS: ReadonlySet<ErrorType> = new Set([
  ErrorType.ACCESS_DENIED,
  ErrorType.INVALID_ARGUMENT,
  ErrorType.UNSUPPORTED,
]);

export function isStreamNotFound(error: unknown): boolean {
  return commandErrorType(error) === ErrorType.STREAM_NOT_FOUND;
}

export function fromCurrentState(state: CurrentStreamState): number | 'no-stream' {
  return state === 'no_stream' ? 'no-stream' : Number(state);
}

const TOO_LARGE: ReadonlySet<ErrorType> = new Set([
  ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED,
  ErrorType.APPEND_RECORD_SIZE_EXCEEDED,
  ErrorType.TRANSACTION_MAX_SIZE_EXCEEDED,
]);

export interface ErrorContext {
  /** The stream as the caller named it (without the store's prefix). */
  stream?: string;
  expected?: ExpectedRevision;
}

export function toHotlineError(error: unknown, context: ErrorContext = {}): HotlineError {
  if (error instanceof HotlineError) return error;
  const where = context.stream === undefined ? '' : ` (stream ${context.stream})`;
  const message = error instanceof Error && error.message ? error.message : String(error);
  if (error instanceof WrongExpectedVersionError) {
    return new ConcurrencyError(
      context.stream ?? error.streamName,
      context.expected ?? 'any',
      fromCurrentState(error.actualState),
      { cause: error },
    );
  }
  const type = commandErrorType(error);
  if (type !== undefined && TOO_LARGE.has(type)) {
    return new ValidationError('APPEND_TOO_LARGE', `append exceeds KurrentDB's size limit${where}`, [], {
      cause: error,
    });
  }
  if (type === ErrorType.STREAM_DELETED || type === ErrorType.STREAM_TOMBSTONED) {
    return new ConflictError('STREAM_DELETED', `stream was deleted in KurrentDB${where}`, { cause: error });
  }
  if (type === ErrorType.ACCESS_DENIED) {
    // Our credentials are wrong: an operator problem, not the caller's.
    return new HotlineError('EVENT_STORE_ACCESS_DENIED', 'internal', `KurrentDB denied access${where}`, {
      cause: error,
    });
  }
  if (isTransientKurrentError(error)) {
    return new EventStoreUnavailableError(`KurrentDB unavailable${where}: ${message}`, { cause: error });
  }
  return new HotlineError('EVENT_STORE_FAILED', 'internal', `KurrentDB request failed${where}: ${message}`, {
    cause: error,
  });
}
