import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** CPU spent per item by this process and by the PostgreSQL backends serving it. */
export interface CpuCost {
  nodeUs: number;
  /** Undefined when the backends' /proc entries cannot be read (database on another machine). */
  pgUs: number | undefined;
}

const TICKS_PER_SECOND = 100;

function backendCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function backendsOf(admin: pg.Pool, applicationName: string): Promise<Map<number, number | undefined>> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  return new Map(rows.map((r) => [r.pid, backendCpuMs(r.pid)]));
}

/**
 * Runs `work` and reports the CPU it cost per item: this process (user + system) and the database
 * backends whose connections carry `applicationName` (read from /proc, so only on the same host).
 * Explains a throughput ratio: on a small machine the client and the database share the cores.
 */
export async function measureCpu(
  admin: pg.Pool,
  applicationName: string,
  work: () => Promise<number>,
): Promise<{ items: number; cost: CpuCost }> {
  const before = await backendsOf(admin, applicationName);
  const node = process.cpuUsage();
  const items = await work();
  const used = process.cpuUsage(node);
  const after = await backendsOf(admin, applicationName);
  let pgMs = 0;
  let readable = after.size > 0;
  for (const [pid, end] of after) {
    if (end === undefined) readable = false;
    else pgMs += end - (before.get(pid) ?? 0);
  }
  return {
    items,
    cost: {
      nodeUs: (used.user + used.system) / Math.max(1, items),
      pgUs: readable ? (pgMs * 1000) / Math.max(1, items) : undefined,
    },
  };
}

export function formatCost(cost: CpuCost): string {
  const pgPart = cost.pgUs === undefined ? 'PostgreSQL n/a' : `PostgreSQL ${cost.pgUs.toFixed(1)} µs`;
  return `CPU per event: node ${cost.nodeUs.toFixed(1)} µs, ${pgPart}`;
}
