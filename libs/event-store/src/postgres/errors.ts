import { HotlineError } from '@hotline/contracts';
import { EventStoreUnavailableError } from '../port.js';

/** SQLSTATE of a PostgreSQL error, when the error came from the server. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

// Classes 08 (connection), 53 (insufficient resources), 57 (operator intervention: shutdown,
// cancel) and 58 (system error) say nothing about the request itself: retrying it later is right.
const unavailableClasses = new Set(['08', '53', '57', '58']);

/** True for errors that mean "the database is unreachable or failing", not "this request is bad". */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  if (error instanceof HotlineError) return false;
  const state = sqlState(error);
  if (state !== undefined) return unavailableClasses.has(state.slice(0, 2));
  if (!(error instanceof Error)) return false;
  // No SQLSTATE: a socket error (ECONNREFUSED, ECONNRESET, …) or pg's own "Connection terminated",
  // "timeout exceeded when trying to connect", "Client has encountered a connection error".
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return true;
  return /connection|connect|terminated|not queryable|pool after calling end/i.test(error.message);
}

/** Passes typed errors through; wraps database failures so callers see one retryable error type. */
export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof HotlineError) return error;
  if (isUnavailable(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailableError(`${what}: ${reason}`, { cause: error });
  }
  return error;
}

/** Unique violation: an id already stored, or a stream's next revision taken by another writer. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** Unique violation (an event id stored concurrently) and deadlock: the batch is retried one by one. */
export function isRetryableConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === '23505' || state === '40P01' || state === '40001';
}
