/**
 * Command replies in the order the commands were sent. FreeSWITCH answers each command exactly once
 * and in order, so position is the only key for `sendmsg`/`event` replies — which is why any doubt
 * (a timeout, a bgapi reply whose Job-UUID is not the one expected) is reported as `desync` and the
 * owner drops the connection rather than letting every later reply land on the wrong request.
 */
import { EslCommandError, EslTimeoutError } from './errors.js';
import type { WireFrame } from './wire.js';

interface ReplyWaiter {
  resolve(value: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  readonly jobUuid: string | undefined;
  readonly what: string;
}

export class ReplyQueue {
  private readonly waiters: ReplyWaiter[] = [];

  constructor(
    private readonly timeoutMs: number,
    private readonly desync: (why: string) => void,
  ) {}

  expect(what: string, jobUuid: string | undefined): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new EslTimeoutError(what, this.timeoutMs));
        this.desync(`${what} reply timed out`);
      }, this.timeoutMs);
      this.waiters.push({ resolve, reject, timer, jobUuid, what });
    });
  }

  /** A command/reply or api/response frame arrived. */
  take(frame: WireFrame): void {
    const waiter = this.waiters.shift();
    if (!waiter) return; // the auth reply, consumed by modesl itself
    clearTimeout(waiter.timer);
    const text = frame.headers.get('Reply-Text') ?? frame.body;
    if (waiter.jobUuid !== undefined && frame.headers.get('Job-UUID') !== waiter.jobUuid) {
      waiter.reject(new EslTimeoutError(waiter.what, this.timeoutMs));
      this.desync(`${waiter.what} reply out of step`);
      return;
    }
    if (text.startsWith('-ERR')) waiter.reject(new EslCommandError(waiter.what, text.trim()));
    else waiter.resolve(text);
  }

  failAll(error: Error): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(error);
    }
  }
}
