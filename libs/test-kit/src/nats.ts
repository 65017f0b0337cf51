import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export interface TestNats {
  readonly nc: NatsConnection;
  /**
   * Unique per test: put it in front of every subject (`${prefix}.hl.…`), stream name
   * (`${prefix}_HOTLINE_EVENTS`) and KV bucket (`${prefix}_lease`) the test creates.
   */
  readonly prefix: string;
  /** Deletes every JetStream stream (and so KV bucket) whose name contains the prefix; closes. */
  cleanup(): Promise<void>;
}

export async function createTestNats(): Promise<TestNats> {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const nc = await connect({ servers: TEST_NATS_URL, name: `test-${prefix}` });
  let cleaned = false;
  return {
    nc,
    prefix,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      try {
        const jsm = await jetstreamManager(nc);
        for await (const name of jsm.streams.names()) {
          if (name.includes(prefix)) await jsm.streams.delete(name);
        }
      } finally {
        await nc.close();
      }
    },
  };
}
