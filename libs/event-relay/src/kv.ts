import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { HotlineError, parsePosition, positionToString, type GlobalPosition } from '@hotline/contracts';
import type { Logger } from '@hotline/messaging';
import type { LeaseKv } from './lease.js';

export class RelayConfigError extends HotlineError {
  constructor(message: string) {
    super('RELAY_CONFIG_INVALID', 'invalid', message);
  }
}

function leaseKv(kv: KV): LeaseKv {
  return {
    create: (key, value) => kv.create(key, value),
    update: (key, value, revision) => kv.update(key, value, revision),
    delete: (key, revision) => kv.delete(key, { previousSeq: revision }),
    async holder(key) {
      const entry = await kv.get(key);
      return entry?.operation === 'PUT' ? entry.string() : undefined;
    },
  };
}

/**
 * The lease bucket: history 1 and max age = the lease ttl, so an entry nobody renews disappears
 * (server 2.9 has no per-key TTL). If the bucket already exists with another max age, that max age
 * is what expires entries, so it becomes the ttl every instance must use.
 */
export async function openLeaseBucket(
  nc: NatsConnection,
  bucket: string,
  ttlMs: number,
  logger: Logger,
): Promise<{ kv: LeaseKv; ttlMs: number }> {
  const kv = await new Kvm(nc).create(bucket, { history: 1, ttl: ttlMs });
  const actual = (await kv.status()).ttl;
  if (actual <= 0) {
    throw new RelayConfigError(
      `lease bucket ${bucket} has no max age: a crashed holder would keep it forever`,
    );
  }
  if (actual !== ttlMs) {
    logger.warn(
      { bucket, requestedTtlMs: ttlMs, bucketTtlMs: actual },
      'lease bucket max age wins over the configured ttl',
    );
  }
  return { kv: leaseKv(kv), ttlMs: actual };
}

export interface Checkpoint {
  read(): Promise<GlobalPosition | undefined>;
  write(position: GlobalPosition): Promise<void>;
}

const CHECKPOINT_KEY = 'relayed';

/**
 * The KV copy of the last relayed position. The stream's own last message is the truth; this is
 * only read when the stream has no messages left (purged, or deleted and recreated).
 */
export async function openCheckpoint(nc: NatsConnection, bucket: string): Promise<Checkpoint> {
  const kv = await new Kvm(nc).create(bucket, { history: 1 });
  return {
    async read() {
      const entry = await kv.get(CHECKPOINT_KEY);
      return entry?.operation === 'PUT' ? parsePosition(entry.string()) : undefined;
    },
    async write(position) {
      await kv.put(CHECKPOINT_KEY, positionToString(position));
    },
  };
}
