/**
 * The durable list of calls this bridge has open, per media node, in a JetStream KV bucket. The
 * in-memory CallBook dies with the process; this survives it, so a restarted bridge can end a call
 * that vanished from FreeSWITCH while no bridge was running (`show channels` no longer lists it, so
 * adoption alone would leave its stream open forever).
 */
import { HotlineError } from '@hotline/contracts';
import { silentLogger, type Logger } from '@hotline/messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

export const DEFAULT_CALLS_BUCKET = 'hotline_media_calls';

/** Just enough to end the call without its stream: who it belongs to and which FreeSWITCH had it. */
export interface RegisteredCall {
  readonly callId: string;
  readonly tenantId: string;
  readonly coreUuid: string;
}

export interface CallRegistry {
  put(node: string, call: RegisteredCall): Promise<void>;
  delete(node: string, callId: string): Promise<void>;
  list(node: string): Promise<RegisteredCall[]>;
}

export class CallRegistryEntryInvalidError extends HotlineError {
  constructor(key: string) {
    super('CALL_REGISTRY_ENTRY_INVALID', 'internal', `call registry entry ${key} is not a registered call`);
  }
}

function parseEntry(key: string, text: string): RegisteredCall {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CallRegistryEntryInvalidError(key);
  }
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { callId, tenantId, coreUuid } = v;
  if (typeof callId !== 'string' || typeof tenantId !== 'string' || typeof coreUuid !== 'string') {
    throw new CallRegistryEntryInvalidError(key);
  }
  return { callId, tenantId, coreUuid };
}

/**
 * The NATS KV implementation. History 1 and no max age: an entry must live as long as its call, and
 * server 2.9 has no per-key TTL anyway. The bucket is opened lazily so starting a node stays sync.
 */
export class NatsCallRegistry implements CallRegistry {
  private kv: Promise<KV> | undefined;
  private readonly log: Logger;

  constructor(
    private readonly nc: NatsConnection,
    private readonly bucket: string = DEFAULT_CALLS_BUCKET,
    logger: Logger = silentLogger,
  ) {
    this.log = logger;
  }

  private open(): Promise<KV> {
    this.kv ??= new Kvm(this.nc).create(this.bucket, { history: 1 }).catch((err: unknown) => {
      // Not cached: the next operation tries to open the bucket again.
      this.kv = undefined;
      throw err;
    });
    return this.kv;
  }

  async put(node: string, call: RegisteredCall): Promise<void> {
    const kv = await this.open();
    await kv.put(`${node}.${call.callId}`, JSON.stringify(call));
  }

  async delete(node: string, callId: string): Promise<void> {
    const kv = await this.open();
    await kv.delete(`${node}.${callId}`);
  }

  async list(node: string): Promise<RegisteredCall[]> {
    const kv = await this.open();
    // The stream's per-subject counts, not kv.keys(): keys() runs an ordered consumer, and a key
    // deleted while it ran (a call hanging up during a resync) left the following get unanswered.
    const jsm = await jetstreamManager(this.nc);
    const info = await jsm.streams.info(`KV_${this.bucket}`, {
      subjects_filter: `$KV.${this.bucket}.${node}.*`,
    });
    const prefix = `$KV.${this.bucket}.`;
    const keys = Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(prefix.length));
    const out: RegisteredCall[] = [];
    for (const key of keys) {
      const entry = await kv.get(key);
      if (entry?.operation !== 'PUT') continue;
      try {
        out.push(parseEntry(key, entry.string()));
      } catch (err) {
        // A foreign or corrupt value must not block ending the other calls.
        this.log.warn({ err, key }, 'call registry entry skipped');
      }
    }
    return out;
  }
}
