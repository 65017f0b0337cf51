import { migrateEventStore } from '@hotline/event-store/postgres';
import { migratePlatform } from '@hotline/platform/auth';
import { createKysely, createPool } from '@hotline/platform/db';

export interface MigrationHook {
  name: string;
  run(databaseUrl: string): Promise<void>;
}

/**
 * Everything `npm start` migrates, in order, after the database exists. Add a package's
 * migrations here (e.g. the event store's `migrateEventStore(url)` from
 * `@hotline/event-store/postgres`, and each service's read-model tables).
 */
export const migrations: MigrationHook[] = [
  {
    // With EVENTSTORE_URL set the events live in KurrentDB; PostgreSQL still holds auth and read models.
    name: 'event store (events, streams)',
    async run(databaseUrl) {
      if (process.env.EVENTSTORE_URL) return;
      await migrateEventStore(databaseUrl);
    },
  },
  {
    name: 'platform (tenants, API keys)',
    async run(databaseUrl) {
      const db = createKysely(createPool(databaseUrl, { max: 1, applicationName: 'hotline-launcher' }));
      try {
        await migratePlatform(db);
      } finally {
        await db.destroy();
      }
    },
  },
];
