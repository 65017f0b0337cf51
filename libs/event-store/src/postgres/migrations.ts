import { HotlineError } from '@hotline/contracts';
import { Kysely, Migrator, PostgresDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import { migrateToLatest } from '@hotline/platform/db';
import pg from 'pg';
import { isUnavailable, toStoreError } from './errors.js';

export const MIGRATION_TABLE = 'hotline_event_store_migration';
export const MIGRATION_LOCK_TABLE = 'hotline_event_store_migration_lock';

// In-code migrations, applied in name order. Never edit one that has shipped: add the next.
const migrations: Record<string, Migration> = {
  '0001_events': {
    async up(db) {
      // The primary key is the follower's order (writer transaction id, insert sequence): a poll is
      // a range scan of it. The position is unique by itself (identity), so it needs no own index.
      await sql`CREATE TABLE events (
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        position bigint GENERATED ALWAYS AS IDENTITY,
        event_id uuid NOT NULL,
        stream_name text NOT NULL,
        stream_revision bigint NOT NULL,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (transaction_id, position)
      )`.execute(db);
      await sql`CREATE UNIQUE INDEX events_event_id_key ON events (event_id)`.execute(db);
      // Also the optimistic check: a stream's head is the last entry for its name, and of two writers
      // appending after the same head the second fails here (see APPEND_BATCH). No stream table to
      // update per append.
      await sql`CREATE UNIQUE INDEX events_stream_revision_key ON events (stream_name, stream_revision)`.execute(
        db,
      );
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/**
 * Brings the event-store tables in the connection's current schema (first of its search_path) up to
 * date. Safe to run concurrently and repeatedly: Kysely's migrator takes an advisory lock and skips
 * what is applied.
 */
export async function migrateEventStore(connectionString: string): Promise<void> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 2 }) }),
  });
  try {
    const found = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
    const schema = found.rows[0]?.schema;
    if (!schema) {
      throw new HotlineError(
        'EVENT_STORE_SCHEMA_MISSING',
        'internal',
        'the connection has no current schema: the schema in its search_path does not exist',
      );
    }
    // The migration tables are named with their schema: Kysely otherwise finds a same-named table in
    // any schema of the database and believes it exists here.
    const migrator = new Migrator({
      db,
      provider,
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
      migrationTableSchema: schema,
    });
    // Retries when another schema vanishes under Kysely's table listing (see migrateToLatest).
    const { error } = await migrateToLatest(migrator, schema);
    if (error !== undefined) {
      if (isUnavailable(error)) throw toStoreError(error, 'event-store migration');
      throw new HotlineError('EVENT_STORE_MIGRATION_FAILED', 'internal', 'event-store migration failed', {
        cause: error,
      });
    }
  } catch (error) {
    throw toStoreError(error, 'event-store migration');
  } finally {
    await db.destroy();
  }
}
