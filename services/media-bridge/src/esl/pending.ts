/** Requests waiting for a result correlated by id (Job-UUID, Application-UUID), each with a timeout. */
import { EslTimeoutError } from './errors.js';

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class PendingResults<T> {
  private readonly waiters = new Map<string, Waiter<T>>();

  wait(key: string, what: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new EslTimeoutError(what, timeoutMs));
      }, timeoutMs);
      this.waiters.set(key, { resolve, reject, timer });
    });
  }

  /** Resolves the waiter for `key`; without a value it is just dropped (the request failed earlier). */
  settle(key: string, value?: T): void {
    const waiter = this.waiters.get(key);
    if (!waiter) return;
    this.waiters.delete(key);
    clearTimeout(waiter.timer);
    if (value !== undefined) waiter.resolve(value);
  }

  failAll(error: Error): void {
    for (const w of this.waiters.values()) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters.clear();
  }
}
