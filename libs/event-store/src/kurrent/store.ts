import {
  ValidationError,
  comparePositions,
  parseStreamName,
  type EventRegistry,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
} from '@hotline/contracts';
import { BACKWARDS, END, FORWARDS, START } from '@kurrent/kurrentdb-client';
import {
  ConcurrencyError,
  type AllSubscription,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeAllOptions,
} from '../port.js';
import { validateAppend } from '../validate.js';
import type { KurrentClient, KurrentResolved } from './client.js';
import {
  isRecoverableSubscriptionError,
  isStreamNotFound,
  isTransientKurrentError,
  toHotlineError,
} from './errors.js';
import { kurrentFeed } from './feed.js';
import {
  logicalStreamName,
  planFilter,
  toGlobalPosition,
  toKurrentEvent,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
} from './mapping.js';
import { resubscribing } from './resubscribe.js';
import { DEFAULT_RETRY_DELAYS_MS, realSleep, withRetry, type RetryPolicy, type Sleep } from './retry.js';

/** readAll pages through $all in reads of this many records, so a large limit never means one huge read. */
export const READ_ALL_PAGE = 500;

export interface KurrentStoreSettings {
  registry: EventRegistry;
  streamPrefix: string;
  retryDelaysMs?: readonly number[];
  sleep?: Sleep;
  onSubscriptionDrop?: (error: unknown, consecutiveDrops: number) => void;
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new ValidationError('READ_OPTIONS_INVALID', `${name} must be a non-negative integer`, [
      { path: name, message: String(value) },
    ]);
  }
}

async function collect(source: AsyncIterable<KurrentResolved>): Promise<KurrentResolved[]> {
  const out: KurrentResolved[] = [];
  for await (const item of source) out.push(item);
  return out;
}

export class KurrentEventStore implements EventStore {
  private readonly retry: RetryPolicy;
  private readonly subscriptions = new Set<AllSubscription>();
  private closed = false;

  constructor(
    private readonly client: KurrentClient,
    private readonly settings: KurrentStoreSettings,
  ) {
    this.retry = {
      delaysMs: settings.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      isTransient: isTransientKurrentError,
      sleep: settings.sleep ?? realSleep,
    };
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(this.settings.registry, stream, events, expected);
    const physical = this.settings.streamPrefix + stream;
    // Built once: every retry sends the very same event ids, which is what makes it idempotent.
    const payload = events.map(toKurrentEvent);
    const streamState = toStreamState(expected);
    let result;
    try {
      result = await withRetry(this.retry, () =>
        this.client.appendToStream(physical, payload, { streamState }),
      );
    } catch (error) {
      throw toHotlineError(error, { stream, expected });
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the URL; the client's revision there is unreliable.
      throw new ConcurrencyError(stream, expected, await this.lastRevision(stream));
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // An idempotent replay may come back without a position: read the event's own.
    const position = result.position
      ? toGlobalPosition(result.position)
      : await this.positionOf(stream, nextExpectedRevision);
    return { nextExpectedRevision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    parseStreamName(stream);
    checkCount('fromRevision', options.fromRevision);
    checkCount('limit', options.limit);
    if (options.limit === 0) return [];
    const backwards = options.direction === 'backwards';
    const fromRevision =
      options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    const read = () =>
      collect(
        this.client.readStream(this.settings.streamPrefix + stream, {
          fromRevision,
          direction: backwards ? BACKWARDS : FORWARDS,
          maxCount: options.limit ?? Number.MAX_SAFE_INTEGER,
        }),
      );
    let resolved: KurrentResolved[];
    try {
      resolved = await withRetry(this.retry, read);
    } catch (error) {
      // The port reads a stream that was never written as empty, as PostgreSQL does.
      if (isStreamNotFound(error)) return [];
      throw toHotlineError(error, { stream });
    }
    return resolved.flatMap((r) => (r.event ? [toRecordedEvent(r.event, stream)] : []));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    checkCount('limit', options.limit);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const plan = planFilter(options.filter, this.settings.streamPrefix);
    let after = options.after;
    toReadPosition(after);
    const out: RecordedEvent[] = [];
    while (out.length < limit) {
      // +1: the server may include the record at `after` itself, which is then dropped below.
      const maxCount = Math.min(limit - out.length, READ_ALL_PAGE) + 1;
      const from = toReadPosition(after);
      let page: KurrentResolved[];
      try {
        page = await withRetry(this.retry, () =>
          collect(
            this.client.readAll({ fromPosition: from, maxCount, filter: plan.server, direction: FORWARDS }),
          ),
        );
      } catch (error) {
        throw toHotlineError(error);
      }
      let last: GlobalPosition | undefined;
      for (const { event: record } of page) {
        if (record?.position === undefined) continue;
        const position = toGlobalPosition(record.position);
        if (after !== undefined && comparePositions(position, after) <= 0) continue;
        last = position;
        const stream = logicalStreamName(record.streamId, record.type, this.settings.streamPrefix);
        if (stream === undefined || !plan.accepts(stream, record.type)) continue;
        out.push(toRecordedEvent(record, stream));
        if (out.length >= limit) break;
      }
      if (page.length < maxCount || last === undefined) break;
      after = last;
    }
    return out;
  }

  subscribeAll(options: SubscribeAllOptions = {}): AllSubscription {
    toReadPosition(options.after);
    const plan = planFilter(options.filter, this.settings.streamPrefix);
    const inner = resubscribing(kurrentFeed(this.client, plan, this.settings.streamPrefix), {
      after: options.after,
      isRecoverable: isRecoverableSubscriptionError,
      sleep: this.retry.sleep,
      onDrop: this.settings.onSubscriptionDrop,
    });
    const subscriptions = this.subscriptions;
    const tracked: AllSubscription = {
      async *[Symbol.asyncIterator]() {
        try {
          yield* inner;
        } finally {
          // Also reached when the consumer breaks out of its loop without calling close().
          subscriptions.delete(tracked);
        }
      },
      async close() {
        subscriptions.delete(tracked);
        await inner.close();
      },
    };
    subscriptions.add(tracked);
    return tracked;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  /** The stream's last revision, or 'no-stream'. */
  private async lastRevision(stream: string): Promise<number | 'no-stream'> {
    const [last] = await this.readStream(stream, { direction: 'backwards', limit: 1 });
    return last ? last.streamRevision : 'no-stream';
  }

  private async positionOf(stream: string, revision: number): Promise<GlobalPosition> {
    const [event] = await this.readStream(stream, { fromRevision: revision, limit: 1 });
    if (!event) throw toHotlineError(new Error(`appended revision ${revision} not readable`), { stream });
    return event.globalPosition;
  }
}
