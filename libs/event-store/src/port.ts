import {
  ConflictError,
  HotlineError,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
} from '@hotline/contracts';

/** `no-stream`: must not exist; `exists`: must exist; `any`: no check; n: last revision must be n. */
export type ExpectedRevision = 'no-stream' | 'exists' | 'any' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expectedRevision. */
  nextExpectedRevision: number;
  /** Global position of the last event appended. */
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default: 0 forwards, the end backwards. */
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

/** Server-side filter for the $all feed: by stream-name prefix (e.g. `call-`) or by event type. */
export interface EventFilter {
  streamPrefixes?: readonly string[];
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: return events strictly after this position. Default: from the start. */
  after?: GlobalPosition;
  limit?: number;
  filter?: EventFilter;
}

export interface SubscribeAllOptions {
  /** Exclusive checkpoint: deliver events strictly after it. Default: from the start. */
  after?: GlobalPosition;
  filter?: EventFilter;
}

/**
 * A catch-up subscription to $all: never skips an event (including one whose transaction committed
 * after a later-numbered one), delivers in global order, and keeps following live appends.
 * Iterate it with `for await`; `close()` (or breaking the loop) stops it.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeAll(options?: SubscribeAllOptions): AllSubscription;
  close(): Promise<void>;
}

/** The stream's revision did not match the expected one. */
export class ConcurrencyError extends ConflictError {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  /** Actual last revision, or 'no-stream'. */
  readonly actual: number | 'no-stream';

  constructor(
    stream: string,
    expected: ExpectedRevision,
    actual: number | 'no-stream',
    options: { cause?: unknown } = {},
  ) {
    super(
      'CONCURRENCY_CONFLICT',
      `stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`,
      { ...options, details: { stream, expected, actual } },
    );
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The same event id was already stored somewhere that is not an exact retry of this append. */
export class DuplicateEventIdError extends ConflictError {
  constructor(eventId: string, options: { cause?: unknown } = {}) {
    super('EVENT_ID_DUPLICATE', `event id ${eventId} is already stored in another append`, {
      ...options,
      details: { eventId },
    });
  }
}

/** The backing store is unreachable or failed; safe to retry with the same event ids. */
export class EventStoreUnavailableError extends HotlineError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('EVENT_STORE_UNAVAILABLE', 'unavailable', message, options);
  }
}
