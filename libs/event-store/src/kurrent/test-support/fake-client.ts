import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient, KurrentResolved, KurrentSubscription } from '../client.js';
import type { KurrentRecord } from '../mapping.js';

/**
 * An in-memory stand-in for the parts of KurrentDB the adapter uses: one log, per-stream revisions,
 * expected-revision checks, inclusive `readAll` positions (as the server does), scripted failures
 * and scripted subscriptions. It records every call so tests can check what the adapter sent.
 */
export class FakeKurrentClient implements KurrentClient {
  readonly log: KurrentRecord[] = [];
  readonly appendCalls: { stream: string; events: EventData[]; options: AppendToStreamOptions }[] = [];
  readonly readAllCalls: ReadAllOptions[] = [];
  readonly readStreamCalls: { stream: string; options: ReadStreamOptions }[] = [];
  readonly subscribeCalls: SubscribeToAllOptions[] = [];
  /** Errors thrown by the next append calls, in order (before anything is written). */
  readonly appendFailures: Error[] = [];
  /** Successful appends report no position (as an idempotent replay may). */
  omitAppendPosition = false;
  /** Each subscribeToAll call takes the next script. */
  readonly subscriptionScripts: FakeSubscriptionScript[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  disposed = false;
  private nextPosition = 100n;

  /** Adds a record the way the server would, e.g. a system event or another application's. */
  record(streamId: string, type: string, data: unknown = {}, metadata: unknown = {}): KurrentRecord {
    const revision = BigInt(this.log.filter((r) => r.streamId === streamId).length);
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 10n;
    const record: KurrentRecord = {
      streamId,
      id: `0190f3a2-0000-7000-8000-${String(this.log.length).padStart(12, '0')}`,
      revision,
      type,
      created: new Date(Date.UTC(2026, 2, 2, 9, 0, this.log.length)),
      isJson: true,
      data,
      metadata,
      position,
    };
    this.log.push(record);
    return record;
  }

  appendToStream(stream: string, events: EventData[], options: AppendToStreamOptions): Promise<AppendResult> {
    this.appendCalls.push({ stream, events, options });
    const failure = this.appendFailures.shift();
    if (failure) return Promise.reject(failure);
    const existing = this.log.filter((r) => r.streamId === stream);
    const current = existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
    const expected = options.streamState ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && expected === current);
    if (!ok) {
      return Promise.reject(
        new WrongExpectedVersionError(undefined, { streamName: stream, expected, current }),
      );
    }
    let last: KurrentRecord | undefined;
    for (const e of events) {
      last = this.record(stream, e.type, e.data, e.metadata);
      last.id = e.id;
    }
    return Promise.resolve({
      success: true,
      nextExpectedRevision: last?.revision ?? -1n,
      position: this.omitAppendPosition ? undefined : last?.position,
    });
  }

  readStream(stream: string, options: ReadStreamOptions): AsyncIterable<KurrentResolved> {
    this.readStreamCalls.push({ stream, options });
    const records = this.log.filter((r) => r.streamId === stream);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? 'start';
    const selected = (backwards ? [...records].reverse() : records).filter((r) =>
      typeof from !== 'bigint' ? true : backwards ? r.revision <= from : r.revision >= from,
    );
    const page = selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return (async function* () {
      await Promise.resolve();
      if (records.length === 0) throw new StreamNotFoundError(undefined, stream);
      for (const event of page) yield { event };
    })();
  }

  readAll(options: ReadAllOptions): AsyncIterable<KurrentResolved> {
    this.readAllCalls.push(options);
    const from = options.fromPosition ?? 'start';
    const filter = options.filter;
    const page = this.log
      .filter((r) => typeof from !== 'object' || r.position!.commit >= from.commit)
      .filter((r) =>
        filter && 'prefixes' in filter ? filter.prefixes.some((p) => r.streamId.startsWith(p)) : true,
      )
      .slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return (async function* () {
      await Promise.resolve();
      for (const event of page) yield { event };
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions): KurrentSubscription {
    this.subscribeCalls.push(options);
    const script = this.subscriptionScripts.shift() ?? { records: [], then: 'hang' };
    const sub = new FakeSubscription(script);
    this.subscriptions.push(sub);
    return sub;
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }
}

export interface FakeSubscriptionScript {
  records: KurrentRecord[];
  /** After the records: fail with an error, or wait until unsubscribed. */
  then: Error | 'hang';
}

export class FakeSubscription implements KurrentSubscription {
  unsubscribed = false;
  private wake: (() => void) | undefined;

  constructor(private readonly script: FakeSubscriptionScript) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<KurrentResolved> {
    for (const event of this.script.records) {
      if (this.unsubscribed) return;
      yield { event };
    }
    if (this.script.then !== 'hang') throw this.script.then;
    if (!this.unsubscribed) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.wake?.();
    return Promise.resolve();
  }

  destroy(): void {
    this.unsubscribed = true;
    this.wake?.();
  }
}
