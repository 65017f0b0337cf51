import type { RecordedEvent } from '@hotline/contracts';
import { createTestSchema, type TestSchema } from '@hotline/test-kit';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { callAnswered, callArrived, callHungUp, callLife, collect, waitFor } from '../contract/support.js';
import { EventStoreUnavailableError } from '../port.js';
import { MIGRATION_TABLE, migrateEventStore } from './migrations.js';
import { openPostgresEventStore } from './index.js';
import { PostgresEventStore } from './store.js';
import { APPEND_AT_REVISIONS, CHANNEL_SQL, PAGE_SQL, appendValuesSql, filteredPageSql } from './sql.js';

describe('PostgreSQL adapter', { timeout: 30_000 }, () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function schema(): Promise<TestSchema> {
    const s = await createTestSchema({ prefix: 'esp', poolSize: 2 });
    cleanup.push(() => s.drop());
    return s;
  }

  async function open(s: TestSchema, pollIntervalMs = 500): Promise<PostgresEventStore> {
    const store = await PostgresEventStore.open({ connectionString: s.url, poolSize: 6, pollIntervalMs });
    cleanup.push(() => store.close());
    return store;
  }

  const call = () => {
    const callId = crypto.randomUUID();
    return { callId, stream: `call-${callId}` };
  };

  it('migrates concurrently and repeatedly without harm', async () => {
    const s = await schema();
    await Promise.all([1, 2, 3, 4].map(() => migrateEventStore(s.url)));
    await migrateEventStore(s.url);
    const applied = await s.pool.query<{ name: string }>(`SELECT name FROM ${MIGRATION_TABLE}`);
    expect(applied.rows.map((r) => r.name)).toEqual(['0001_events']);
    const store = await openPostgresEventStore({ connectionString: s.url });
    cleanup.push(() => store.close());
    await store.migrate();
    const c = call();
    await store.append(c.stream, [callArrived(c.callId)]);
    expect(await store.readStream(c.stream)).toHaveLength(1);
  });

  it('polls with a range scan of the (transaction id, position) index, not a full scan', async () => {
    const s = await schema();
    const store = await open(s);
    for (let i = 0; i < 40; i += 1) {
      await Promise.all(
        Array.from({ length: 50 }, () => call()).map((c) => store.append(c.stream, callLife(c.callId))),
      );
    }
    await s.pool.query('ANALYZE events');
    const [mid] = await store.readAll({
      after: (await store.readAll({ limit: 3000 }))[2999]!.globalPosition,
      limit: 1,
    });
    const params = [mid!.globalPosition.commit.toString(), mid!.globalPosition.prepare.toString(), 1000];
    for (const [text, filters] of [
      [PAGE_SQL, []],
      [filteredPageSql(true, true), [10_000, ['call-%'], ['CallAnswered']]],
    ] as const) {
      const plan = await s.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, [...params, ...filters]);
      const lines = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      // The checkpoint bounds an index range (Index Cond, not a Filter over every row), and no part
      // of the statement reads the whole table.
      expect(lines).toMatch(/Index Cond: .*ROW\(transaction_id, "position"\) > ROW\(/);
      expect(lines).not.toMatch(/Seq Scan on events/);
    }
  });

  it('inserts a batch at known revisions straight from one scan of its lists, so positions follow them', async () => {
    const s = await schema();
    await migrateEventStore(s.url);
    const c = call();
    const e = callArrived(c.callId);
    const row = [e.id, c.stream, '0', e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
    const newlineJoined = row;
    const noHint = ['', ''];
    for (const [text, params, scan] of [
      [APPEND_AT_REVISIONS, [...newlineJoined, ...noHint], /Function Scan on unnest/],
      [appendValuesSql(1), [...row, ...noHint], /Result/],
      [appendValuesSql(3), [...row, ...row, ...row, ...noHint], /Values Scan/],
    ] as const) {
      const plan = await s.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${text}`, [...params]);
      const lines = plan.rows.map((r) => r['QUERY PLAN']);
      // Neither statement has an ORDER BY: they rely on the insert reading a single scan that returns
      // the rows in list order. A sort, join or gather under the Insert would break that.
      const insert = lines.findIndex((line) => line.includes('Insert on events'));
      const depth = (line: string) => line.search(/\S/);
      const subtree = lines.slice(insert + 1);
      const end = subtree.findIndex((line) => depth(line) <= depth(lines[insert]!));
      const underInsert = (end < 0 ? subtree : subtree.slice(0, end)).filter((line) => line.includes('->'));
      expect(underInsert).toHaveLength(1);
      expect(underInsert[0]).toMatch(scan);
    }
  });

  it('finds sparse matches of a filter beyond the scan window, by readAll and by subscription', async () => {
    const s = await schema();
    const store = await open(s);
    const noise = Array.from({ length: 1050 }, call);
    await Promise.all(
      noise.map((c) =>
        store.append(
          c.stream,
          Array.from({ length: 10 }, () => callAnswered(c.callId)),
        ),
      ),
    );
    const last = call();
    await store.append(last.stream, [callHungUp(last.callId), callHungUp(last.callId)]);
    const filter = { eventTypes: ['CallHungUp'] };
    const hungUp = await store.readAll({ filter });
    expect(hungUp.map((e) => e.streamName)).toEqual([last.stream, last.stream]);
    expect(await store.readAll({ filter, limit: 1 })).toEqual(hungUp.slice(0, 1));
    expect(await store.readAll({ filter, after: hungUp[0]!.globalPosition })).toEqual(hungUp.slice(1));
    const got = collect(store.subscribeAll({ filter }));
    await waitFor(() => got.events.length === 2, 'both matches');
    expect(got.events).toEqual(hungUp);
  });

  it('lets readAll wait briefly for appends held back by an older open transaction', async () => {
    const s = await schema();
    const store = await open(s);
    const held = await store.holdAppendOpen(call().stream, [callArrived(crypto.randomUUID())]);
    const mine = call();
    await store.append(mine.stream, [callArrived(mine.callId)]);
    const pool = (store as unknown as { pool: pg.Pool }).pool;
    let released = 0;
    pool.on('release', () => (released += 1));
    const reading = store.readAll();
    await waitFor(() => released >= 1, 'the first page');
    await held.commit();
    // Not the safe prefix (nothing): the append committed before the call is in the answer.
    expect((await reading).map((e) => e.streamName)).toHaveLength(2);
  });

  it('pages through a backlog one page ahead of its consumer, never more', async () => {
    const s = await schema();
    const store = await open(s);
    const calls = Array.from({ length: 700 }, call);
    await Promise.all(calls.map((c) => store.append(c.stream, callLife(c.callId))));
    const sub = store.subscribeAll();
    const iterator = sub[Symbol.asyncIterator]();
    const taken: RecordedEvent[] = [];
    taken.push((await iterator.next()).value as RecordedEvent);
    const [inner] = [...(store as unknown as { subscriptions: Set<{ pollsStarted: number }> }).subscriptions];
    expect(inner!.pollsStarted).toBe(1);
    while (taken.length < 1000) taken.push((await iterator.next()).value as RecordedEvent);
    expect(inner!.pollsStarted).toBe(1);
    taken.push((await iterator.next()).value as RecordedEvent);
    expect(inner!.pollsStarted).toBe(2);
    await sub.close();
    expect(taken.map((e) => e.id)).toEqual((await store.readAll({ limit: 1001 })).map((e) => e.id));
  });

  it('wakes a follower in another process through NOTIFY, long before its safety poll', async () => {
    const s = await schema();
    const writer = await open(s);
    const follower = await open(s, 60_000);
    const got = collect(follower.subscribeAll());
    const first = call();
    await writer.append(first.stream, [callArrived(first.callId)]);
    await waitFor(() => got.events.length === 1, 'the first event', 10_000);
    // A held append of the writer: the follower must wait for it, then get it through NOTIFY too.
    const held = await writer.holdAppendOpen(call().stream, [callArrived(crypto.randomUUID())]);
    const later = call();
    await writer.append(later.stream, callLife(later.callId));
    await held.commit();
    await waitFor(() => got.events.length === 5, 'the held and the later events', 10_000);
    expect(got.events).toEqual(await writer.readAll());
  });

  it('keeps stores in different schemas apart, down to their NOTIFY channels', async () => {
    const [a, b] = [await schema(), await schema()];
    const [storeA, storeB] = [await open(a), await open(b)];
    const c = call();
    await storeA.append(c.stream, [callArrived(c.callId)]);
    expect(await storeB.readAll()).toEqual([]);
    const channels = await Promise.all([a, b].map((s) => s.pool.query<{ channel: string }>(CHANNEL_SQL)));
    expect(channels[0]!.rows[0]!.channel).not.toBe(channels[1]!.rows[0]!.channel);
  });

  it('reports an unreachable database as EventStoreUnavailableError with the cause', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/hotline_test';
    for (const attempt of [
      () => openPostgresEventStore({ connectionString: url }),
      () => openPostgresEventStore({ connectionString: url, migrate: false }),
      () => migrateEventStore(url),
    ]) {
      const error: unknown = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', kind: 'unavailable' });
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });

  it('reports a connection lost mid-append as EventStoreUnavailableError, and works again after', async () => {
    const s = await schema();
    const name = `es-kill-${crypto.randomUUID().slice(0, 8)}`;
    const url = new URL(s.url);
    url.searchParams.set('application_name', name);
    const store = await PostgresEventStore.open({ connectionString: url.toString(), poolSize: 4 });
    cleanup.push(() => store.close());
    const admin = new pg.Client({ connectionString: s.url });
    await admin.connect();
    try {
      // Block the append on a table lock, then kill the backend it waits on.
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      const c = call();
      const appending = store.append(c.stream, [callArrived(c.callId)]).catch((e: unknown) => e);
      const waiting = async () =>
        (
          await admin.query(
            `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [name],
          )
        ).rows.length > 0;
      const deadline = Date.now() + 10_000;
      while (!(await waiting())) {
        if (Date.now() > deadline) throw new Error('the append never blocked');
      }
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [name],
      );
      const error = await appending;
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).cause).toMatchObject({ code: '57P01' });
      await admin.query('ROLLBACK');
      // The pool replaces the lost connections: the same append now goes through.
      await store.append(c.stream, [callArrived(c.callId)]);
      expect(await store.readStream(c.stream)).toHaveLength(1);
    } finally {
      await admin.end();
    }
  });
});
