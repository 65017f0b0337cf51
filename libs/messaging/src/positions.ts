import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { HotlineError } from '@hotline/contracts';

/**
 * What a consumer has applied: the last stream revision per event-store stream. The consumer
 * helper skips (and acks) an event at or below it, which makes redeliveries harmless.
 * A read model that wants effectively-once implements this on its own database and writes the
 * position in the handler's transaction.
 */
export interface AppliedPositionStore {
  get(stream: string): Promise<number | undefined>;
  set(stream: string, revision: number): Promise<void>;
}

export class InMemoryAppliedPositionStore implements AppliedPositionStore {
  private readonly revisions = new Map<string, number>();

  get(stream: string): Promise<number | undefined> {
    return Promise.resolve(this.revisions.get(stream));
  }

  set(stream: string, revision: number): Promise<void> {
    this.revisions.set(stream, revision);
    return Promise.resolve();
  }
}

export class AppliedPositionInvalidError extends HotlineError {
  constructor(key: string, value: string) {
    super('APPLIED_POSITION_INVALID', 'internal', `applied position for ${key} is not a revision: ${value}`);
  }
}

const KV_KEY = /^[-_=a-zA-Z0-9]+(\.[-_=a-zA-Z0-9]+)*$/;

/**
 * Stream names are KV-safe (`call-<uuid>`, `agent-acme.a_1`); anything else is base64url-encoded
 * behind a prefix no Hotline stream can start with, so two names never share a key.
 */
export function positionKey(stream: string): string {
  return KV_KEY.test(stream) && !stream.startsWith('_b64_')
    ? stream
    : `_b64_${Buffer.from(stream, 'utf8').toString('base64url')}`;
}

class KvAppliedPositionStore implements AppliedPositionStore {
  constructor(private readonly kv: KV) {}

  async get(stream: string): Promise<number | undefined> {
    const key = positionKey(stream);
    const entry = await this.kv.get(key);
    if (entry === null || entry.operation !== 'PUT') return undefined;
    const text = entry.string();
    if (!/^\d{1,15}$/.test(text)) throw new AppliedPositionInvalidError(key, text);
    return Number(text);
  }

  async set(stream: string, revision: number): Promise<void> {
    await this.kv.put(positionKey(stream), String(revision));
  }
}

/**
 * A KV bucket per consumer (`{durable}_applied` is a good name): one key per stream, history 1.
 * Only one message of a consumer is in flight at a time, so plain puts cannot race.
 */
export async function openKvPositionStore(
  nc: NatsConnection,
  bucket: string,
  options: { replicas?: number } = {},
): Promise<AppliedPositionStore> {
  const kv = await new Kvm(nc).create(bucket, { history: 1, replicas: options.replicas ?? 1 });
  return new KvAppliedPositionStore(kv);
}
