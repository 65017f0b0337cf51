import { randomUUID } from 'node:crypto';
import { newEventId, type GlobalPosition, type NewEvent } from '@hotline/contracts';
import type pg from 'pg';
import type { EventStore } from '../port.js';

/** A realistic event: the biggest of the call events, with full metadata. */
export function benchEvent(callId: string): NewEvent {
  return {
    id: newEventId(),
    type: 'CallArrived',
    data: {
      callId,
      tenantId: 'bench',
      dialledNumber: '+493012345678',
      callerNumber: '+4917012345678',
      mediaNode: 'fs-1',
    },
    metadata: {
      tenantId: 'bench',
      correlationId: callId,
      actor: 'service:media-bridge',
      occurredAt: new Date().toISOString(),
    },
  };
}

/**
 * `writers` concurrent writers, each appending `perAppend` events at a time to its own stream with
 * the expected revision from its previous append, for `seconds`. Returns events per second.
 */
export async function appendThroughput(
  store: EventStore,
  writers: number,
  perAppend: number,
  seconds: number,
): Promise<{ eventsPerSecond: number; events: number }> {
  const deadline = Date.now() + seconds * 1000;
  let events = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const callId = randomUUID();
      const stream = `call-${callId}`;
      let expectedRevision: number | 'no-stream' = 'no-stream';
      while (Date.now() < deadline) {
        const batch = Array.from({ length: perAppend }, () => benchEvent(callId));
        const result = await store.append(stream, batch, { expectedRevision });
        expectedRevision = result.nextExpectedRevision;
        events += perAppend;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { eventsPerSecond: events / elapsed, events };
}

/**
 * The physical limit: `concurrency` connections each running multi-row INSERTs of `rowsPerInsert`
 * rows (one statement, its own transaction) into a copy of the events table (same columns,
 * defaults and indexes), with the same payloads spread over `streams` streams like the appends'
 * (one row to each in turn), for `seconds`. Returns rows per second.
 */
export async function rawInsertThroughput(
  pool: pg.Pool,
  concurrency: number,
  rowsPerInsert: number,
  seconds: number,
  streams = 64,
): Promise<{ rowsPerSecond: number; rows: number }> {
  await pool.query('CREATE TABLE raw_events (LIKE events INCLUDING ALL)');
  const columns = 6;
  const placeholders = Array.from({ length: rowsPerInsert }, (_, r) => {
    const base = r * columns;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`;
  }).join(', ');
  const text = `INSERT INTO raw_events (event_id, stream_name, stream_revision, event_type, data, metadata)
    VALUES ${placeholders}`;
  // Writing to few streams is cheaper (their index entries share pages): rows go to the same number
  // of streams as the appends do. Revisions are handed out here, so no two rows collide.
  const targets = Array.from({ length: streams }, () => ({ callId: randomUUID(), next: 0 }));
  let turn = 0;
  const deadline = Date.now() + seconds * 1000;
  let rows = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < deadline) {
        const values: unknown[] = [];
        for (let r = 0; r < rowsPerInsert; r += 1) {
          const target = targets[turn % targets.length]!;
          turn += 1;
          const e = benchEvent(target.callId);
          values.push(
            e.id,
            `call-${target.callId}`,
            target.next,
            e.type,
            JSON.stringify(e.data),
            JSON.stringify(e.metadata),
          );
          target.next += 1;
        }
        await pool.query({ name: `raw_insert_${rowsPerInsert}`, text, values });
        rows += rowsPerInsert;
      }
      return worker;
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { rowsPerSecond: rows / elapsed, rows };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * Subscribe lag: `follower` (another store instance: woken through LISTEN/NOTIFY, as a relay in its
 * own process would be) follows $all while `writer` appends `ratePerSecond` single events spread
 * over 64 streams for `seconds`. Lag per event = delivered − append resolved (0 when the follower
 * was faster than the append's own callback), and delivered − append started for reference.
 */
export async function subscribeLag(
  writer: EventStore,
  follower: EventStore,
  after: GlobalPosition | undefined,
  ratePerSecond: number,
  seconds: number,
): Promise<{ fromResolved: number[]; fromStart: number[]; delivered: number; sent: number }> {
  const started = new Map<string, number>();
  const resolved = new Map<string, number>();
  const deliveredAt = new Map<string, number>();
  const sub = follower.subscribeAll(after ? { after } : {});
  const following = (async () => {
    for await (const event of sub) deliveredAt.set(event.id, performance.now());
  })();
  const streams = Array.from({ length: 64 }, () => randomUUID());
  const tickMs = 5;
  const perTick = Math.max(1, Math.round((ratePerSecond * tickMs) / 1000));
  const appends: Promise<unknown>[] = [];
  const begin = performance.now();
  for (let tick = 0; performance.now() - begin < seconds * 1000; tick += 1) {
    for (let i = 0; i < perTick; i += 1) {
      const callId = streams[(tick * perTick + i) % streams.length]!;
      const event = benchEvent(callId);
      started.set(event.id, performance.now());
      appends.push(
        writer.append(`call-${callId}`, [event]).then(() => resolved.set(event.id, performance.now())),
      );
    }
    const next = begin + (tick + 1) * tickMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(appends);
  const deadline = performance.now() + 10_000;
  while (deliveredAt.size < started.size && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await sub.close();
  await following;
  const fromResolved: number[] = [];
  const fromStart: number[] = [];
  for (const [id, at] of deliveredAt) {
    const s = started.get(id);
    const r = resolved.get(id);
    if (s !== undefined) fromStart.push(at - s);
    if (r !== undefined) fromResolved.push(Math.max(0, at - r));
  }
  return {
    fromResolved: fromResolved.sort((a, b) => a - b),
    fromStart: fromStart.sort((a, b) => a - b),
    delivered: deliveredAt.size,
    sent: started.size,
  };
}
