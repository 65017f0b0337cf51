/**
 * The simulator's only source of time. Every timer in the simulator goes through it, so a test can run
 * an hour of traffic in milliseconds (manual mode) and a demo can run at 100x (scaled mode).
 */
export type ClockMode = 'manual' | 'scaled';

export interface ClockOptions {
  mode: ClockMode;
  /** Virtual milliseconds per real millisecond in scaled mode (1 = real time). */
  scale?: number;
  /** Virtual epoch at start, ms. Defaults to the real time now. */
  startAt?: number;
}

export interface TimerHandle {
  readonly id: number;
}

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class VirtualClock {
  readonly mode: ClockMode;
  readonly scale: number;
  private virtualBase: number;
  private realBase: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private realTimer: NodeJS.Timeout | undefined;
  private pendingDefers = 0;
  private stopped = false;

  constructor(options: ClockOptions) {
    this.mode = options.mode;
    this.scale = options.scale ?? 1;
    if (!(this.scale > 0)) throw new RangeError('clock scale must be > 0');
    this.virtualBase = options.startAt ?? Date.now();
    this.realBase = performance.now();
  }

  /** Virtual time in ms since the epoch. */
  now(): number {
    if (this.mode === 'manual') return this.virtualBase;
    return this.virtualBase + (performance.now() - this.realBase) * this.scale;
  }

  /** Virtual time in whole microseconds, the unit of FreeSWITCH timestamps. */
  nowMicros(): number {
    return Math.floor(this.now() * 1000);
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ id, at: this.now() + Math.max(0, ms), fn });
    this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
    this.arm();
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return;
    this.timers = this.timers.filter((t) => t.id !== handle.id);
    this.arm();
  }

  /** Promise that resolves after `ms` virtual milliseconds. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /**
   * Runs `fn` soon, at the same virtual instant. Zero-duration work (replies, state changes) uses this,
   * so a manual-mode test never has to advance the clock for things that take no time.
   */
  defer(fn: () => void): void {
    this.pendingDefers++;
    setImmediate(() => {
      this.pendingDefers--;
      if (!this.stopped) fn();
    });
  }

  /** Resolves once all deferred work (including work it defers in turn) has run. */
  async settle(): Promise<void> {
    for (let i = 0; i < 10_000; i++) {
      await new Promise<void>((r) => setImmediate(r));
      if (this.pendingDefers === 0) {
        await new Promise<void>((r) => setImmediate(r));
        if (this.pendingDefers === 0) return;
      }
    }
  }

  /** Manual mode only: moves time forward, firing due timers in order and letting their work settle. */
  async advance(ms: number): Promise<void> {
    if (this.mode !== 'manual') throw new Error('advance() needs a manual clock');
    if (!(ms >= 0)) throw new RangeError('advance() needs ms >= 0');
    const target = this.virtualBase + ms;
    await this.settle();
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.virtualBase = Math.max(this.virtualBase, next.at);
      next.fn();
      await this.settle();
    }
    this.virtualBase = target;
    await this.settle();
  }

  /** Number of pending timers; lets tests assert nothing is left running. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Drops every timer; used by restart and shutdown. */
  reset(): void {
    this.timers = [];
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.reset();
  }

  private arm(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    if (this.mode === 'manual' || this.stopped) return;
    const next = this.timers[0];
    if (!next) return;
    const delay = Math.max(0, (next.at - this.now()) / this.scale);
    this.realTimer = setTimeout(() => this.fireDue(), Math.min(delay, 2_147_000_000));
    this.realTimer.unref();
  }

  private fireDue(): void {
    this.realTimer = undefined;
    const now = this.now();
    while (this.timers[0] && this.timers[0].at <= now) {
      const t = this.timers.shift();
      t?.fn();
    }
    this.arm();
  }
}
