import { comparePositions, type NewEvent, type RecordedEvent } from '@hotline/contracts';
import { flush, waitFor, type TestSchema } from '@hotline/test-kit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { callAnswered, callArrived, callHungUp, metadata } from '../contract/support.js';
import type { AppendResult, ExpectedRevision } from '../port.js';
import { CHANNEL_SQL, VALUES_MAX_EVENTS } from './sql.js';
import { PostgresEventStore } from './store.js';
import { newCallStream, storeHarness } from './test-support/harness.js';
import { PgSubscription } from './subscription.js';

/**
 * Which statement a batch ran cannot be read from the database: prepared statements live in the
 * session that prepared them (pg_prepared_statements shows only the asking connection's), and
 * pg_stat_statements needs shared_preload_libraries (not loaded on the test server, and global
 * across parallel tests). So the store's own pool is spied on: `query` is wrapped on that one pool
 * instance (not on pg.Pool.prototype, which the second store and the test-kit pool share), and the
 * writer and the notifier, which call `this.pool.query(...)`, go through the spy. The pool is a
 * private field; the guard below fails loudly if it is renamed.
 */
interface SentQuery {
  /** The prepared statement's name (config-object queries), else undefined. */
  name: string | undefined;
  text: string;
  values: unknown[];
}

function spyOnPool(store: PostgresEventStore): { since(mark: number): SentQuery[]; mark(): number } {
  const pool = (store as unknown as { pool: unknown }).pool;
  if (!(pool instanceof pg.Pool)) throw new Error('PostgresEventStore no longer keeps its pool in `pool`');
  const sent: SentQuery[] = [];
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const recording = (...args: unknown[]): unknown => {
    const [first, second] = args;
    if (typeof first === 'string') {
      sent.push({ name: undefined, text: first, values: Array.isArray(second) ? second : [] });
    } else {
      const config = first as { name?: string; text: string; values?: unknown[] };
      sent.push({ name: config.name, text: config.text, values: config.values ?? [] });
    }
    return original(...args);
  };
  // An own property of this instance shadows Pool.prototype.query (the pool is ended with its store).
  Object.assign(pool, { query: recording });
  return { since: (mark) => sent.slice(mark), mark: () => sent.length };
}

const appendStatements = (queries: SentQuery[]): string[] =>
  queries.flatMap((q) => (q.name?.startsWith('hotline_append') ? [q.name] : []));

const NOTIFY = 'SELECT pg_notify($1, $2)';

/** Text that breaks naive encodings: newlines, quotes, backslashes, escapes as text, non-ASCII. */
function awkward(i: number): string {
  return `#${i} line one\nline two\r\n"quoted" 'single' back\\slash \\n \\" \\\\ \t tab ü ß 日本語 🎧 \u2028 {"a":[1]}`;
}

/** A CallArrived whose free-text fields and metadata are awkward. */
function awkwardEvent(callId: string, i: number): NewEvent {
  const base = callArrived(callId);
  return {
    ...base,
    data: { ...(base.data as object), callerName: awkward(i), mediaNode: `fs-"${i}"\n\\ü` },
    metadata: metadata(callId, { actor: `user:${awkward(i)}`.slice(0, 128), causationId: 'a\nb"c\\d' }),
  };
}

