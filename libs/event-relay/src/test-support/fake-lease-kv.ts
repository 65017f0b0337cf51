import type { ManualClock } from '@hotline/test-kit';
import type { LeaseKv } from '../lease.js';

interface Entry {
  value: string;
  revision: number;
  writtenAt: number;
}

/**
 * A LeaseKv with NATS KV's semantics on a ManualClock: entries vanish `maxAgeMs` after their last
 * write, create/update/delete are compare-and-set. `mode` makes the "server" fail every call, or
 * apply it but hold the reply until `release()` (a reply lost in a slow network).
 */
export class FakeLeaseKv implements LeaseKv {
  mode: 'ok' | 'fail' | 'hold' = 'ok';
  private readonly entries = new Map<string, Entry>();
  private readonly held: (() => void)[] = [];
  private sequence = 0;

  constructor(
    private readonly clock: ManualClock,
    private readonly maxAgeMs: number,
  ) {}

  create(key: string, value: string): Promise<number> {
    return this.reply(() => {
      if (this.live(key)) throw new Error('wrong last sequence');
      return this.write(key, value);
    });
  }

  update(key: string, value: string, revision: number): Promise<number> {
    return this.reply(() => {
      if (this.live(key)?.revision !== revision) throw new Error('wrong last sequence');
      return this.write(key, value);
    });
  }

  delete(key: string, revision: number): Promise<void> {
    return this.reply(() => {
      if (this.live(key)?.revision !== revision) throw new Error('wrong last sequence');
      this.entries.delete(key);
    });
  }

  holder(key: string): Promise<string | undefined> {
    return Promise.resolve(this.live(key)?.value);
  }

  /** Delivers the replies held back in 'hold' mode. */
  release(): void {
    for (const deliver of this.held.splice(0)) deliver();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.clock.nowMs() - entry.writtenAt >= this.maxAgeMs) this.entries.delete(key);
    return this.entries.get(key);
  }

  private write(key: string, value: string): number {
    const revision = ++this.sequence;
    this.entries.set(key, { value, revision, writtenAt: this.clock.nowMs() });
    return revision;
  }

  private reply<T>(apply: () => T): Promise<T> {
    if (this.mode === 'fail') return Promise.reject(new Error('nats unavailable'));
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: apply() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const settle = (resolve: (v: T) => void, reject: (e: unknown) => void) =>
      outcome.ok ? resolve(outcome.value) : reject(outcome.error);
    if (this.mode === 'hold')
      return new Promise<T>((resolve, reject) => this.held.push(() => settle(resolve, reject)));
    return new Promise<T>(settle);
  }
}
