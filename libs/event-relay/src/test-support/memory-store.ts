import { comparePositions, type GlobalPosition, type NewEvent, type RecordedEvent } from '@hotline/contracts';
import {
  ConcurrencyError,
  type AllSubscription,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeAllOptions,
} from '@hotline/event-store';

/**
 * An in-memory EventStore for the relay's tests: one global log, positions (n, n), catch-up
 * subscriptions that follow live appends and end when closed. No catalogue validation.
 */
export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private readonly wakers = new Set<() => void>();

  all(): readonly RecordedEvent[] {
    return this.log;
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const current = this.revisions.get(stream);
    const expected = options.expectedRevision ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no-stream' && current === undefined) ||
      (expected === 'exists' && current !== undefined) ||
      expected === current;
    if (!ok) return Promise.reject(new ConcurrencyError(stream, expected, current ?? 'no-stream'));
    let revision = current ?? -1;
    for (const event of events) {
      revision++;
      const n = BigInt(this.log.length);
      this.log.push({
        ...event,
        streamName: stream,
        streamRevision: revision,
        globalPosition: { commit: n, prepare: n },
        recordedAt: new Date(),
      });
    }
    this.revisions.set(stream, revision);
    for (const wake of [...this.wakers]) wake();
    const last = this.log[this.log.length - 1];
    if (!last) throw new Error('append of nothing');
    return Promise.resolve({ nextExpectedRevision: revision, position: last.globalPosition });
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.log.filter((e) => e.streamName === stream);
    const from = options.fromRevision ?? 0;
    const selected =
      options.direction === 'backwards'
        ? events.filter((e) => e.streamRevision <= from).reverse()
        : events.filter((e) => e.streamRevision >= from);
    return Promise.resolve(selected.slice(0, options.limit ?? selected.length));
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return Promise.resolve(this.after(options.after).slice(0, options.limit ?? this.log.length));
  }

  subscribeAll(options: SubscribeAllOptions = {}): AllSubscription {
    let cursor = options.after;
    let closed = false;
    let wake: (() => void) | undefined;
    const after = (p: GlobalPosition | undefined) => this.after(p);
    const wakers = this.wakers;
    async function* follow(): AsyncGenerator<RecordedEvent> {
      try {
        while (!closed) {
          const batch = after(cursor);
          for (const event of batch) {
            if (closed) return;
            cursor = event.globalPosition;
            yield event;
          }
          if (batch.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              wakers.add(resolve);
            });
            if (wake) wakers.delete(wake);
          }
        }
      } finally {
        closed = true;
      }
    }
    const iterator = follow();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close() {
        closed = true;
        wake?.();
        return Promise.resolve();
      },
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private after(position: GlobalPosition | undefined): RecordedEvent[] {
    return position === undefined
      ? [...this.log]
      : this.log.filter((e) => comparePositions(e.globalPosition, position) > 0);
  }
}
