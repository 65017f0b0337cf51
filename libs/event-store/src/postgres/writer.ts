import type { NewEvent } from '@hotline/contracts';
import type pg from 'pg';
import type { HeldAppend } from '../contract/fixture.js';
import { EventStoreUnavailableError, type AppendResult, type ExpectedRevision } from '../port.js';
import {
  atRevisionParams,
  atRevisionResults,
  batchParams,
  takeBatch,
  valuesParams,
  type AtRevisionsRow,
  type Hint,
  type PendingAppend,
} from './batch.js';
import { isUnavailable, isUniqueViolation, toStoreError } from './errors.js';
import { StreamHeads } from './heads.js';
import { batchRowToResult, type BatchRow } from './rows.js';
import { appendSingle, holdOpen, type SingleContext } from './single.js';
import { APPEND_AT_REVISIONS, APPEND_BATCH_QUERY, VALUES_MAX_EVENTS, appendValuesSql } from './sql.js';

export interface WriterOptions {
  /** Batch transactions in flight at once: while they run, new appends queue up for the next. */
  maxConcurrentBatches: number;
  /** Events per batch transaction (an append bigger than this still goes, alone). */
  maxBatchEvents: number;
  /** Waiting events are shared across free writers, but no batch is made smaller than this. */
  minBatchEvents: number;
  /** Called after every commit that wrote events. */
  onCommit(): void;
  /** Wake-up hints for other processes (PgNotifier): carried by a batch's statement when one is due. */
  hints: CommitHints;
}

export interface CommitHints {
  /** The hint to send with the statement about to run, when one is due. */
  claim(): Hint | undefined;
  /** Commits happened that no hint sent with them covers (or a claimed hint did not go out). */
  uncovered(): void;
}

/** Counters for tests and the benchmark. */
export interface WriterStats {
  batches: number;
  batchedAppends: number;
  /** Batches whose transaction failed as a whole and were retried one append at a time. */
  fallbacks: number;
  /** Appends decided by the one-by-one path (failed check, retry, fallback). */
  singles: number;
  /** Batches written at remembered revisions, without head probes. */
  unprobed: number;
}

// Streams whose head is remembered (about 100 bytes each).
const HEADS_REMEMBERED = 100_000;

/**
 * Group commit: concurrent appends queue up and a writer takes many of them into one transaction
 * (one statement: see APPEND_BATCH). An append that fails its check there is decided alone by the
 * one-by-one path, which also knows idempotent retries; if the batch fails as a whole (an id stored
 * concurrently, a deadlock), each of its appends is retried alone so each gets its own answer.
 */
