import { describe, expect, it } from 'vitest';
import { TEST_NATS_URL } from '@hotline/test-kit';
import { connectNats, drainNats } from './connection.js';
import type { Logger } from './logger.js';

describe('connectNats', () => {
  it('connects, logs, and drains once even when asked twice', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: (_f, m) => lines.push(m ?? ''),
      warn: (_f, m) => lines.push(m ?? ''),
      error: (_f, m) => lines.push(m ?? ''),
    };
    const nc = await connectNats({ servers: ` ${TEST_NATS_URL} ,`, name: 'connection-test', logger });
    expect(lines).toContain('nats connected');
    expect(nc.info?.jetstream).toBe(true);
    await Promise.all([drainNats(nc), drainNats(nc)]);
    expect(nc.isClosed()).toBe(true);
    await drainNats(nc);
  });
});
