import { describe, expect, it } from 'vitest';
import { ManualClock } from '@hotline/test-kit';
import { captureLogger } from '../test-support/capture.js';
import { runReadinessChecks } from './readiness.js';

describe('runReadinessChecks', () => {
  it('reports ready when every check resolves', async () => {
    const report = await runReadinessChecks({
      postgres: () => Promise.resolve(),
      nats: () => Promise.resolve(1),
    });
    expect(report.status).toBe('ready');
    expect(report.checks.postgres?.status).toBe('up');
    expect(report.checks.nats?.status).toBe('up');
  });

  it('reports each failure without publishing its detail, and logs the detail', async () => {
    const log = captureLogger();
    const report = await runReadinessChecks(
      {
        postgres: () => Promise.reject(new Error('password authentication failed for db.internal')),
        nats: () => Promise.resolve(),
      },
      { logger: log.logger },
    );
    expect(report).toMatchObject({
      status: 'not_ready',
      checks: { postgres: { status: 'down', reason: 'error' }, nats: { status: 'up' } },
    });
    expect(JSON.stringify(report)).not.toContain('db.internal');
    expect(log.raw()).toContain('db.internal');
  });

  it('bounds a hanging check by the timeout', async () => {
    const clock = new ManualClock(0);
    const pending = runReadinessChecks(
      { nats: () => new Promise(() => undefined) },
      { timeoutMs: 500, timers: clock, now: () => clock.nowMs() },
    );
    await Promise.resolve();
    clock.advance(500);
    const report = await pending;
    expect(report).toEqual({
      status: 'not_ready',
      checks: { nats: { status: 'down', durationMs: 500, reason: 'timeout' } },
    });
  });
});
