// The bench's phases, each in a fresh schema of its own (dropped after it), so every phase starts
// from the same empty tables; throughput phases start right after a CHECKPOINT.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateEventStore } from '../postgres/migrations.js';
import { PostgresEventStore } from '../postgres/store.js';
import { measureCpu, type CpuCost } from './cpu.js';
import { appendThroughput, rawInsertThroughput, subscribeLag } from './workloads.js';

export interface BenchSettings {
  databaseUrl: string;
  poolSize: number;
  writers: number;
  phaseSeconds: number;
  /** application_name of the measured connections (their backends' CPU is read from /proc). */
  applicationName: string;
}

/** One throughput measurement: items (events or rows) per second and CPU per item. */
export interface Throughput {
  perSecond: number;
  items: number;
  cost: CpuCost;
  /** Appends per batch transaction (adapter phases). */
  perBatch?: number;
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withSchema<T>(s: BenchSettings, fn: (connectionString: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await withClient(s.databaseUrl, (c) => c.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(s.databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', s.applicationName);
  try {
    return await fn(url.toString());
  } finally {
    await withClient(s.databaseUrl, (c) => c.query(`DROP SCHEMA "${schema}" CASCADE`));
  }
}

// Otherwise a phase pays for the WAL and dirty pages of the one before it (the last phase measured
// up to a quarter slower that way).
async function checkpoint(s: BenchSettings): Promise<void> {
  await withClient(s.databaseUrl, (c) => c.query('CHECKPOINT'));
}

/** `writers` writers appending `perAppend` events at a time, each to its own stream. */
export async function appendPhase(s: BenchSettings, admin: pg.Pool, perAppend: number): Promise<Throughput> {
  return withSchema(s, async (connectionString) => {
    const store = await PostgresEventStore.open({ connectionString, poolSize: s.poolSize });
    try {
      await appendThroughput(store, s.writers, perAppend, 1); // warm-up: connections, statements
      await checkpoint(s);
      const before = store.stats;
      let perSecond = 0;
      const { items, cost } = await measureCpu(admin, s.applicationName, async () => {
        const rate = await appendThroughput(store, s.writers, perAppend, s.phaseSeconds);
        perSecond = rate.eventsPerSecond;
        return rate.events;
      });
      const batches = store.stats.batches - before.batches;
      const appends = store.stats.batchedAppends - before.batchedAppends;
      return {
        perSecond,
        items,
        cost,
        perBatch: batches > 0 ? appends / batches : 0,
      };
    } finally {
      await store.close();
    }
  });
}

/** Raw multi-row INSERTs of `rowsPerInsert` rows on `connections` connections (the physical limit). */
export async function rawPhase(
  s: BenchSettings,
  admin: pg.Pool,
  connections: number,
  rowsPerInsert: number,
): Promise<Throughput> {
  return withSchema(s, async (connectionString) => {
    await migrateEventStore(connectionString); // the events table raw_events copies
    const pool = new pg.Pool({ connectionString, max: connections });
    try {
      await checkpoint(s);
      let perSecond = 0;
      const { items, cost } = await measureCpu(admin, s.applicationName, async () => {
        const rate = await rawInsertThroughput(pool, connections, rowsPerInsert, s.phaseSeconds);
        perSecond = rate.rowsPerSecond;
        return rate.rows;
      });
      return { perSecond, items, cost };
    } finally {
      await pool.end();
    }
  });
}

/** Follower lag while `rate` single events per second are appended (see subscribeLag). */
export async function lagPhase(
  s: BenchSettings,
  rate: number,
): Promise<Awaited<ReturnType<typeof subscribeLag>>> {
  return withSchema(s, async (connectionString) => {
    const store = await PostgresEventStore.open({ connectionString, poolSize: s.poolSize });
    const follower = await PostgresEventStore.open({ connectionString, poolSize: 4, migrate: false });
    try {
      return await subscribeLag(store, follower, undefined, rate, s.phaseSeconds);
    } finally {
      await Promise.all([store.close(), follower.close()]);
    }
  });
}
