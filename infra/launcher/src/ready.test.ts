import { describe, expect, it } from 'vitest';
import { waitForReady } from './ready.js';

const noSleep = () => Promise.resolve();

describe('waitForReady', () => {
  it('polls until the service answers 200', async () => {
    const answers: (number | Error)[] = [new Error('ECONNREFUSED'), 503, 200];
    let calls = 0;
    const ok = await waitForReady('http://x/readyz', {
      sleep: noSleep,
      fetch: () => {
        calls++;
        const next = answers.shift() ?? 200;
        return next instanceof Error ? Promise.reject(next) : Promise.resolve({ status: next });
      },
    });
    expect([ok, calls]).toEqual([true, 3]);
  });

  it('times out on a service that stays unready', async () => {
    let calls = 0;
    const ok = await waitForReady('http://x/readyz', {
      timeoutMs: 1000,
      intervalMs: 250,
      sleep: noSleep,
      fetch: () => Promise.resolve({ status: 503 + 0 * calls++ }),
    });
    expect([ok, calls]).toEqual([false, 5]);
  });

  it('stops at once when told the process is gone', async () => {
    let calls = 0;
    const ok = await waitForReady('http://x/readyz', {
      gaveUp: () => true,
      fetch: () => Promise.resolve({ status: 200 + 0 * calls++ }),
    });
    expect([ok, calls]).toEqual([false, 0]);
  });
});
