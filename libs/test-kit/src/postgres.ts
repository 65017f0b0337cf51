import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where integration tests run: a dedicated database, created on first use. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_test';

export interface TestSchema {
  /** The schema every connection made from `connection` / `url` uses as search_path. */
  readonly schema: string;
  /** Connection string with the search_path baked in (for code that takes a URL). */
  readonly url: string;
  /** pg pool already scoped to the schema. */
  readonly pool: pg.Pool;
  /** Drops the schema and closes the pool. */
  drop(): Promise<void>;
}

let ensured: Promise<void> | undefined;

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } catch (error) {
        // Another test worker created it first.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A fresh schema in the test database; call `drop()` in afterAll/afterEach. */
export async function createTestSchema(
  options: { prefix?: string; poolSize?: number } = {},
): Promise<TestSchema> {
  ensured ??= ensureDatabase(TEST_DATABASE_URL);
  await ensured;
  const schema = `${options.prefix ?? 't'}_${randomBytes(6).toString('hex')}`;
  const setup = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await setup.end();
  }
  const url = withSearchPath(TEST_DATABASE_URL, schema);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  let dropped = false;
  return {
    schema,
    url,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Creates and drops schemas (each with a table) back to back on `pool` until stopped: the churn of
 * parallel tests or tenants, for code that must not trip over a schema vanishing under it.
 * `stop()` resolves with the number of schemas churned.
 */
export function churnSchemas(pool: pg.Pool, prefix = 'churn'): { stop(): Promise<number> } {
  let stopped = false;
  let churned = 0;
  const running = (async () => {
    while (!stopped) {
      const name = `${prefix}_${randomBytes(6).toString('hex')}`;
      await pool.query(`CREATE SCHEMA ${name}; CREATE TABLE ${name}.t (id serial PRIMARY KEY)`);
      await pool.query(`DROP SCHEMA ${name} CASCADE`);
      churned += 1;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await running;
      return churned;
    },
  };
}

/**
 * Runs `migrate` on `times` fresh schemas, one after another, while other schemas are created and
 * dropped all the time (churnSchemas). Returns what failed and how many schemas were churned.
 */
export async function migrateUnderChurn(
  prefix: string,
  times: number,
  migrate: (schema: TestSchema) => Promise<void>,
): Promise<{ failures: unknown[]; churned: number }> {
  const base = await createTestSchema({ prefix, poolSize: 2 });
  const churn = churnSchemas(base.pool, `${prefix}_churn`);
  const failures: unknown[] = [];
  let churned = 0;
  try {
    for (let i = 0; i < times; i += 1) {
      const schema = await createTestSchema({ prefix, poolSize: 1 });
      try {
        await migrate(schema);
      } catch (error) {
        failures.push(error);
      } finally {
        await schema.drop();
      }
    }
  } finally {
    churned = await churn.stop();
    await base.drop();
  }
  return { failures, churned };
}
