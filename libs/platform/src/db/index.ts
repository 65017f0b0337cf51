import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { HotlineError } from '@hotline/contracts';

export type PgPool = pg.Pool;

export interface PoolOptions {
  max?: number;
  /** Name shown in pg_stat_activity, so an operator can tell the services apart. */
  applicationName?: string;
}

export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5000,
  });
}

/** A Kysely over an existing pool; closing the Kysely ends the pool. */
export function createKysely<DB>(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/**
 * Creates the database named in `url` if it does not exist, connecting to the server's `postgres`
 * database to do so. Safe to run concurrently (a lost race counts as success).
 */
export async function ensureDatabase(url: string): Promise<{ created: boolean }> {
  const name = databaseName(url);
  if (name === '')
    throw new HotlineError('DATABASE_URL_INVALID', 'invalid', 'DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  admin.searchParams.delete('options');
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new HotlineError(
      'DATABASE_UNREACHABLE',
      'unavailable',
      `cannot connect to PostgreSQL at ${admin.host}`,
      {
        cause: error,
      },
    );
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return { created: false };
    try {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      return { created: true };
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 42P04 duplicate_database; 23505 when two CREATEs race on the catalog index.
      if (code === '42P04' || code === '23505') return { created: false };
      throw error;
    }
  } finally {
    await client.end();
  }
}
export { migrateToLatest, type LatestMigrator } from './migrate.js';
