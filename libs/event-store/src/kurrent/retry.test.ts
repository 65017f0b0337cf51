import { describe, expect, it } from 'vitest';
import { withRetry, type RetryPolicy } from './retry.js';

class Flaky extends Error {}

function policy(delaysMs: number[]): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return {
    delaysMs,
    isTransient: (e) => e instanceof Flaky,
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    slept,
  };
}

describe('withRetry', () => {
  it('retries transient failures with the given pauses and returns the first success', async () => {
    const p = policy([10, 20, 30]);
    const attempts: number[] = [];
    const result = await withRetry(p, (n) => {
      attempts.push(n);
      return n < 2 ? Promise.reject(new Flaky()) : Promise.resolve('ok');
    });
    expect(result).toBe('ok');
    expect(attempts).toEqual([0, 1, 2]);
    expect(p.slept).toEqual([10, 20]);
  });

  it('gives up after the last pause and throws the last error', async () => {
    const p = policy([5, 5]);
    let calls = 0;
    const last = new Flaky('third');
    await expect(
      withRetry(p, () => {
        calls += 1;
        return Promise.reject(calls === 3 ? last : new Flaky());
      }),
    ).rejects.toBe(last);
    expect(calls).toBe(3);
    expect(p.slept).toEqual([5, 5]);
  });

  it('does not retry an error that is not transient', async () => {
    const p = policy([5, 5]);
    let calls = 0;
    await expect(
      withRetry(p, () => {
        calls += 1;
        return Promise.reject(new Error('conflict'));
      }),
    ).rejects.toThrow('conflict');
    expect(calls).toBe(1);
    expect(p.slept).toEqual([]);
  });
});
