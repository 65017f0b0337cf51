import { comparePositions, type GlobalPosition, type RecordedEvent } from '@hotline/contracts';
import type { AllSubscription } from '../port.js';
import { realSleep, type Sleep } from './retry.js';

/**
 * One thing a subscription source saw in the log: its position, and the event when it is one for
 * this subscriber (filtered-out and system records come without, but still move the checkpoint, so a
 * resubscription does not read them again).
 */
export interface FeedItem {
  readonly position: GlobalPosition;
  readonly event?: RecordedEvent;
}

/** One live connection of a subscription source; it may end or throw when the server drops it. */
export interface FeedConnection extends AsyncIterable<FeedItem> {
  close(): Promise<void>;
}

/** Opens a connection delivering what comes strictly after `after` (from the start when undefined). */
export type FeedSource = (after: GlobalPosition | undefined) => FeedConnection;

export interface ResubscribeOptions {
  after?: GlobalPosition;
  /** Errors worth resubscribing after; any other error ends the iteration with that error. */
  isRecoverable: (error: unknown) => boolean;
  /** Pause before the n-th resubscription in a row without progress; grows to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  sleep?: Sleep;
  /** Told about every drop (for logs and metrics); `error` is undefined when the feed just ended. */
  onDrop?: (error: unknown, consecutiveDrops: number) => void;
}

/**
 * A catch-up subscription that survives drops: it remembers the position of the last record the
 * source delivered and reopens the source strictly after it. Records at or before that checkpoint
 * are discarded, so a source that replays from an inclusive position, or a server that resends
 * after a reconnect, never causes a re-delivery; and since the checkpoint only moves to positions
 * the source actually delivered, nothing after it can be skipped.
 */
export function resubscribing(open: FeedSource, options: ResubscribeOptions): AllSubscription {
  const sleep = options.sleep ?? realSleep;
  const initialDelayMs = options.initialDelayMs ?? 100;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  const stopping = new AbortController();
  let checkpoint = options.after;
  let connection: FeedConnection | undefined;

  async function* run(): AsyncGenerator<RecordedEvent, void, undefined> {
    let drops = 0;
    try {
      while (!stopping.signal.aborted) {
        connection = open(checkpoint);
        let dropError: unknown;
        try {
          for await (const item of connection) {
            if (checkpoint !== undefined && comparePositions(item.position, checkpoint) <= 0) continue;
            checkpoint = item.position;
            drops = 0;
            if (item.event) yield item.event;
          }
        } catch (error) {
          if (stopping.signal.aborted) return;
          if (!options.isRecoverable(error)) throw error;
          dropError = error;
        } finally {
          await connection.close();
        }
        if (stopping.signal.aborted) return;
        drops += 1;
        options.onDrop?.(dropError, drops);
        await sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** (drops - 1)), stopping.signal);
      }
    } finally {
      // Reached on close(), on `break` in the consumer's loop, and on a fatal error alike.
      stopping.abort();
    }
  }

  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      if (stopping.signal.aborted) return;
      stopping.abort();
      // Ends a pending read of the current connection; the generator then sees `stopping` and ends.
      await connection?.close();
      await iterator.return();
    },
  };
}
