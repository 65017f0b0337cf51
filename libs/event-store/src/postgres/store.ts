import { eventRegistry, type EventRegistry, type NewEvent, type RecordedEvent } from '@hotline/contracts';
import pg from 'pg';
import type { HeldAppend } from '../contract/fixture.js';
import {
  type AllSubscription,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeAllOptions,
} from '../port.js';
import { validateAppend } from '../validate.js';
import { toStoreError } from './errors.js';
import { migrateEventStore } from './migrations.js';
import { PageQuery, nextCursor } from './page.js';
import { rowToEvent, type EventRow } from './rows.js';
import { CHANNEL_SQL, READ_STREAM_BACKWARDS, READ_STREAM_FORWARDS } from './sql.js';
import { PgSubscription } from './subscription.js';
import { PgNotifier, Wakeups } from './wakeups.js';
import { AppendWriter, type WriterStats } from './writer.js';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Catalogue appends are validated against (default: every Hotline event). */
  registry?: EventRegistry;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** Connections in the pool (default 10); the listener uses one more. */
  poolSize?: number;
  /** Safety poll of subscriptions when no wake-up arrives (default 500 ms). */
  pollIntervalMs?: number;
}

/** Internal knobs (tests and the benchmark); the defaults are what the benchmark chose. */
export interface StoreTuning {
  maxConcurrentBatches?: number;
  maxBatchEvents?: number;
  minBatchEvents?: number;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_POLL_INTERVAL_MS = 500;
const FOLLOW_BATCH = 1000;
const MAX_BATCH_EVENTS = 1000;
const MIN_BATCH_EVENTS = 16;
const READ_ALL_SETTLE_MS = 1000;

function readLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  return Math.max(0, Math.min(Math.floor(limit), Number.MAX_SAFE_INTEGER));
}

/** The PostgreSQL event store; see README.md for the schema, ordering and batching design. */
export class PostgresEventStore implements EventStore {
  private readonly registry: EventRegistry;
  private readonly wakeups = new Wakeups();
  private readonly notifier: PgNotifier;
  private readonly writer: AppendWriter;
  private readonly subscriptions = new Set<PgSubscription>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly options: PostgresEventStoreOptions,
    private readonly pool: pg.Pool,
    channel: string,
    tuning: StoreTuning,
  ) {
    this.registry = options.registry ?? eventRegistry;
    this.notifier = new PgNotifier(options.connectionString, channel, this.wakeups, pool);
    const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    this.writer = new AppendWriter(pool, {
      // Two batch transactions side by side measured best (README: bench); more splits the queue
      // into small batches that cost more CPU per event. The rest of the pool serves reads and polls.
      maxConcurrentBatches: tuning.maxConcurrentBatches ?? Math.max(1, Math.min(2, poolSize - 2)),
      maxBatchEvents: tuning.maxBatchEvents ?? MAX_BATCH_EVENTS,
      minBatchEvents: tuning.minBatchEvents ?? MIN_BATCH_EVENTS,
      onCommit: () => this.wakeups.signal(),
      hints: this.notifier,
    });
  }

  static async open(
    options: PostgresEventStoreOptions,
    tuning: StoreTuning = {},
  ): Promise<PostgresEventStore> {
    if (options.migrate ?? true) await migrateEventStore(options.connectionString);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: 10_000,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const { rows } = await pool.query<{ channel: string; schema: string | null }>(CHANNEL_SQL);
      const channel = rows[0]?.channel;
      if (!channel) throw new Error('the connection has no current schema');
      return new PostgresEventStore(options, pool, channel, tuning);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toStoreError(error, 'opening the event store');
    }
  }

  get stats(): WriterStats {
    return { ...this.writer.stats };
  }

  migrate(): Promise<void> {
    return migrateEventStore(this.options.connectionString);
  }

  // Not async: the writer's promise is returned as it is, without the extra turns an async wrapper
  // adds to every append's answer (measurable at tens of thousands of appends per second).
  append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    try {
      validateAppend(this.registry, stream, events, expected);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.writer.append(stream, events, expected);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const limit = readLimit(options.limit, Number.MAX_SAFE_INTEGER);
    if (limit === 0) return [];
    try {
      const { rows } = await this.pool.query<EventRow>({
        name: backwards ? 'hotline_read_stream_b' : 'hotline_read_stream_f',
        text: backwards ? READ_STREAM_BACKWARDS : READ_STREAM_FORWARDS,
        values: [stream, from, limit],
      });
      return rows.map(rowToEvent);
    } catch (error) {
      throw toStoreError(error, 'readStream');
    }
  }

  /**
   * Events of $all below the horizon, so paging by checkpoint never skips. When rows committed
   * before the call wait behind an older open transaction, it waits for them a little (they
   * normally commit within milliseconds) so a reader sees its own appends; after READ_ALL_SETTLE_MS
   * it returns the safe, shorter answer instead.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = readLimit(options.limit, Number.MAX_SAFE_INTEGER);
    if (limit === 0) return [];
    const query = new PageQuery(options.filter);
    const deadline = performance.now() + READ_ALL_SETTLE_MS;
    const out: RecordedEvent[] = [];
    let cursor = options.after;
    let target: bigint | undefined;
    let backoff = 1;
    try {
      for (;;) {
        const want = limit - out.length;
        const page = await query.fetch(this.pool, cursor, want);
        target ??= page.head;
        out.push(...page.events);
        cursor = nextCursor(page, want, cursor);
        if (out.length >= limit) return out;
        if (!page.exhausted) continue; // a filter window ended: read on after it
        if (target === undefined || page.horizon > target || performance.now() >= deadline) return out;
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, 50);
      }
    } catch (error) {
      throw toStoreError(error, 'readAll');
    }
  }

  subscribeAll(options: SubscribeAllOptions = {}): AllSubscription {
    const sub = new PgSubscription(
      {
        pool: this.pool,
        wakeups: this.wakeups,
        pollIntervalMs: this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        batchSize: FOLLOW_BATCH,
        onStart: () => this.notifier.listen(),
        onClose: (s) => this.subscriptions.delete(s),
      },
      options,
    );
    if (this.closing) void sub.close();
    else this.subscriptions.add(sub);
    return sub;
  }

  /** Test hook: the real append path with its transaction held open (see ContractFixture). */
  async holdAppendOpen(stream: string, events: readonly NewEvent[]): Promise<HeldAppend> {
    validateAppend(this.registry, stream, events, 'any');
    return await this.writer.holdOpen(stream, events, 'any');
  }

  /** Test hook: resolves once every open subscription has finished a poll begun after this call. */
  async awaitSubscriptionsPolled(): Promise<void> {
    const waits = [...this.subscriptions].map((s) => s.polled());
    this.wakeups.signal();
    await Promise.all(waits);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.writer.close();
    await this.notifier.close();
    await this.pool.end();
  }
}

export async function openPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<EventStore & { migrate(): Promise<void> }> {
  return PostgresEventStore.open(options);
}
