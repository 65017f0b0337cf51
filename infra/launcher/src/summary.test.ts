import { describe, expect, it } from 'vitest';
import { SERVICES, WORKERS } from './services.js';
import { summary } from './summary.js';

describe('summary', () => {
  it('lists every service, its docs, the wallboard and the infrastructure without passwords', () => {
    const text = summary({
      services: SERVICES,
      databaseUrl: 'postgres://app:secret@127.0.0.1:5432/hotline',
      natsUrl: 'nats://127.0.0.1:4222',
      workers: WORKERS,
    }).join('\n');
    for (const [name, port] of [
      ['acd', 3001],
      ['ivr', 3002],
      ['media-bridge', 3003],
      ['projections', 3004],
    ] as const) {
      expect(text).toMatch(
        new RegExp(
          `${name}\\s+http://127\\.0\\.0\\.1:${port}\\s+\\(API docs http://127\\.0\\.0\\.1:${port}/docs\\)`,
        ),
      );
    }
    expect(text).toContain('wallboard     http://127.0.0.1:3004/wallboard');
    expect(text).toContain('postgres://app:[REDACTED]@127.0.0.1:5432/hotline');
    expect(text).not.toContain('secret');
    expect(text).toMatch(/relay\s+running/);
  });
});
