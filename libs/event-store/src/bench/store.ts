// `npm run bench`: throughput and follower lag of the PostgreSQL event store against the raw insert
// limit of the same database, in its own schema (dropped at the end). Ends with one JSON line.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../postgres/store.js';
import { formatCost, measureCpu } from './cpu.js';
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

async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  });
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await withClient(DATABASE_URL, (c) => c.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', APPLICATION_NAME);
  const connectionString = url.toString();
  const settings = await withClient(DATABASE_URL, (c) =>
    c.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method')`,
    ),
  );
  console.log(`PostgreSQL settings: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}`);
  console.log(`schema ${schema}, pool ${POOL_SIZE}, ${WRITERS} writers, ${PHASE_SECONDS} s per phase`);

  const store = await PostgresEventStore.open({ connectionString, poolSize: POOL_SIZE });
  const follower = await PostgresEventStore.open({ connectionString, poolSize: 4, migrate: false });
  const pool = new pg.Pool({ connectionString, max: POOL_SIZE });
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  try {
    await appendThroughput(store, WRITERS, 1, 1); // warm-up: connections, prepared statements, caches
    const before = store.stats;
    let single = { eventsPerSecond: 0, events: 0 };
    const singleCpu = await measureCpu(admin, APPLICATION_NAME, async () => {
      single = await appendThroughput(store, WRITERS, 1, PHASE_SECONDS);
      return single.events;
    });
    const after = store.stats;
    const batches = after.batches - before.batches;
    const perBatch = batches > 0 ? (after.batchedAppends - before.batchedAppends) / batches : 0;
    console.log(
      `adapter, 1-event appends:  ${fmt(single.eventsPerSecond)} events/s (${fmt(single.events)} events, ` +
        `${fmt(batches)} batches, ${perBatch.toFixed(1)} appends/batch); ${formatCost(singleCpu.cost)}`,
    );
    let ten = { eventsPerSecond: 0, events: 0 };
    const tenCpu = await measureCpu(admin, APPLICATION_NAME, async () => {
      ten = await appendThroughput(store, WRITERS, 10, PHASE_SECONDS);
      return ten.events;
    });
    console.log(
      `adapter, 10-event appends: ${fmt(ten.eventsPerSecond)} events/s (${fmt(ten.events)} events); ` +
        formatCost(tenCpu.cost),
    );
    let raw = { rowsPerSecond: 0, rows: 0 };
    const rawCpu = await measureCpu(admin, APPLICATION_NAME, async () => {
      raw = await rawInsertThroughput(pool, POOL_SIZE, 100, PHASE_SECONDS);
      return raw.rows;
    });
    console.log(
      `raw multi-row INSERT (100 rows, own transaction, ${POOL_SIZE} connections): ${fmt(raw.rowsPerSecond)} rows/s; ` +
        formatCost(rawCpu.cost).replace('per event', 'per row'),
    );
    const ratio = single.eventsPerSecond / raw.rowsPerSecond;
    const ratio10 = ten.eventsPerSecond / raw.rowsPerSecond;
    console.log(`ratio adapter/raw: 1-event ${ratio.toFixed(2)}, 10-event ${ratio10.toFixed(2)}`);

    const tail = await pool.query<{ commit: string; prepare: string }>(
      `SELECT transaction_id::text AS commit, position::text AS prepare FROM events
       ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    const last = tail.rows[0];
    const lag = await subscribeLag(
      store,
      follower,
      last ? { commit: BigInt(last.commit), prepare: BigInt(last.prepare) } : undefined,
      LAG_RATE,
      PHASE_SECONDS,
    );
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
        value: Math.round(single.eventsPerSecond),
        unit: 'events/s',
        ratio: Number(ratio.toFixed(3)),
        ratio10: Number(ratio10.toFixed(3)),
        append10_events_per_s: Math.round(ten.eventsPerSecond),
        raw_insert_rows_per_s: Math.round(raw.rowsPerSecond),
        subscribe_lag_p50_ms: Number(p50.toFixed(2)),
        subscribe_lag_p99_ms: Number(p99.toFixed(2)),
      }),
    );
  } finally {
    await Promise.all([store.close(), follower.close(), pool.end(), admin.end()]);
    await withClient(DATABASE_URL, (c) => c.query(`DROP SCHEMA "${schema}" CASCADE`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
