/**
 * The single writer of `call-{callId}` streams. Appends per stream run one at a time, each with the
 * expected revision of the previous one; retries reuse the same event ids, so a retry after a lost
 * acknowledgement is a no-op in the store instead of a duplicate.
 */
import { streams, type EventData, type EventType } from '@hotline/contracts';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  type EventStore,
  type ExpectedRevision,
} from '@hotline/event-store';
import { silentLogger, type Logger } from '@hotline/messaging';

export type CallFactType = Extract<
  EventType,
  | 'CallArrived'
  | 'CallAnswered'
  | 'CallBridged'
  | 'CallUnbridged'
  | 'CallHeld'
  | 'CallResumed'
  | 'CallRecordingStarted'
  | 'CallRecordingStopped'
  | 'CallHungUp'
>;

export interface CallFact<T extends CallFactType = CallFactType> {
  readonly id: string;
  readonly type: T;
  readonly data: EventData<T>;
  /** ms since the epoch, from the ESL event. */
  readonly at: number;
  readonly causationId?: string;
}

export type AnyCallFact = { [T in CallFactType]: CallFact<T> }[CallFactType];

interface StreamState {
  revision: ExpectedRevision;
  tail: Promise<void>;
}

const ATTEMPTS = 5;

export class FactWriter {
  private readonly streams = new Map<string, StreamState>();
  private readonly log: Logger;

  constructor(
    private readonly store: EventStore,
    logger: Logger = silentLogger,
  ) {
    this.log = logger;
  }

  /** Queues `fact` behind the stream's earlier facts; resolves once stored (or given up, logged). */
  write(callId: string, tenantId: string, fact: AnyCallFact): Promise<void> {
    const stream = streams.call(callId);
    let state = this.streams.get(stream);
    if (!state) {
      state = { revision: 'no-stream', tail: Promise.resolve() };
      this.streams.set(stream, state);
    }
    const s = state;
    s.tail = s.tail
      .then(() => this.append(stream, s, callId, tenantId, fact))
      .catch((err: unknown) => {
        // Reading the stream back failed too: logged, and the queue stays usable for later facts.
        this.log.error({ err, callId, type: fact.type }, 'call fact could not be stored');
      });
    return s.tail;
  }

  /** Continues an existing stream (a call adopted after a bridge restart) at its last revision. */
  adopt(callId: string, revision: number): void {
    this.streams.set(streams.call(callId), { revision, tail: Promise.resolve() });
  }

  /** Resolves once every fact queued so far for the call is stored (or given up on). */
  async settled(callId: string): Promise<void> {
    await this.streams.get(streams.call(callId))?.tail;
  }

  /** Forgets a finished stream once its queue is drained. */
  async forget(callId: string): Promise<void> {
    const stream = streams.call(callId);
    await this.streams.get(stream)?.tail;
    this.streams.delete(stream);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => s.tail));
  }

  private async append(
    stream: string,
    s: StreamState,
    callId: string,
    tenantId: string,
    fact: AnyCallFact,
  ): Promise<void> {
    const event = {
      id: fact.id,
      type: fact.type,
      data: fact.data,
      metadata: {
        tenantId,
        correlationId: callId,
        ...(fact.causationId ? { causationId: fact.causationId } : {}),
        actor: 'service:media-bridge',
        occurredAt: new Date(fact.at).toISOString(),
      },
    };
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const result = await this.store.append(stream, [event], { expectedRevision: s.revision });
        s.revision = result.nextExpectedRevision;
        return;
      } catch (err) {
        if (err instanceof ConcurrencyError || err instanceof DuplicateEventIdError) {
          // Our earlier attempt may have been stored without us hearing back: look before retrying.
          const tail = await this.store.readStream(stream, { direction: 'backwards', limit: 20 });
          const last = tail[0]?.streamRevision;
          if (tail.some((e) => e.id === fact.id)) {
            s.revision = last ?? s.revision;
            return;
          }
          this.log.warn({ callId, expected: s.revision, actual: last ?? 'no-stream' }, 'call stream moved');
          s.revision = last ?? 'no-stream';
          continue;
        }
        if (attempt === ATTEMPTS) {
          this.log.error({ err, callId, type: fact.type }, 'call fact could not be stored');
          return;
        }
        this.log.warn({ err, callId, type: fact.type, attempt }, 'call fact append failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }
}
