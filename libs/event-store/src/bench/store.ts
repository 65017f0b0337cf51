// `npm run bench`: throughput and follower lag of the PostgreSQL event store against the raw insert
// limit of the same database, in its own schema (dropped at the end). Ends with one JSON line.
import { randomBytes } from 'node:crypto';
import { ensureDatabase } from '@hotline/platform/db';
import pg from 'pg';
import { migrateEventStore } from '../postgres/migrations.js';
import { PostgresEventStore } from '../postgres/store.js';
import { formatCost, measureCpu, type CpuCost } from './cpu.js';
import { appendThroughput, percentile, rawInsertThroughput, subscribeLag } from './workloads.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_test';
const POOL_SIZE = 10;
const WRITERS = 64;
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 8);
const LAG_RATE = Number(process.env.BENCH_LAG_RATE ?? 2000);
const APPLICATION_NAME = 'hotline-bench';

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A fresh schema for one phase, so every phase starts from the same empty tables. */
async function withSchema<T>(fn: (connectionString: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await withClient(DATABASE_URL, (c) => c.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', APPLICATION_NAME);
  try {
    return await fn(url.toString());
  } finally {
    await withClient(DATABASE_URL, (c) => c.query(`DROP SCHEMA "${schema}" CASCADE`));
  }
}

// Each throughput phase starts right after a checkpoint: otherwise a phase pays for the WAL and
// dirty pages of the one before it (the last phase measured up to a quarter slower that way).
async function checkpoint(): Promise<void> {
  await withClient(DATABASE_URL, (c) => c.query('CHECKPOINT'));
}

interface AppendPhase {
  rate: { eventsPerSecond: number; events: number };
  cost: CpuCost;
  perBatch: number;
  batches: number;
}

async function appendPhase(admin: pg.Pool, perAppend: number): Promise<AppendPhase> {
  return withSchema(async (connectionString) => {
    const store = await PostgresEventStore.open({ connectionString, poolSize: POOL_SIZE });
    try {
      await appendThroughput(store, WRITERS, perAppend, 1); // warm-up: connections, statements
      await checkpoint();
      const before = store.stats;
      let rate = { eventsPerSecond: 0, events: 0 };
      const { cost } = await measureCpu(admin, APPLICATION_NAME, async () => {
        rate = await appendThroughput(store, WRITERS, perAppend, PHASE_SECONDS);
        return rate.events;
      });
      const batches = store.stats.batches - before.batches;
      const appends = store.stats.batchedAppends - before.batchedAppends;
      return { rate, cost, batches, perBatch: batches > 0 ? appends / batches : 0 };
    } finally {
      await store.close();
    }
  });
}

async function rawPhase(
  admin: pg.Pool,
  connections: number,
  rowsPerInsert: number,
): Promise<{ rate: { rowsPerSecond: number; rows: number }; cost: CpuCost }> {
  return withSchema(async (connectionString) => {
    await migrateEventStore(connectionString); // the events table raw_events copies
    const pool = new pg.Pool({ connectionString, max: connections });
    try {
      await checkpoint();
      let rate = { rowsPerSecond: 0, rows: 0 };
      const { cost } = await measureCpu(admin, APPLICATION_NAME, async () => {
        rate = await rawInsertThroughput(pool, connections, rowsPerInsert, PHASE_SECONDS);
        return rate.rows;
      });
      return { rate, cost };
    } finally {
      await pool.end();
    }
  });
}

async function lagPhase(): Promise<Awaited<ReturnType<typeof subscribeLag>>> {
  return withSchema(async (connectionString) => {
    const store = await PostgresEventStore.open({ connectionString, poolSize: POOL_SIZE });
    const follower = await PostgresEventStore.open({ connectionString, poolSize: 4, migrate: false });
    try {
      return await subscribeLag(store, follower, undefined, LAG_RATE, PHASE_SECONDS);
    } finally {
      await Promise.all([store.close(), follower.close()]);
    }
  });
}

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  const settings = await withClient(DATABASE_URL, (c) =>
    c.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method')`,
    ),
  );
  console.log(`PostgreSQL settings: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}`);
  console.log(
    `pool ${POOL_SIZE}, ${WRITERS} writers, ${PHASE_SECONDS} s per phase, each phase in a fresh schema after a CHECKPOINT`,
  );
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  try {
    const single = await appendPhase(admin, 1);
    console.log(
      `adapter, 1-event appends:  ${fmt(single.rate.eventsPerSecond)} events/s (${fmt(single.rate.events)} events, ` +
        `${fmt(single.batches)} batches, ${single.perBatch.toFixed(1)} appends/batch); ${formatCost(single.cost)}`,
    );
    const ten = await appendPhase(admin, 10);
    console.log(
      `adapter, 10-event appends: ${fmt(ten.rate.eventsPerSecond)} events/s (${fmt(ten.rate.events)} events); ` +
        formatCost(ten.cost),
    );
    const raw = await rawPhase(admin, POOL_SIZE, 100);
    console.log(
      `raw multi-row INSERT (100 rows, own transaction, ${POOL_SIZE} connections): ${fmt(raw.rate.rowsPerSecond)} rows/s; ` +
        formatCost(raw.cost).replace('per event', 'per row'),
    );
    // The same raw INSERTs with no more rows in flight than the 1-event phase has appends (64): the
    // most any adapter could do for 64 writers that each wait for their commit.
    const perInsert = WRITERS / 2;
    const raw64 = await rawPhase(admin, 2, perInsert);
    console.log(
      `raw multi-row INSERT at the writers' concurrency (${perInsert} rows, 2 connections: ${WRITERS} rows in flight): ` +
        `${fmt(raw64.rate.rowsPerSecond)} rows/s; ${formatCost(raw64.cost).replace('per event', 'per row')}`,
    );
    const ratio = single.rate.eventsPerSecond / raw.rate.rowsPerSecond;
    const ratio10 = ten.rate.eventsPerSecond / raw.rate.rowsPerSecond;
    const ceiling = raw64.rate.rowsPerSecond / raw.rate.rowsPerSecond;
    const ofCeiling = single.rate.eventsPerSecond / raw64.rate.rowsPerSecond;
    console.log(
      `ratio adapter/raw: 1-event ${ratio.toFixed(2)}, 10-event ${ratio10.toFixed(2)}; ` +
        `raw at ${WRITERS} in flight/raw ${ceiling.toFixed(2)}; 1-event adapter/raw at ${WRITERS} in flight ${ofCeiling.toFixed(2)}`,
    );

    const lag = await lagPhase();
    const p50 = percentile(lag.fromResolved, 50);
    const p99 = percentile(lag.fromResolved, 99);
    console.log(
      `subscribe lag at ${fmt(LAG_RATE)} events/s (follower in another store instance, woken by NOTIFY): ` +
        `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms after the append resolved; ` +
        `p50 ${percentile(lag.fromStart, 50).toFixed(1)} ms, p99 ${percentile(lag.fromStart, 99).toFixed(1)} ms ` +
        `after it started; ${fmt(lag.delivered)}/${fmt(lag.sent)} delivered`,
    );
    if (lag.delivered !== lag.sent) throw new Error(`follower missed ${lag.sent - lag.delivered} events`);
    console.log(
      JSON.stringify({
        bench: 'store',
        metric: 'append_events_per_s',
        value: Math.round(single.rate.eventsPerSecond),
        unit: 'events/s',
        ratio: Number(ratio.toFixed(3)),
        ratio10: Number(ratio10.toFixed(3)),
        append10_events_per_s: Math.round(ten.rate.eventsPerSecond),
        raw_insert_rows_per_s: Math.round(raw.rate.rowsPerSecond),
        raw_insert_64_in_flight_rows_per_s: Math.round(raw64.rate.rowsPerSecond),
        ratio_to_raw_64_in_flight: Number(ofCeiling.toFixed(3)),
        subscribe_lag_p50_ms: Number(p50.toFixed(2)),
        subscribe_lag_p99_ms: Number(p99.toFixed(2)),
      }),
    );
  } finally {
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
