import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { CallRequest } from '../simulator.js';
import type { TrafficConfig } from './config.js';
import { TrafficGenerator } from './generator.js';
import { sample, seededRng } from './random.js';

const config: TrafficConfig = {
  seed: 42,
  dids: [
    { did: '8000', callsPerHour: 600, callerPrefix: '+1555' },
    { did: '8001', callsPerHour: 60, callerPrefix: '+44' },
  ],
  handleTime: { dist: 'lognormal', mean: 180_000, sd: 60_000 },
  patience: { dist: 'exponential', mean: 90_000 },
  inputs: [{ weight: 1, inputs: [{ digits: '1' }] }],
};

async function run(hours: number): Promise<(CallRequest & { at: number })[]> {
  const clock = new VirtualClock({ mode: 'manual', startAt: 0 });
  const calls: (CallRequest & { at: number })[] = [];
  const gen = new TrafficGenerator(clock, config, (c) => calls.push({ ...c, at: clock.now() }));
  gen.start();
  await clock.advance(hours * 3_600_000);
  gen.stop();
  expect(clock.pendingTimers()).toBe(0);
  return calls;
}

describe('traffic generator', () => {
  it('is reproducible for a seed', async () => {
    expect(await run(1)).toEqual(await run(1));
  });

  it('arrives at the configured Poisson rate per DID, with sampled behaviour', async () => {
    const calls = await run(10);
    const busy = calls.filter((c) => c.to === '8000').length;
    const quiet = calls.filter((c) => c.to === '8001').length;
    expect(busy).toBeGreaterThan(5700);
    expect(busy).toBeLessThan(6300);
    expect(quiet).toBeGreaterThan(500);
    expect(quiet).toBeLessThan(700);
    const mean = calls.reduce((s, c) => s + (c.talkMs ?? 0), 0) / calls.length;
    expect(mean).toBeGreaterThan(170_000);
    expect(mean).toBeLessThan(190_000);
    expect(calls[0]?.from).toMatch(/^\+1555\d{7}$|^\+44\d{9}$/);
    expect(calls.every((c) => c.inputs?.[0]?.digits === '1')).toBe(true);
  });

  it('samples the distributions it is given', () => {
    const rng = seededRng(1);
    const xs = Array.from({ length: 20_000 }, () => sample(rng, { dist: 'exponential', mean: 100 }));
    expect(xs.reduce((a, b) => a + b) / xs.length).toBeCloseTo(100, -1);
    const u = Array.from({ length: 1000 }, () => sample(rng, { dist: 'uniform', min: 5, max: 6 }));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...u)).toBeLessThan(6);
  });
});
