import type { JetStreamClient, JetStreamManager, PubAck } from '@nats-io/jetstream';
import {
  HotlineError,
  isHotlineError,
  positionToString,
  type GlobalPosition,
  type RecordedEvent,
} from '@hotline/contracts';
import type { AllSubscription, EventStore } from '@hotline/event-store';
import { encodeEvent, type Logger } from '@hotline/messaging';
import type { Checkpoint } from './kv.js';
import { readTail } from './stream.js';
import type { Timers } from './timers.js';

export interface SessionDeps {
  store: EventStore;
  js: JetStreamClient;
  jsm: JetStreamManager;
  streamName: string;
  subjectPrefix: string;
  maxInFlight: number;
  publishTimeoutMs: number;
  checkpoint: Checkpoint;
  checkpointEveryMs: number;
  timers: Timers;
  logger: Logger;
  isLeaseHeld(): boolean;
  onPublished(event: RecordedEvent, seq: number): void;
}

export type SessionOutcome =
  | { kind: 'aborted' }
  | { kind: 'failed'; error: unknown }
  /** Retrying cannot help (a foreign writer on the stream, an event that cannot be a subject). */
  | { kind: 'fatal'; error: unknown };

/** The stream did not end where this session expected: another writer, or an earlier publish lost. */
export class RelaySequenceConflictError extends HotlineError {
  constructor(eventId: string, expectedSeq: number, ack: PubAck | undefined, cause?: unknown) {
    super(
      'RELAY_SEQUENCE_CONFLICT',
      'conflict',
      `event ${eventId} did not land at stream sequence ${expectedSeq}`,
      {
        cause,
        details: { eventId, expectedSeq, ack },
      },
    );
  }
}

type PublishResult = { ok: true; ack: PubAck } | { ok: false; error: unknown };

function isFatal(error: unknown): boolean {
  return isHotlineError(error) && (error.kind === 'invalid' || error.code === 'RELAY_STREAM_FOREIGN_MESSAGE');
}

/**
 * One stretch of relaying while the lease is held: read where the stream ends, follow the store
 * from there, publish with a bounded window of un-acked messages. Every publish says which stream
 * sequence must precede it (`Nats-Expected-Last-Sequence`), so if one fails, every later one in
 * the window fails too, and the stream is always an unbroken prefix of the store's global order.
 * Any failure ends the session; the next one starts again from the stream's real tail.
 */
export class RelaySession {
  private aborted = false;
  private sub: AllSubscription | undefined;
  private subClosed = false;
  private failure: unknown;
  private lastAcked: GlobalPosition | undefined;
  private lastWritten: GlobalPosition | undefined;
  private lastWriteAt = 0;
  private checkpointWrite: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SessionDeps) {}

  /** Stops publishing at once; messages already sent are still awaited by `run`. */
  abort(): void {
    this.aborted = true;
    this.closeSubscription();
  }

  async run(): Promise<SessionOutcome> {
    try {
      await this.relay();
    } catch (error) {
      this.failure ??= error;
    } finally {
      this.closeSubscription();
    }
    this.writeCheckpoint();
    await this.checkpointWrite;
    if (this.failure !== undefined) {
      return isFatal(this.failure)
        ? { kind: 'fatal', error: this.failure }
        : { kind: 'failed', error: this.failure };
    }
    return this.aborted
      ? { kind: 'aborted' }
      : { kind: 'failed', error: new Error('event subscription ended') };
  }

  private async relay(): Promise<void> {
    const { deps } = this;
    const tail = await readTail(deps.jsm, deps.streamName);
    let after = tail.position;
    if (after === undefined) {
      // An empty stream is either new or was purged/recreated: the KV checkpoint tells which.
      after = await deps.checkpoint.read();
      if (after !== undefined) {
        deps.logger.warn(
          { stream: deps.streamName, lastSeq: tail.lastSeq, checkpoint: positionToString(after) },
          'event stream holds no messages; resuming from the KV checkpoint',
        );
      }
    }
    this.lastWritten = after;
    if (this.aborted) return;
    deps.logger.info(
      { stream: deps.streamName, after: after ? positionToString(after) : 'start', lastSeq: tail.lastSeq },
      'relaying',
    );
    let expectedLastSeq = tail.lastSeq;
    let chain: Promise<void> = Promise.resolve();
    const window: Promise<void>[] = [];
    this.sub = deps.store.subscribeAll(after === undefined ? {} : { after });
    try {
      for await (const event of this.sub) {
        if (this.aborted || this.failure !== undefined) break;
        const message = encodeEvent(deps.subjectPrefix, event);
        const previous = expectedLastSeq++;
        const result: Promise<PublishResult> = deps.js
          .publish(message.subject, message.data, {
            msgID: message.msgId,
            headers: message.headers,
            expect: { lastSequence: previous },
            timeout: deps.publishTimeoutMs,
          })
          .then(
            (ack) => ({ ok: true as const, ack }),
            (error: unknown) => ({ ok: false as const, error }),
          );
        chain = chain.then(() => this.settle(event, previous + 1, result));
        window.push(chain);
        if (window.length >= deps.maxInFlight) await window.shift();
      }
    } finally {
      // Whatever ended the loop, every message already sent gets its ack (or its error) counted.
      await chain;
    }
  }

  private async settle(event: RecordedEvent, seq: number, pending: Promise<PublishResult>): Promise<void> {
    const result = await pending;
    if (this.failure !== undefined) return;
    if (!result.ok || result.ack.duplicate || result.ack.seq !== seq) {
      this.failure = new RelaySequenceConflictError(
        event.id,
        seq,
        result.ok ? result.ack : undefined,
        result.ok ? undefined : result.error,
      );
      this.closeSubscription();
      return;
    }
    this.lastAcked = event.globalPosition;
    this.deps.onPublished(event, seq);
    if (this.deps.timers.nowMs() - this.lastWriteAt >= this.deps.checkpointEveryMs) this.writeCheckpoint();
  }

  /** One checkpoint write at a time, only while the lease is ours, only when it moved. */
  private writeCheckpoint(): void {
    const position = this.lastAcked;
    if (position === undefined || position === this.lastWritten || !this.deps.isLeaseHeld()) return;
    this.lastWritten = position;
    this.lastWriteAt = this.deps.timers.nowMs();
    this.checkpointWrite = this.checkpointWrite
      .then(() => this.deps.checkpoint.write(position))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'relay checkpoint write failed'));
  }

  private closeSubscription(): void {
    const sub = this.sub;
    if (sub === undefined || this.subClosed) return;
    this.subClosed = true;
    sub
      .close()
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'closing the event subscription failed'),
      );
  }
}