export class AppendWriter {
  readonly stats: WriterStats = { batches: 0, batchedAppends: 0, fallbacks: 0, singles: 0, unprobed: 0 };
  private readonly heads = new StreamHeads(HEADS_REMEMBERED);
  private readonly single: SingleContext;
  private queue: PendingAppend[] = [];
  private readonly busy = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private pumpScheduled = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: WriterOptions,
  ) {
    this.single = {
      pool,
      heads: this.heads,
      committed: () => {
        options.onCommit();
        options.hints.uncovered();
      },
    };
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('event store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      if (!this.pumpScheduled) this.pump();
    });
  }

  // After a batch, the next one starts on the next turn of the event loop: the callers it just
  // answered append again first, and all of them go into the next batch, not only the first few.
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running.size < this.options.maxConcurrentBatches && this.queue.length > 0) {
      // Share what is waiting across the free writers, so their transactions run side by side
      // (the database uses more than one core) instead of one big batch and idle writers.
      const free = this.options.maxConcurrentBatches - this.running.size;
      const waiting = this.queue.reduce((n, p) => n + p.events.length, 0);
      const share = Math.max(this.options.minBatchEvents, Math.ceil(waiting / free));
      const { batch, rest } = takeBatch(this.queue, this.busy, Math.min(share, this.options.maxBatchEvents));
      if (batch.length === 0) return;
      this.queue = rest;
      for (const p of batch) this.busy.add(p.stream);
      const run = this.runBatch(batch).finally(() => {
        for (const p of batch) this.busy.delete(p.stream);
        this.running.delete(run);
        this.schedulePump();
      });
      this.running.add(run);
    }
  }

  private async runBatch(batch: PendingAppend[]): Promise<void> {
    let results: (AppendResult | undefined)[];
    const hint = this.options.hints.claim();
    try {
      results = await this.writeBatch(batch, hint);
      this.stats.batches += 1;
      this.stats.batchedAppends += batch.length;
    } catch (error) {
      if (hint) this.options.hints.uncovered();
      if (isUnavailable(error)) {
        const failure = toStoreError(error, 'append');
        for (const p of batch) p.reject(failure);
        return;
      }
      this.stats.fallbacks += 1;
      for (const p of batch) await this.settleSingle(p);
      return;
    }
    const wrote = results.some((r) => r !== undefined);
    if (wrote) this.options.onCommit();
    // A hint is owed for a commit that carried none, and for a claimed hint that did not go out (a
    // statement that wrote nothing returns no row, so it sent none).
    if (wrote !== (hint !== undefined)) this.options.hints.uncovered();
    for (let i = 0; i < batch.length; i += 1) {
      const p = batch[i]!;
      const result = results[i];
      if (result) {
        this.heads.written(p.stream, result.nextExpectedRevision);
        p.resolve(result);
      } else await this.settleSingle(p);
    }
  }

  /**
   * When every append's first revision is known (StreamHeads), a plain insert at those revisions;
   * if one of them collides (another process wrote, or a no-stream stream exists), the batch is
   * retried with head probes. One result per append, undefined where its expected revision failed.
   */
  private async writeBatch(
    batch: PendingAppend[],
    hint: Hint | undefined,
  ): Promise<(AppendResult | undefined)[]> {
    const bases: number[] = [];
    for (const p of batch) {
      const base = this.heads.base(p.stream, p.expected);
      if (base === undefined) break;
      bases.push(base);
    }
    if (bases.length === batch.length) {
      try {
        const events = batch.reduce((n, p) => n + p.events.length, 0);
        const result = await this.pool.query<AtRevisionsRow>(
          events <= VALUES_MAX_EVENTS
            ? {
                name: `hotline_append_values_${events}`,
                text: appendValuesSql(events),
                values: valuesParams(batch, bases, hint),
              }
            : {
                name: 'hotline_append_at_revisions',
                text: APPEND_AT_REVISIONS,
                values: atRevisionParams(batch, bases, hint),
              },
        );
        this.stats.unprobed += 1;
        return atRevisionResults(batch, bases, result.rows[0]);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        for (const p of batch) this.heads.forget(p.stream);
      }
    }
    const result = await this.pool.query<BatchRow>({
      ...APPEND_BATCH_QUERY,
      values: batchParams(batch, hint),
    });
    const byStream = new Map(result.rows.map((row) => [row.stream_name, row]));
    return batch.map((p) => {
      const row = byStream.get(p.stream);
      return row && batchRowToResult(row);
    });
  }

  private async settleSingle(p: PendingAppend): Promise<void> {
    this.stats.singles += 1;
    try {
      p.resolve(await appendSingle(this.single, p));
    } catch (error) {
      p.reject(toStoreError(error, 'append'));
    }
  }

  /** The real append path inside a transaction left open (tests): see holdOpen in single.ts. */
  holdOpen(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<HeldAppend> {
    return holdOpen(this.single, stream, events, expected);
  }

  /** Rejects what has not started, then waits for the batches in flight. */
  async close(): Promise<void> {
    this.closed = true;
    const waiting = this.queue;
    this.queue = [];
    for (const p of waiting)
      p.reject(new EventStoreUnavailableError('event store closed before the append ran'));
    await Promise.allSettled([...this.running]);
  }
}
