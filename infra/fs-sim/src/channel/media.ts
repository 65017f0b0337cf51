/**
 * What a running application waits on: a timer, a uuid_break, a DTMF digit it wants, or the hang-up.
 * One waiter at a time, like the one media thread of a FreeSWITCH session.
 */
import type { TimerHandle, VirtualClock } from '../clock/virtual-clock.js';

export type WaitOutcome =
  | { readonly kind: 'timeout' }
  | { readonly kind: 'break' }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'dtmf'; readonly digit: string };

export interface WaitOptions {
  /** Virtual ms until 'timeout'; omit to wait until something else happens. */
  readonly ms?: number;
  /** uuid_break ends this wait. */
  readonly breakable?: boolean;
  /** Called for each digit; returning true ends the wait with that digit. */
  readonly onDigit?: (digit: string) => boolean;
}

interface Waiter {
  readonly options: WaitOptions;
  readonly resolve: (outcome: WaitOutcome) => void;
  readonly timer: TimerHandle | undefined;
}

export class MediaControl {
  private waiter: Waiter | undefined;
  private down = false;

  constructor(private readonly clock: VirtualClock) {}

  wait(options: WaitOptions): Promise<WaitOutcome> {
    if (this.down) return Promise.resolve({ kind: 'hangup' });
    return new Promise((resolve) => {
      const timer =
        options.ms === undefined
          ? undefined
          : this.clock.setTimeout(() => this.finish({ kind: 'timeout' }), options.ms);
      this.finish({ kind: 'break' });
      this.waiter = { options, resolve, timer };
    });
  }

  /** uuid_break: true when something was interrupted. */
  break(): boolean {
    if (!this.waiter?.options.breakable) return false;
    this.finish({ kind: 'break' });
    return true;
  }

  /** Ends the current wait whatever it is (transfer out of a bridge, the other leg leaving). */
  interrupt(): void {
    this.finish({ kind: 'break' });
  }

  /** Offers a digit to the current waiter; true when it took it. */
  digit(digit: string): boolean {
    const onDigit = this.waiter?.options.onDigit;
    if (!onDigit || !onDigit(digit)) return false;
    this.finish({ kind: 'dtmf', digit });
    return true;
  }

  /** The channel is gone: the current and every later wait ends with 'hangup'. */
  hangup(): void {
    this.down = true;
    this.finish({ kind: 'hangup' });
  }

  get isDown(): boolean {
    return this.down;
  }

  private finish(outcome: WaitOutcome, deliver = true): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = undefined;
    this.clock.clearTimeout(w.timer);
    if (deliver) w.resolve(outcome);
  }
}
