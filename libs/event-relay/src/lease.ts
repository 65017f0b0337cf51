import { silentLogger, type Logger } from '@hotline/messaging';
import { systemTimers, type Timers } from './timers.js';

/**
 * The compare-and-set operations a lease needs from a key-value store whose entries expire a fixed
 * time after their last write (a NATS KV bucket's max age). `create` fails while the key holds a
 * live value; `update` and `delete` fail unless the key is still at `revision`.
 */
export interface LeaseKv {
  create(key: string, value: string): Promise<number>;
  update(key: string, value: string, revision: number): Promise<number>;
  delete(key: string, revision: number): Promise<void>;
  /** Current holder, for status and logs only; never used to decide. */
  holder(key: string): Promise<string | undefined>;
}

export interface LeaseOptions {
  kv: LeaseKv;
  key: string;
  owner: string;
  /** Must equal the bucket's max age: an unrenewed entry disappears after it. */
  ttlMs: number;
  timers?: Timers;
  logger?: Logger;
  onAcquired(): void;
  onLost(reason: string): void;
}

export interface LeaseStatus {
  held: boolean;
  /** Who holds it as last seen (this instance while held). */
  holder?: string;
}

/**
 * A single-holder lease. Acquire = `create` (fails while anyone holds it); renew every ttl/3 with
 * `update` at the last revision; a failed renewal, or ttl passing without a successful one, means
 * lost at once. Validity is counted from when the winning request was *sent*, and the server's
 * expiry runs from when it was *stored* (later), so the holder always gives up before another
 * instance can take over — leaving only clock-rate drift, which the stream's expected-sequence
 * check in the relay covers.
 */
export class Lease {
  private readonly timers: Timers;
  private readonly logger: Logger;
  private held = false;
  private revision = 0;
  private stopped = false;
  /** Bumped whenever the lease is gained, lost or stopped, so late replies are ignored. */
  private epoch = 0;
  private timer: unknown;
  private expiryTimer: unknown;
  private lastHolder: string | undefined;

  constructor(private readonly options: LeaseOptions) {
    this.timers = options.timers ?? systemTimers;
    this.logger = options.logger ?? silentLogger;
  }

  get intervalMs(): number {
    return Math.max(1, Math.floor(this.options.ttlMs / 3));
  }

  start(): void {
    this.schedule(0, () => this.tryAcquire());
  }

  isHeld(): boolean {
    return this.held;
  }

  status(): LeaseStatus {
    const holder = this.held ? this.options.owner : this.lastHolder;
    return holder === undefined ? { held: this.held } : { held: this.held, holder };
  }

  /** Stops trying; releases the lease if held so a standby can take over without waiting. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.epoch++;
    this.timers.clearTimeout(this.timer);
    this.timers.clearTimeout(this.expiryTimer);
    if (!this.held) return;
    this.held = false;
    try {
      await this.options.kv.delete(this.options.key, this.revision);
      this.logger.info({ lease: this.options.key, owner: this.options.owner }, 'lease released');
    } catch (error) {
      this.logger.warn(
        { lease: this.options.key, err: error },
        'lease release failed; it expires by max age',
      );
    }
  }

  private schedule(ms: number, fn: () => Promise<void>): void {
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      fn().catch((error: unknown) =>
        this.logger.error({ lease: this.options.key, err: error }, 'lease step failed'),
      );
    }, ms);
  }

  private async tryAcquire(): Promise<void> {
    if (this.stopped || this.held) return;
    const epoch = this.epoch;
    const sentAt = this.timers.nowMs();
    try {
      const revision = await this.options.kv.create(this.options.key, this.options.owner);
      if (epoch !== this.epoch || this.stopped) return;
      this.gain(revision, sentAt);
    } catch (error) {
      if (epoch !== this.epoch || this.stopped) return;
      const holder = await this.options.kv.holder(this.options.key).catch(() => undefined);
      if (holder !== this.lastHolder) {
        this.logger.info({ lease: this.options.key, holder, err: error }, 'lease not available; standing by');
      }
      this.lastHolder = holder;
      this.schedule(this.intervalMs, () => this.tryAcquire());
    }
  }

  private gain(revision: number, sentAt: number): void {
    this.held = true;
    this.revision = revision;
    this.epoch++;
    this.lastHolder = this.options.owner;
    this.armExpiry(sentAt);
    this.scheduleRenewal(sentAt);
    this.logger.info({ lease: this.options.key, owner: this.options.owner, revision }, 'lease acquired');
    this.options.onAcquired();
  }

  /** Renewals keep a ttl/3 cadence from when the last good one was sent, however slow its reply. */
  private scheduleRenewal(sentAt: number): void {
    this.schedule(Math.max(0, sentAt + this.intervalMs - this.timers.nowMs()), () => this.renew());
  }

  private armExpiry(sentAt: number): void {
    this.timers.clearTimeout(this.expiryTimer);
    const remaining = sentAt + this.options.ttlMs - this.timers.nowMs();
    this.expiryTimer = this.timers.setTimeout(
      () => this.lose('no successful renewal within the ttl'),
      remaining,
    );
  }

  private async renew(): Promise<void> {
    if (!this.held || this.stopped) return;
    const epoch = this.epoch;
    const sentAt = this.timers.nowMs();
    try {
      const revision = await this.options.kv.update(this.options.key, this.options.owner, this.revision);
      if (epoch !== this.epoch || !this.held) return;
      this.revision = revision;
      this.armExpiry(sentAt);
      this.scheduleRenewal(sentAt);
    } catch (error) {
      if (epoch !== this.epoch || !this.held) return;
      this.logger.warn({ lease: this.options.key, err: error }, 'lease renewal failed');
      this.lose('renewal failed');
    }
  }

  private lose(reason: string): void {
    if (!this.held) return;
    this.held = false;
    this.epoch++;
    this.timers.clearTimeout(this.expiryTimer);
    this.logger.warn({ lease: this.options.key, owner: this.options.owner, reason }, 'lease lost');
    this.options.onLost(reason);
    // Our entry, if it is still there, expires by max age; until then create() keeps failing.
    if (!this.stopped) this.schedule(this.intervalMs, () => this.tryAcquire());
  }
}
