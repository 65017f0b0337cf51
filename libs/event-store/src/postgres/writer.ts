import type { NewEvent } from '@hotline/contracts';
import type pg from 'pg';
import {
  ConcurrencyError,
  EventStoreUnavailableError,
  type AppendResult,
  type ExpectedRevision,
} from '../port.js';
import type { HeldAppend } from '../contract/fixture.js';
import { batchParams, resolveStoredIds, takeBatch, type PendingAppend, type StoredIdRow } from './batch.js';
import { isRetryableConflict, isUnavailable, toStoreError } from './errors.js';
import { revisionMatches } from './rows.js';
import { APPEND_BATCH, FIND_EVENT_IDS, STREAM_REVISION } from './sql.js';

export interface WriterOptions {
  /** Batch transactions in flight at once: while they run, new appends queue up for the next. */
  maxConcurrentBatches: number;
  /** Events per batch transaction (an append bigger than this still goes, alone). */
  maxBatchEvents: number;
  /** Waiting events are shared across free writers, but no batch is made smaller than this. */
  minBatchEvents: number;
  /** Called after every commit that wrote events. */
  onCommit(): void;
}

interface BatchRow {
  stream_name: string;
  revision: string;
  position: string;
  commit: string;
}

/** Counters for tests and the benchmark. */
export interface WriterStats {
  batches: number;
  batchedAppends: number;
  /** Batches whose transaction failed as a whole and were retried one append at a time. */
  fallbacks: number;
  /** Appends decided by the one-by-one path (failed check, retry, fallback). */
  singles: number;
}

const batchQuery = { name: 'hotline_append_batch', text: APPEND_BATCH };
const MAX_SINGLE_ATTEMPTS = 5;

/**
 * Group commit: concurrent appends queue up and a writer takes many of them into one transaction
 * (one statement: see APPEND_BATCH). An append that fails its check there is decided alone by the
 * one-by-one path, which also knows idempotent retries; if the batch fails as a whole (an id stored
 * concurrently, a deadlock), each of its appends is retried alone so each gets its own answer.
 */
export class AppendWriter {
  readonly stats: WriterStats = { batches: 0, batchedAppends: 0, fallbacks: 0, singles: 0 };
  private queue: PendingAppend[] = [];
  private readonly busy = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private pumpScheduled = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: WriterOptions,
  ) {}

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
    let rows: BatchRow[];
    try {
      const result = await this.pool.query<BatchRow>({ ...batchQuery, values: batchParams(batch) });
      rows = result.rows;
      this.stats.batches += 1;
      this.stats.batchedAppends += batch.length;
    } catch (error) {
      if (isUnavailable(error)) {
        const failure = toStoreError(error, 'append');
        for (const p of batch) p.reject(failure);
        return;
      }
      this.stats.fallbacks += 1;
      for (const p of batch) await this.settleSingle(p);
      return;
    }
    if (rows.length > 0) this.options.onCommit();
    const byStream = new Map(rows.map((row) => [row.stream_name, row]));
    for (const p of batch) {
      const row = byStream.get(p.stream);
      if (row) p.resolve(toResult(row));
      else await this.settleSingle(p);
    }
  }

  private async settleSingle(p: PendingAppend): Promise<void> {
    this.stats.singles += 1;
    try {
      p.resolve(await this.appendSingle(p));
    } catch (error) {
      p.reject(toStoreError(error, 'append'));
    }
  }

  /** One append in its own transaction, with the idempotency lookup the batch path leaves out. */
  private async appendSingle(p: PendingAppend): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const outcome = await this.attemptSingle(client, p);
        await client.query(outcome.kind === 'written' ? 'COMMIT' : 'ROLLBACK');
        if (outcome.kind === 'written') this.options.onCommit();
        if (outcome.kind !== 'retry') return outcome.result;
      } catch (error) {
        broken = isUnavailable(error) ? error : undefined;
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        if (!isRetryableConflict(error) || attempt >= MAX_SINGLE_ATTEMPTS) throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
      if (attempt >= MAX_SINGLE_ATTEMPTS) {
        throw new EventStoreUnavailableError(
          `append to ${p.stream} kept conflicting with concurrent writers`,
        );
      }
    }
  }

  private async attemptSingle(
    client: pg.PoolClient,
    p: PendingAppend,
  ): Promise<{ kind: 'written' | 'found'; result: AppendResult } | { kind: 'retry' }> {
    const ids = p.events.map((e) => e.id);
    const found = await client.query<StoredIdRow>({ name: 'hotline_find_ids', text: FIND_EVENT_IDS }, [ids]);
    if (found.rows.length > 0) return { kind: 'found', result: resolveStoredIds(p, found.rows) };
    const written = await client.query<BatchRow>({ ...batchQuery, values: batchParams([p]) });
    const row = written.rows[0];
    if (row) return { kind: 'written', result: toResult(row) };
    const current = await client.query<{ revision: string | null }>(STREAM_REVISION, [p.stream]);
    const revision = current.rows[0]?.revision ?? null;
    const actual = revision === null ? 'no-stream' : Number(revision);
    // The check held by now: the stream was created by a transaction that committed meanwhile.
    if (revisionMatches(p.expected, actual)) return { kind: 'retry' };
    throw new ConcurrencyError(p.stream, p.expected, actual);
  }

  /**
   * The real append path inside a transaction left open: its rows hold their place in the log
   * (transaction id, position) but are not committed. For tests that commit it after later appends.
   */
  async holdOpen(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<HeldAppend> {
    const client = await this.pool.connect();
    const p: PendingAppend = { stream, events, expected, resolve: () => undefined, reject: () => undefined };
    try {
      await client.query('BEGIN');
      const outcome = await this.attemptSingle(client, p);
      if (outcome.kind !== 'written') throw new Error(`held append to ${stream} wrote nothing`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw toStoreError(error, 'append');
    }
    let ended = false;
    const end = async (command: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
      if (ended) return;
      ended = true;
      try {
        await client.query(command);
        if (command === 'COMMIT') this.options.onCommit();
      } finally {
        client.release();
      }
    };
    return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
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

function toResult(row: BatchRow): AppendResult {
  return {
    nextExpectedRevision: Number(row.revision),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.position) },
  };
}