describe('PostgreSQL adapter: VALUES fast path and wake-up hints', { timeout: 30_000 }, () => {
  const { open, defer } = storeHarness('esv');
  const call = newCallStream;

  describe('warm batches (every head remembered)', () => {
    it.each([
      { appends: 8, each: 3, statement: 'hotline_append_values_24' },
      { appends: 8, each: 8, statement: `hotline_append_values_${VALUES_MAX_EVENTS}` },
      { appends: 5, each: 13, statement: 'hotline_append_at_revisions' }, // 65 events
      { appends: 10, each: 10, statement: 'hotline_append_at_revisions' },
    ])(
      'writes $appends appends × $each events with $statement, exactly',
      async ({ appends, each, statement }) => {
        // given streams this store created (heads remembered at 0), one more for the append in flight
        const { store } = await open({ maxConcurrentBatches: 1 });
        const calls = Array.from({ length: appends + 1 }, call);
        const created: NewEvent[] = [];
        for (const c of calls) {
          const events = [callArrived(c.callId)];
          await store.append(c.stream, events, { expectedRevision: 'no-stream' });
          created.push(...events);
        }
        const spy = spyOnPool(store);
        const before = store.stats;

        // when one append is in flight and the others queue behind it, into one batch, with expected
        // revisions that all know their base (exact, exists, any)
        const [first, ...rest] = calls;
        const firstEvents = [callAnswered(first!.callId)];
        const batches = rest.map((c, i) =>
          Array.from({ length: each }, (_, j) =>
            j === 0 ? awkwardEvent(c.callId, i) : j % 2 === 1 ? callAnswered(c.callId) : callHungUp(c.callId),
          ),
        );
        const expectations: ExpectedRevision[] = [0, 'exists', 'any'];
        await flush(); // the writer is idle: the first append goes alone, the rest queue behind it
        const mark = spy.mark();
        const results = await Promise.all([
          store.append(first!.stream, firstEvents, { expectedRevision: 0 }),
          ...rest.map((c, i) =>
            store.append(c.stream, batches[i]!, { expectedRevision: expectations[i % expectations.length]! }),
          ),
        ]);

        // then the lone append and the batch each ran one statement: the one for their size
        expect(appendStatements(spy.since(mark))).toEqual(['hotline_append_values_1', statement]);
        const now = store.stats;
        expect({
          batches: now.batches - before.batches,
          unprobed: now.unprobed - before.unprobed,
          fallbacks: now.fallbacks - before.fallbacks,
          singles: now.singles - before.singles,
        }).toEqual({ batches: 2, unprobed: 2, fallbacks: 0, singles: 0 });
        expect(new Set(results.slice(1).map((r) => r.position.commit)).size).toBe(1);
        expect(results[0].position.commit).not.toBe(results[1]!.position.commit);

        // and each stream holds its events exactly, at contiguous revisions, ending at its result
        const expectStream = async (stream: string, events: NewEvent[], result: AppendResult) => {
          const stored = await store.readStream(stream);
          expect(stored.map((e) => e.streamRevision)).toEqual(events.map((_, i) => i));
          expect(stored.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }))).toEqual(
            events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
          );
          expect(result.nextExpectedRevision).toBe(events.length - 1);
          expect(stored.at(-1)?.globalPosition).toEqual(result.position);
        };
        await expectStream(first!.stream, [created[0]!, ...firstEvents], results[0]);
        for (const [i, c] of rest.entries()) {
          await expectStream(c.stream, [created[i + 1]!, ...batches[i]!], results[i + 1]!);
        }

        // and global order is creation order, then the lone append, then the batch in call order
        const all = await store.readAll();
        expect(all.map((e) => e.id)).toEqual(
          [...created, ...firstEvents, ...batches.flat()].map((e) => e.id),
        );
        for (let i = 1; i < all.length; i += 1) {
          expect(comparePositions(all[i - 1]!.globalPosition, all[i]!.globalPosition)).toBeLessThan(0);
        }
        // and the awkward payloads came back byte for byte through readAll as well
        const byId = new Map(all.map((e) => [e.id, e]));
        for (const events of batches) {
          const sent = events[0]!;
          expect(byId.get(sent.id)?.data).toEqual(sent.data);
          expect(byId.get(sent.id)?.metadata).toEqual(sent.metadata);
          expect((byId.get(sent.id)?.data as { callerName: string }).callerName).toBe(
            (sent.data as { callerName: string }).callerName,
          );
        }
      },
    );
  });

  describe('wake-up hints reach another process', () => {
    /**
     * A second store on the same schema whose subscription can only be woken by NOTIFY: its safety
     * poll is a minute away. Resolves once it has caught up and listens.
     */
    async function follower(schema: TestSchema) {
      const other = await PostgresEventStore.open({
        connectionString: schema.url,
        poolSize: 2,
        pollIntervalMs: 60_000,
      });
      defer(() => other.close());
      const sub = other.subscribeAll();
      if (!(sub instanceof PgSubscription)) throw new Error('expected a PgSubscription');
      const received: RecordedEvent[] = [];
      const consuming = (async () => {
        for await (const e of sub) received.push(e);
      })();
      defer(async () => {
        await sub.close();
        await consuming;
      });
      const { rows } = await schema.pool.query<{ channel: string }>(CHANNEL_SQL);
      const channel = rows[0]!.channel;
      await waitFor(
        async () => {
          const listening = await schema.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1 AND state = 'idle'`,
            [`LISTEN "${channel}"`],
          );
          return listening.rows[0]?.n === 1;
        },
        { what: 'the follower to listen' },
      );
      // Its listener's first wake-up (sent on connecting) has run its poll.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await other.awaitSubscriptionsPolled();
      return { sub, received, channel };
    }

    /**
     * The follower polls no more on its own: it sleeps until a wake-up. (A hint for commits it has
     * already read may still arrive, e.g. the NOTIFY after a burst's last batch: wait for a quiet
     * 300 ms window.)
     */
    async function expectAsleep(sub: PgSubscription): Promise<number> {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const polls = sub.pollsStarted;
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (sub.pollsStarted === polls) return polls;
      }
      throw new Error('the follower keeps polling without wake-ups');
    }

    /** A writer store (its pool watched) and a follower that has caught up with it and sleeps. */
    async function writerAndSleepingFollower() {
      const { store, schema } = await open();
      const spy = spyOnPool(store);
      const seed = call();
      await store.append(seed.stream, [callArrived(seed.callId)]);
      const { sub, received, channel } = await follower(schema);
      await waitFor(() => received.length === 1, { what: 'the follower to catch up' });
      await expectAsleep(sub);
      return { store, spy, sub, received, channel };
    }

    const ids = (events: readonly { id: string }[]) => events.map((e) => e.id);

    it('wakes a follower for bursts of batches, and for an isolated append with the hint inline', async () => {
      // given a writer store, and a follower in another store that has caught up and sleeps
      const { store, spy, sub, received, channel } = await writerAndSleepingFollower();

      // when the writer appends bursts of concurrent appends
      const calls = Array.from({ length: 8 }, call);
      for (let round = 0; round < 20; round += 1) {
        await Promise.all(
          calls.map((c, i) =>
            store.append(
              c.stream,
              Array.from({ length: 1 + ((round + i) % 3) }, () => callAnswered(c.callId)),
            ),
          ),
        );
      }

      // then the follower gets every event promptly, in the store's order
      const all = await store.readAll();
      await waitFor(() => received.length === all.length, { timeoutMs: 5000, what: 'the burst to arrive' });
      expect(ids(received)).toEqual(ids(all));
      // (some statements carried the hint themselves)
      expect(
        spy.since(0).some((q) => q.name?.startsWith('hotline_append') && q.values.at(-2) === channel),
      ).toBe(true);

      // when, after a quiet period, one append is made: to a new stream (a probed batch), then to a
      // stream this store knows (the VALUES fast path)
      let total = all.length;
      for (const known of [undefined, calls[0]!] as const) {
        const polls = await expectAsleep(sub);
        const mark = spy.mark();
        const c = known ?? call();
        const events = [callAnswered(c.callId), awkwardEvent(c.callId, 1)];
        await store.append(c.stream, events);

        // then its own statement carried the hint, no NOTIFY of its own was needed
        const appends = spy.since(mark).filter((q) => q.name?.startsWith('hotline_append'));
        expect(appends.map((q) => q.name)).toEqual([
          known ? 'hotline_append_values_2' : 'hotline_append_batch',
        ]);
        expect(appends[0]!.values.slice(-2)).toEqual([channel, expect.any(String)]);
        expect(appends[0]!.values.at(-1)).not.toBe('');
        // and the sleeping follower woke up and got it promptly, exactly
        total += events.length;
        await waitFor(() => received.length === total, { timeoutMs: 5000, what: 'the lone append' });
        expect(ids(received.slice(-2))).toEqual(ids(events));
        expect(received.at(-1)?.data).toEqual(events[1]!.data);
        expect(sub.pollsStarted - polls).toBeLessThanOrEqual(3);
        expect(spy.since(mark).filter((q) => q.text === NOTIFY)).toEqual([]);
      }
    });

    it('wakes a follower with a NOTIFY of its own for a commit no statement carried a hint for', async () => {
      // given a follower asleep
      const { store, spy, sub, received, channel } = await writerAndSleepingFollower();

      // when an append commits on a path that sends no hint (a held append, committed later)
      const mark = spy.mark();
      const c = call();
      const events = [callArrived(c.callId)];
      const held = await store.holdAppendOpen(c.stream, events);
      await expectAsleep(sub);
      await held.commit();

      // then a NOTIFY of its own goes out, and the follower gets the event promptly
      await waitFor(() => received.length === 2, { timeoutMs: 5000, what: 'the held append' });
      expect(ids(received.slice(1))).toEqual(ids(events));
      const notifies = spy.since(mark).filter((q) => q.text === NOTIFY);
      expect(notifies).toHaveLength(1);
      expect(notifies[0]!.values).toEqual([channel, expect.any(String)]);
    });
  });
});
