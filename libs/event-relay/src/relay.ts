import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { positionToString } from '@hotline/contracts';
import type { EventStore } from '@hotline/event-store';
import { DEFAULT_EVENT_SUBJECT_PREFIX, silentLogger, type Logger } from '@hotline/messaging';
import { openCheckpoint, openLeaseBucket } from './kv.js';
import { Lease, type LeaseStatus } from './lease.js';
import { RelaySession } from './session.js';
import { ensureEventStream } from './stream.js';
import { sleep, systemTimers, type Timers } from './timers.js';

export interface RelayOptions {
  store: EventStore;
  nc: NatsConnection;
  instanceId: string;
  /** JetStream stream, default `HOTLINE_EVENTS`. */
  streamName?: string;
  /** Subjects are `{subjectPrefix}.evt.{tenant}.{category}.{type}`; default `hl`. */
  subjectPrefix?: string;
  /** KV bucket of the lease (its max age is the ttl); default `hotline_relay_lease`. */
  leaseBucket?: string;
  leaseTtlMs?: number;
  /** KV bucket of the fallback checkpoint; default `{leaseBucket}_checkpoint`. */
  checkpointBucket?: string;
  /** Published but not yet acknowledged messages; default 256. */
  maxInFlight?: number;
  publishTimeoutMs?: number;
  duplicateWindowMs?: number;
  checkpointEveryMs?: number;
  /** Pause before a new session after a failed one: first value, doubling up to 10 s. */
  retryDelayMs?: number;
  timers?: Timers;
  logger?: Logger;
}

export type RelayState = 'starting' | 'standby' | 'active' | 'stopping' | 'stopped' | 'failed';

export interface RelayStatus {
  instanceId: string;
  state: RelayState;
  lease: LeaseStatus;
  /** Events this instance has published since it started. */
  published: number;
  lastPosition?: string;
  lastSequence?: number;
  lastError?: string;
}

export interface Relay {
  /** Resolves after stop(); rejects if the relay hit an error retrying cannot fix. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
  status(): RelayStatus;
}

/** Wakes the relay's loop; a notify with nobody waiting is kept for the next wait. */
class Signal {
  private pending = false;
  private resolve: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    this.resolve?.();
  }

  async wait(): Promise<void> {
    if (!this.pending) await new Promise<void>((r) => (this.resolve = r));
    this.pending = false;
    this.resolve = undefined;
  }
}

/**
 * Relays every event of the store to JetStream, in global order, exactly once, while this
 * instance holds the lease; stands by otherwise. See README.md for the design.
 */
export function startRelay(options: RelayOptions): Relay {
  const streamName = options.streamName ?? 'HOTLINE_EVENTS';
  const subjectPrefix = options.subjectPrefix ?? DEFAULT_EVENT_SUBJECT_PREFIX;
  const leaseBucket = options.leaseBucket ?? 'hotline_relay_lease';
  const timers = options.timers ?? systemTimers;
  const logger = options.logger ?? silentLogger;
  const baseRetryMs = options.retryDelayMs ?? 250;
  const wake = new Signal();
  const status: RelayStatus = {
    instanceId: options.instanceId,
    state: 'starting',
    lease: { held: false },
    published: 0,
  };
  let lease: Lease | undefined;
  let session: RelaySession | undefined;
  let pause: ReturnType<typeof sleep> | undefined;
  let stopping = false;

  const loop = async (): Promise<void> => {
    const jsm = await jetstreamManager(options.nc);
    const js = jetstream(options.nc);
    await ensureEventStream(jsm, streamName, subjectPrefix, options.duplicateWindowMs ?? 120_000);
    const bucket = await openLeaseBucket(options.nc, leaseBucket, options.leaseTtlMs ?? 10_000, logger);
    const checkpoint = await openCheckpoint(
      options.nc,
      options.checkpointBucket ?? `${leaseBucket}_checkpoint`,
    );
    if (stopping) return;
    const held = new Lease({
      kv: bucket.kv,
      key: streamName,
      owner: options.instanceId,
      ttlMs: bucket.ttlMs,
      timers,
      logger,
      onAcquired: () => wake.notify(),
      onLost: () => {
        session?.abort();
        pause?.cancel();
        wake.notify();
      },
    });
    lease = held;
    held.start();
    let failures = 0;
    while (!stopping) {
      if (!held.isHeld()) {
        status.state = 'standby';
        await wake.wait();
        continue;
      }
      status.state = 'active';
      const current = new RelaySession({
        store: options.store,
        js,
        jsm,
        streamName,
        subjectPrefix,
        maxInFlight: options.maxInFlight ?? 256,
        publishTimeoutMs: options.publishTimeoutMs ?? 5000,
        checkpoint,
        checkpointEveryMs: options.checkpointEveryMs ?? 1000,
        timers,
        logger,
        isLeaseHeld: () => held.isHeld(),
        onPublished: (event, seq) => {
          status.published++;
          status.lastPosition = positionToString(event.globalPosition);
          status.lastSequence = seq;
        },
      });
      session = current;
      const publishedBefore = status.published;
      const outcome = await current.run();
      session = undefined;
      if (status.published > publishedBefore) failures = 0;
      if (outcome.kind === 'aborted') continue;
      status.lastError = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      if (outcome.kind === 'fatal') throw outcome.error;
      failures++;
      const delay = Math.min(baseRetryMs * 2 ** (failures - 1), 10_000);
      logger.warn(
        { err: outcome.error, stream: streamName, retryInMs: delay },
        'relay session failed; resyncing',
      );
      pause = sleep(timers, delay);
      await pause.done;
      pause = undefined;
    }
  };

  const finish = async (): Promise<void> => {
    // Release only after the session has settled its in-flight publishes, so the next holder
    // reads the final tail.
    await lease?.stop();
  };

  const stopped = loop().then(
    async () => {
      await finish();
      status.state = 'stopped';
    },
    async (error: unknown) => {
      await finish();
      status.state = 'failed';
      status.lastError = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, stream: streamName }, 'relay stopped on an error it cannot retry');
      throw error;
    },
  );

  // Callers may never look at `stopped`; a fatal error is logged above and must not also
  // surface as an unhandled rejection.
  stopped.catch(() => undefined);

  return {
    stopped,
    async stop() {
      if (!stopping) {
        stopping = true;
        if (status.state !== 'failed') status.state = 'stopping';
        session?.abort();
        pause?.cancel();
        wake.notify();
      }
      await stopped.catch(() => undefined);
    },
    status: () => ({ ...status, lease: lease?.status() ?? { held: false } }),
  };
}
