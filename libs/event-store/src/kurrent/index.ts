import { ValidationError, eventRegistry, type EventRegistry } from '@hotline/contracts';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { EventStore } from '../port.js';
import type { KurrentClient } from './client.js';
import { KurrentEventStore } from './store.js';
import type { Sleep } from './retry.js';

export { KurrentEventStore, READ_ALL_PAGE } from './store.js';
export { DEFAULT_RETRY_DELAYS_MS } from './retry.js';

export interface KurrentEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false`, `esdb+discover://…` — whatever the client accepts. */
  connectionString: string;
  registry?: EventRegistry;
  /**
   * Prepended to every stream name in KurrentDB and stripped on read, so several stores (test runs)
   * can share one server without seeing each other's events. Names are validated before prefixing.
   */
  streamPrefix?: string;
  /** Pauses before retrying a transiently failed request (default 50, 150, 400 ms). */
  retryDelaysMs?: readonly number[];
  /** Told when a subscription drops and is about to resubscribe from its checkpoint. */
  onSubscriptionDrop?: (error: unknown, consecutiveDrops: number) => void;
  /** For tests: how to wait between retries and resubscriptions. */
  sleep?: Sleep;
}

/**
 * EventStoreDB URLs (`esdb://`, `esdb+discover://`) still appear in deployments; this client only
 * parses the KurrentDB schemes, which take the same hosts and options.
 */
export function kurrentConnectionString(url: string): string {
  return url.replace(/^esdb(\+discover)?:\/\//i, (_m, discover?: string) => `kurrentdb${discover ?? ''}://`);
}

const PREFIX_RE = /^(?:[A-Za-z0-9][A-Za-z0-9_.:-]{0,63})?$/;

/**
 * Opens the KurrentDB adapter. The client connects lazily (and reconnects by itself), so this does
 * not wait for the server: the first request does, and fails with EVENT_STORE_UNAVAILABLE when the
 * server stays away.
 */
export function openKurrentEventStore(options: KurrentEventStoreOptions): Promise<EventStore> {
  const streamPrefix = options.streamPrefix ?? '';
  if (!PREFIX_RE.test(streamPrefix)) {
    return Promise.reject(
      new ValidationError('STREAM_PREFIX_INVALID', 'stream prefix: letters, digits, _ . : -, at most 64', [
        { path: 'streamPrefix', message: streamPrefix },
      ]),
    );
  }
  let client: KurrentClient;
  try {
    client = KurrentDBClient.connectionString(kurrentConnectionString(options.connectionString));
  } catch {
    // The parser's message quotes the URL, password included: say what is expected instead.
    return Promise.reject(
      new ValidationError(
        'EVENT_STORE_URL_INVALID',
        'not a KurrentDB connection string (kurrentdb://, kurrentdb+discover://, esdb://, esdb+discover://)',
      ),
    );
  }
  return Promise.resolve(
    new KurrentEventStore(client, {
      registry: options.registry ?? eventRegistry,
      streamPrefix,
      retryDelaysMs: options.retryDelaysMs,
      sleep: options.sleep,
      onSubscriptionDrop: options.onSubscriptionDrop,
    }),
  );
}
