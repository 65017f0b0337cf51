import type { GlobalPosition, RecordedEvent } from '@hotline/contracts';
import type pg from 'pg';
import type { AllSubscription, SubscribeAllOptions } from '../port.js';
import { isUnavailable, toStoreError } from './errors.js';
import { PageQuery, isHeld, nextCursor } from './page.js';
import type { Wakeups } from './wakeups.js';

export interface FollowerOptions {
  pool: pg.Pool;
  wakeups: Wakeups;
  /** Safety poll when no hint arrives. */
  pollIntervalMs: number;
  /** Rows per poll; a full page is followed by the next poll at once. */
  batchSize: number;
  /** Starts the store's listener (lazily, with the first subscription). */
  onStart(): void;
  onClose(sub: PgSubscription): void;
}

// Backoff while committed rows wait behind an older open transaction: short at first (that
// transaction is usually a concurrent append about to commit), growing so a long one costs little.
const HELD_BACKOFF_MIN_MS = 2;
const HELD_BACKOFF_MAX_MS = 100;
const ERROR_BACKOFF_MAX_MS = 5000;

/**
 * A catch-up-then-live follower of the global log. Pull-based: it polls only when its consumer has
 * taken everything buffered (at most one page), so a slow consumer never makes it buffer more.
 * Polling is the truth; wake-ups only decide when to poll.
 */
export class PgSubscription implements AllSubscription {
  /** Polls begun and finished, so a test can wait for a poll that started after a point in time. */
  pollsStarted = 0;
  pollsFinished = 0;
  private cursor: GlobalPosition | undefined;
  private buffer: RecordedEvent[] = [];
  private caughtUpAt: number | undefined;
  private held = false;
  private heldBackoffMs = HELD_BACKOFF_MIN_MS;
  private readonly abort = new AbortController();
  private readonly query: PageQuery;
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  private pollWaiters: { target: number; resolve: () => void }[] = [];

  constructor(
    private readonly options: FollowerOptions,
    subscribe: SubscribeAllOptions,
  ) {
    this.cursor = subscribe.after;
    this.query = new PageQuery(subscribe.filter);
    options.onStart();
  }

  get closed(): boolean {
    return this.abort.signal.aborted;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      // Calls are chained: a second next() before the first settles waits its turn.
      next: () => {
        const run = (this.pending ?? Promise.resolve()).then(() => this.next());
        this.pending = run.catch(() => ({ done: true, value: undefined }));
        return run;
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    this.shutdown();
    await this.pending;
  }

  /** Resolves after a poll that starts after this call has finished (or on close). */
  polled(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const target = this.pollsStarted + 1;
    return new Promise((resolve) => this.pollWaiters.push({ target, resolve }));
  }

  private shutdown(): void {
    if (this.closed) return;
    this.abort.abort();
    this.buffer = [];
    this.options.onClose(this);
    this.releasePollWaiters(Number.POSITIVE_INFINITY);
  }

  private releasePollWaiters(finished: number): void {
    const ready = this.pollWaiters.filter((w) => w.target <= finished);
    this.pollWaiters = this.pollWaiters.filter((w) => w.target > finished);
    for (const w of ready) w.resolve();
  }

  private async next(): Promise<IteratorResult<RecordedEvent>> {
    let errorBackoffMs = 100;
    while (!this.closed) {
      const event = this.buffer.shift();
      if (event) return { done: false, value: event };
      const { wakeups } = this.options;
      const seen = this.caughtUpAt;
      if (seen !== undefined && !this.held) {
        // Caught up at `seen`: sleep until something happens (or the safety poll is due).
        await wakeups.wait(seen, this.options.pollIntervalMs, this.abort.signal);
      } else if (seen !== undefined) {
        await wakeups.wait(seen, this.heldBackoffMs, this.abort.signal);
        this.heldBackoffMs = Math.min(this.heldBackoffMs * 2, HELD_BACKOFF_MAX_MS);
      }
      if (this.closed) break;
      try {
        await this.poll();
        errorBackoffMs = 100;
      } catch (error) {
        if (!isUnavailable(error)) {
          this.shutdown();
          throw toStoreError(error, 'subscription poll');
        }
        // The database is away: keep trying from the same cursor, more slowly, until closed.
        await sleep(errorBackoffMs, this.abort.signal);
        errorBackoffMs = Math.min(errorBackoffMs * 2, ERROR_BACKOFF_MAX_MS);
      }
    }
    return { done: true, value: undefined };
  }

  private async poll(): Promise<void> {
    const generation = this.options.wakeups.generation;
    this.pollsStarted += 1;
    try {
      const { batchSize, pool } = this.options;
      const page = await this.query.fetch(pool, this.cursor, batchSize);
      if (this.closed) return;
      this.held = isHeld(page);
      if (page.events.length > 0) this.heldBackoffMs = HELD_BACKOFF_MIN_MS;
      // Unless everything below the horizon was read, more is waiting now: poll again at once.
      const caughtUp = page.exhausted && page.events.length < batchSize;
      this.caughtUpAt = caughtUp ? generation : undefined;
      this.cursor = nextCursor(page, batchSize, this.cursor);
      this.buffer = page.events;
    } finally {
      this.pollsFinished += 1;
      this.releasePollWaiters(this.pollsFinished);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
