import { describe, expect, it } from 'vitest';
import { ManualClock, flush } from '@hotline/test-kit';
import { Lease } from './lease.js';
import { FakeLeaseKv } from './test-support/fake-lease-kv.js';
import type { Timers } from './timers.js';

const TTL = 3000;

function lease(kv: FakeLeaseKv, owner: string, timers: Timers) {
  const events: string[] = [];
  const l = new Lease({
    kv,
    key: 'HOTLINE_EVENTS',
    owner,
    ttlMs: TTL,
    timers,
    onAcquired: () => events.push('acquired'),
    onLost: (reason) => events.push(`lost: ${reason}`),
  });
  return { lease: l, events };
}

/** Advances in small steps so every KV reply is processed before the next timer fires. */
async function advance(clock: ManualClock, ms: number, step = 100): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    clock.advance(Math.min(step, ms - done));
    await flush();
  }
}

describe('Lease', () => {
  it('acquires a free lease, renews it every ttl/3 and keeps it', async () => {
    const clock = new ManualClock(0);
    const kv = new FakeLeaseKv(clock, TTL);
    const a = lease(kv, 'a', clock);
    a.lease.start();
    await advance(clock, 0 + 100);
    expect(a.lease.status()).toEqual({ held: true, holder: 'a' });
    await advance(clock, 10 * TTL);
    expect(a.events).toEqual(['acquired']);
    expect(await kv.holder('HOTLINE_EVENTS')).toBe('a');
  });

  it('keeps a second instance standing by until the holder stops renewing and its entry expires', async () => {
    const clock = new ManualClock(0);
    const frozen = new ManualClock(0); // the first holder's own clock: it stops when the process dies
    const kv = new FakeLeaseKv(clock, TTL);
    const a = lease(kv, 'a', frozen);
    const b = lease(kv, 'b', clock);
    a.lease.start();
    frozen.advance(0);
    await flush();
    b.lease.start();
    for (let i = 0; i < 25; i++) {
      await advance(clock, 100);
      frozen.advance(100);
      await flush();
    }
    expect(a.lease.isHeld()).toBe(true);
    expect(b.lease.status()).toEqual({ held: false, holder: 'a' });
    // `a` dies at 2500: its last renewal was stored at 2000, so its entry lives until 5000.
    await advance(clock, 5000 - clock.nowMs() - 1, 1);
    expect(b.lease.isHeld()).toBe(false);
    await advance(clock, b.lease.intervalMs + 1, 1);
    expect(b.lease.isHeld()).toBe(true);
    expect(b.events).toEqual(['acquired']);
  });

  it('gives the lease up at once when a renewal fails', async () => {
    const clock = new ManualClock(0);
    const kv = new FakeLeaseKv(clock, TTL);
    const a = lease(kv, 'a', clock);
    a.lease.start();
    await advance(clock, 100);
    kv.mode = 'fail';
    await advance(clock, 1000);
    expect(a.events).toEqual(['acquired', 'lost: renewal failed']);
    expect(a.lease.isHeld()).toBe(false);
  });

  it('gives the lease up when the ttl passes without a successful renewal, never after the entry expires', async () => {
    const clock = new ManualClock(0);
    const kv = new FakeLeaseKv(clock, TTL);
    const a = lease(kv, 'a', clock);
    a.lease.start();
    await advance(clock, 1000, 1); // acquired at 0, renewed (and stored) at 1000
    kv.mode = 'hold'; // the renewal at 2000 is stored, but its reply never comes back
    await advance(clock, 2999, 1); // t = 3999: the renewal stored at 1000 is still valid
    expect(a.lease.isHeld()).toBe(true);
    await advance(clock, 1, 1); // t = 4000 = 1000 + ttl
    expect(a.events).toEqual(['acquired', 'lost: no successful renewal within the ttl']);
    // The late reply must not revive it: a standby may already be taking over.
    kv.mode = 'ok';
    kv.release();
    await flush();
    expect(a.lease.isHeld()).toBe(false);
  });

  it('releases on stop so a standby takes over without waiting for expiry', async () => {
    const clock = new ManualClock(0);
    const kv = new FakeLeaseKv(clock, TTL);
    const a = lease(kv, 'a', clock);
    const b = lease(kv, 'b', clock);
    a.lease.start();
    await advance(clock, 100);
    b.lease.start();
    await advance(clock, 1500);
    await a.lease.stop();
    expect(await kv.holder('HOTLINE_EVENTS')).toBeUndefined();
    await advance(clock, b.lease.intervalMs);
    expect(b.lease.isHeld()).toBe(true);
    expect(clock.nowMs()).toBeLessThan(TTL);
    await advance(clock, 5 * TTL);
    expect(a.events).toEqual(['acquired']);
    expect(a.lease.isHeld()).toBe(false);
  });
});
