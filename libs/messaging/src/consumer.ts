import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { HotlineError, type RecordedEvent } from '@hotline/contracts';
import { decodeEvent } from './event-codec.js';
import { silentLogger, type Logger } from './logger.js';
import type { AppliedPositionStore } from './positions.js';

export interface EventContext {
  /** 1 on first delivery; more after naks or ack-wait expiries. */
  readonly deliveryCount: number;
  /** Sequence of the message in the JetStream stream. */
  readonly streamSequence: number;
}

export type EventHandler = (event: RecordedEvent, context: EventContext) => Promise<void>;

export interface ConsumeEventsOptions {
  nc: NatsConnection;
  /** JetStream stream (`HOTLINE_EVENTS`). */
  stream: string;
  /** Durable consumer name: one per reader; instances sharing it share the work. */
  durable: string;
  /** E.g. `eventFilterSubject('hl', { category: 'call' })`; one subject (server 2.9). */
  filterSubject: string;
  handler: EventHandler;
  positions: AppliedPositionStore;
  /** Handler attempts per event; after the last failed one the event is logged and terminated. */
  maxDeliver?: number;
  /** How long the server waits for an ack before redelivering (a crashed handler). */
  ackWaitMs?: number;
  /** Delay before redelivery after failed attempt n (1-based). Default 500 ms · 2^(n-1), max 30 s. */
  retryDelayMs?: (attempt: number) => number;
  /** Where a new durable starts; an existing one resumes where it was. Default: all events. */
  deliverPolicy?: 'all' | 'new';
  logger?: Logger;
}

export interface EventConsumer {
  /** Stops fetching, lets the event in hand finish, then resolves. */
  stop(): Promise<void>;
  /** Settles when the consume loop has ended (after stop(), or if the connection closed). */
  readonly done: Promise<void>;
}

export class ConsumerConfigConflictError extends HotlineError {
  constructor(message: string) {
    super('CONSUMER_CONFIG_CONFLICT', 'conflict', message);
  }
}

// term() is sent without a reason: server 2.9 only knows the bare `+TERM` and silently ignores
// `+TERM <reason>` (2.10+), which would leave the message pending until ack-wait. The log has it.

const defaultRetryDelay = (attempt: number): number => Math.min(500 * 2 ** (attempt - 1), 30_000);

/**
 * Creates the durable pull consumer or brings an existing one in line. `max_ack_pending` 1 keeps
 * events in stream order even across redeliveries: with more in flight, a later event of the same
 * stream could be applied while an earlier one waits for redelivery, and the revision check would
 * then skip the earlier one. `max_deliver` is unlimited on the server; the helper counts handler
 * failures itself, so an outage of the position store never makes the server drop an event.
 */
async function ensureConsumer(jsm: JetStreamManager, options: ConsumeEventsOptions): Promise<void> {
  const wanted: Partial<ConsumerConfig> = {
    ack_wait: nanos(options.ackWaitMs ?? 30_000),
    max_ack_pending: 1,
    max_deliver: -1,
  };
  try {
    const info = await jsm.consumers.info(options.stream, options.durable);
    if (info.config.filter_subject !== options.filterSubject) {
      throw new ConsumerConfigConflictError(
        `consumer ${options.durable} filters ${info.config.filter_subject ?? '(nothing)'}, not ${options.filterSubject}; use a new durable name`,
      );
    }
    const c = info.config;
    if (c.ack_wait !== wanted.ack_wait || c.max_ack_pending !== 1 || c.max_deliver !== -1) {
      await jsm.consumers.update(options.stream, options.durable, wanted);
    }
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound))
      throw error;
    await jsm.consumers.add(options.stream, {
      ...wanted,
      durable_name: options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: options.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      filter_subject: options.filterSubject,
    });
  }
}

/**
 * Runs a durable JetStream consumer of Hotline events: decodes each message, skips (acks) an event
 * already applied, calls the handler, records the revision, acks. A failed handler is nak'ed with
 * a delay and retried until `maxDeliver` attempts, then terminated; a malformed message is
 * terminated at once. Nothing a message contains can end the loop.
 */
export async function consumeEvents(options: ConsumeEventsOptions): Promise<EventConsumer> {
  const logger = options.logger ?? silentLogger;
  const maxDeliver = options.maxDeliver ?? 5;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const log = { stream: options.stream, durable: options.durable };
  await ensureConsumer(await jetstreamManager(options.nc), options);
  const consumer = await jetstream(options.nc).consumers.get(options.stream, options.durable);
  const messages: ConsumerMessages = await consumer.consume();

  const processOne = async (msg: JsMsg): Promise<void> => {
    let event: RecordedEvent;
    try {
      event = decodeEvent(msg);
    } catch (error) {
      logger.error(
        { ...log, err: error, seq: msg.seq, subject: msg.subject },
        'malformed event message terminated',
      );
      msg.term();
      return;
    }
    const attempt = msg.info.deliveryCount;
    const at = {
      ...log,
      eventId: event.id,
      eventStream: event.streamName,
      revision: event.streamRevision,
      attempt,
    };
    let applied: number | undefined;
    try {
      applied = await options.positions.get(event.streamName);
    } catch (error) {
      // Not the event's fault: retry without counting it against the handler's attempts.
      logger.warn({ ...at, err: error }, 'applied-position store failed; event will be redelivered');
      msg.nak(retryDelay(1));
      return;
    }
    if (applied !== undefined && event.streamRevision <= applied) {
      logger.debug({ ...at, applied }, 'event already applied; skipped');
      msg.ack();
      return;
    }
    try {
      await options.handler(event, { deliveryCount: attempt, streamSequence: msg.seq });
    } catch (error) {
      if (attempt >= maxDeliver) {
        logger.error(
          { ...at, err: error, maxDeliver },
          'event handler failed on the last attempt; event terminated',
        );
        msg.term();
      } else {
        logger.warn({ ...at, err: error }, 'event handler failed; event will be redelivered');
        msg.nak(retryDelay(attempt));
      }
      return;
    }
    try {
      await options.positions.set(event.streamName, event.streamRevision);
    } catch (error) {
      // Applied but not recorded: the redelivery re-runs the (idempotent) handler.
      logger.warn({ ...at, err: error }, 'could not record applied position; event will be redelivered');
      msg.nak(retryDelay(1));
      return;
    }
    msg.ack();
  };

  const done = (async () => {
    for await (const msg of messages) {
      try {
        await processOne(msg);
      } catch (error) {
        // ack/nak/term throw only when the connection is gone; the server redelivers later.
        logger.error({ ...log, err: error, seq: msg.seq }, 'could not settle event message');
      }
    }
  })();
  done.catch((error: unknown) =>
    logger.error({ ...log, err: error }, 'event consumer loop ended with an error'),
  );

  return {
    done,
    async stop() {
      await messages.close();
      await done.catch(() => undefined);
    },
  };
}
