import { ValidationError, type EventRegistry } from '@hotline/contracts';
import type { EventStore } from './port.js';

export interface EventStoreConfig {
  /** PostgreSQL (`DATABASE_URL`): the event store unless `eventStoreUrl` is set. */
  databaseUrl?: string;
  /** KurrentDB (`EVENTSTORE_URL`): when set, events go there instead of PostgreSQL. */
  eventStoreUrl?: string;
  registry?: EventRegistry;
  /** PostgreSQL only: run the event-store migrations while opening (default: the adapter's). */
  migrate?: boolean;
}

export type EventStoreBackend = 'kurrentdb' | 'postgres';

/** Reads the two URLs from the environment; an empty variable counts as unset. */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  return { databaseUrl: env.DATABASE_URL || undefined, eventStoreUrl: env.EVENTSTORE_URL || undefined };
}

function missingConfig(): ValidationError {
  return new ValidationError(
    'EVENT_STORE_CONFIG_MISSING',
    'set DATABASE_URL (PostgreSQL) or EVENTSTORE_URL (KurrentDB)',
    [{ path: 'databaseUrl', message: 'required when eventStoreUrl is not set' }],
  );
}

/** Which adapter `openEventStore` picks for this configuration (for start-up logs and health). */
export function selectEventStoreBackend(config: EventStoreConfig): EventStoreBackend {
  if (config.eventStoreUrl) return 'kurrentdb';
  if (config.databaseUrl) return 'postgres';
  throw missingConfig();
}

/**
 * Opens the configured event store. Each adapter is imported only when chosen, so a PostgreSQL
 * deployment never loads KurrentDB's native bridge and a KurrentDB one never loads `pg`.
 */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const { eventStoreUrl, databaseUrl, registry, migrate } = config;
  if (eventStoreUrl) {
    const { openKurrentEventStore } = await import('./kurrent/index.js');
    return openKurrentEventStore({ connectionString: eventStoreUrl, registry });
  }
  if (!databaseUrl) throw missingConfig();
  const { openPostgresEventStore } = await import('./postgres/index.js');
  return openPostgresEventStore({
    connectionString: databaseUrl,
    ...(registry ? { registry } : {}),
    ...(migrate === undefined ? {} : { migrate }),
  });
}
