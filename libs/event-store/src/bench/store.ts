// `npm run bench`: throughput and follower lag of the PostgreSQL event store against the raw insert
// limit of the same database, each phase in its own schema (see phases.ts). Ends with one JSON line.
import { ensureDatabase } from '@hotline/platform/db';
import pg from 'pg';
import { formatCost } from './cpu.js';
import {
  appendPhase,
  lagPhase,
  rawPhase,
  withClient,
  type BenchSettings,
  type Throughput,
} from './phases.js';
import { percentile } from './workloads.js';

const settings: BenchSettings = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_test',
  poolSize: 10,
  writers: 64,
  phaseSeconds: Number(process.env.BENCH_PHASE_SECONDS ?? 8),
  applicationName: 'hotline-bench',
};
const LAG_RATE = Number(process.env.BENCH_LAG_RATE ?? 2000);
// The machine's speed drifts by 10–15 % over a minute (a shared virtual machine): every throughput
// phase runs once per round, in reverse order every other round, and the best of its rounds counts,
// so no side of a ratio owes its number to when it happened to run.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
// Connections the writers' 64 rows in flight are split over when measuring their ceiling.
const IN_FLIGHT_SPLITS = [1, 2, 4] as const;

interface PhaseSpec {
  key: string;
  label: string;
  unit: 'events' | 'rows';
  run(admin: pg.Pool): Promise<Throughput>;
}

const { poolSize, writers } = settings;
const phases: PhaseSpec[] = [
  {
    key: 'append1',
    label: `adapter, 1-event appends (${writers} writers)`,
    unit: 'events',
    run: (admin) => appendPhase(settings, admin, 1),
  },
  {
    key: 'append10',
    label: `adapter, 10-event appends (${writers} writers)`,
    unit: 'events',
    run: (admin) => appendPhase(settings, admin, 10),
  },
  {
    key: 'raw',
    label: `raw multi-row INSERT (100 rows, own transaction, ${poolSize} connections)`,
    unit: 'rows',
    run: (admin) => rawPhase(settings, admin, poolSize, 100),
  },
  // The same raw INSERTs with no more rows in flight than the 1-event phase has appends: the best
  // split is the most any adapter could do for writers that each wait for their commit.
  ...IN_FLIGHT_SPLITS.map((connections): PhaseSpec => ({
    key: `raw_in_flight_${connections}`,
    label: `raw INSERT, ${writers} rows in flight (${writers / connections} rows × ${connections} connection(s))`,
    unit: 'rows',
    run: (admin) => rawPhase(settings, admin, connections, writers / connections),
  })),
];

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function describe(spec: PhaseSpec, t: Throughput): string {
  const batches = t.perBatch === undefined ? '' : `, ${t.perBatch.toFixed(1)} appends/batch`;
  const cost = formatCost(t.cost).replace('per event', spec.unit === 'rows' ? 'per row' : 'per event');
  return `${spec.label}: ${fmt(t.perSecond)} ${spec.unit}/s (${fmt(t.items)} ${spec.unit}${batches}); ${cost}`;
}

async function measureThroughput(): Promise<Map<string, Throughput>> {
  const best = new Map<string, Throughput>();
  const admin = new pg.Pool({ connectionString: settings.databaseUrl, max: 1 });
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const spec of round % 2 === 1 ? phases : [...phases].reverse()) {
        const t = await spec.run(admin);
        console.log(`round ${round}, ${describe(spec, t)}`);
        if (t.perSecond > (best.get(spec.key)?.perSecond ?? -1)) best.set(spec.key, t);
      }
    }
  } finally {
    await admin.end();
  }
  return best;
}

async function main(): Promise<void> {
  await ensureDatabase(settings.databaseUrl);
  const pgSettings = await withClient(settings.databaseUrl, (c) =>
    c.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method')`,
    ),
  );
  console.log(`PostgreSQL settings: ${pgSettings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}`);
  console.log(
    `pool ${poolSize}, ${settings.phaseSeconds} s per phase, each phase in a fresh schema after a CHECKPOINT; ` +
      `${ROUNDS} round(s), the best of each phase counts`,
  );
  const best = await measureThroughput();
  const rate = (key: string): number => best.get(key)?.perSecond ?? Number.NaN;
  console.log(`best of ${ROUNDS} round(s):`);
  for (const spec of phases) {
    const t = best.get(spec.key);
    if (t) console.log(`  ${describe(spec, t)}`);
  }
  const inFlight = IN_FLIGHT_SPLITS.map((connections) => ({
    connections,
    rate: rate(`raw_in_flight_${connections}`),
  })).reduce((a, b) => (b.rate > a.rate ? b : a));
  const ratio = rate('append1') / rate('raw');
  const ratio10 = rate('append10') / rate('raw');
  const ceiling = inFlight.rate / rate('raw');
  const ofCeiling = rate('append1') / inFlight.rate;
  console.log(
    `ratio adapter/raw: 1-event ${ratio.toFixed(2)}, 10-event ${ratio10.toFixed(2)}; ` +
      `best raw at ${writers} in flight (${inFlight.connections} connection(s))/raw ${ceiling.toFixed(2)}; ` +
      `1-event adapter/best raw at ${writers} in flight ${ofCeiling.toFixed(2)}`,
  );

  const lag = await lagPhase(settings, LAG_RATE);
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
      value: Math.round(rate('append1')),
      unit: 'events/s',
      ratio: Number(ratio.toFixed(3)),
      ratio10: Number(ratio10.toFixed(3)),
      append10_events_per_s: Math.round(rate('append10')),
      raw_insert_rows_per_s: Math.round(rate('raw')),
      raw_insert_64_in_flight_rows_per_s: Math.round(inFlight.rate),
      raw_insert_64_in_flight_connections: inFlight.connections,
      ratio_raw_64_in_flight_to_raw: Number(ceiling.toFixed(3)),
      ratio_to_raw_64_in_flight: Number(ofCeiling.toFixed(3)),
      rounds: ROUNDS,
      subscribe_lag_p50_ms: Number(p50.toFixed(2)),
      subscribe_lag_p99_ms: Number(p99.toFixed(2)),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
