import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('fires timers in order at their virtual time, including ones scheduled by earlier timers', async () => {
    const clock = new VirtualClock({ mode: 'manual', startAt: 0 });
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      seen.push(`a@${clock.now()}`);
      clock.setTimeout(() => seen.push(`c@${clock.now()}`), 50);
    }, 100);
    await clock.advance(149);
    expect(seen).toEqual(['a@100']);
    await clock.advance(100);
    expect(seen).toEqual(['a@100', 'c@150', 'b@200']);
    expect(clock.now()).toBe(249);
  });

  it('lets promise chains started by a timer schedule their next timer at the right instant', async () => {
    const clock = new VirtualClock({ mode: 'manual', startAt: 0 });
    const at: number[] = [];
    void (async () => {
      await clock.sleep(1000);
      at.push(clock.now());
      await clock.sleep(1000);
      at.push(clock.now());
    })();
    await clock.advance(5000);
    expect(at).toEqual([1000, 2000]);
  });

  it('cancels timers and refuses advance() when scaled', async () => {
    const clock = new VirtualClock({ mode: 'manual', startAt: 0 });
    let fired = false;
    const t = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(t);
    await clock.advance(100);
    expect(fired).toBe(false);
    const scaled = new VirtualClock({ mode: 'scaled', scale: 100 });
    await expect(scaled.advance(1)).rejects.toThrow(/manual/);
    expect(() => new VirtualClock({ mode: 'scaled', scale: 0 })).toThrow(RangeError);
    scaled.stop();
  });

  it('runs scaled time faster than real time', async () => {
    const clock = new VirtualClock({ mode: 'scaled', scale: 1000, startAt: 0 });
    const realStart = performance.now();
    await clock.sleep(5000);
    const realMs = performance.now() - realStart;
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
    expect(realMs).toBeLessThan(1000);
    clock.stop();
  });
});
