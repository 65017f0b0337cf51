import type { NewEvent } from '@hotline/contracts';
import type pg from 'pg';
import type { HeldAppend } from '../contract/fixture.js';
import {
  ConcurrencyError,
  EventStoreUnavailableError,
  type AppendResult,
  type ExpectedRevision,
} from '../port.js';
import { batchParams, resolveStoredIds, type PendingAppend, type StoredIdRow } from './batch.js';
import { isRetryableConflict, isUnavailable, toStoreError } from './errors.js';
import type { StreamHeads } from './heads.js';
import { batchRowToResult, revisionMatches, type BatchRow } from './rows.js';
import { APPEND_BATCH_QUERY, FIND_EVENT_IDS, STREAM_REVISION } from './sql.js';

const MAX_SINGLE_ATTEMPTS = 5;

/** What the one-by-one path needs from its writer. */
export interface SingleContext {
  readonly pool: pg.Pool;
  readonly heads: StreamHeads;
  /** A single append committed (it carried no wake-up hint). */
  committed(): void;
}

/**
 * One append in its own transaction, with the idempotency lookup the batch path leaves out: a retry
 * of a stored append returns its original result, a reused id is a DuplicateEventIdError, a failed
 * expected revision a ConcurrencyError with the actual one. Conflicts with concurrent writers
 * (another process creating the stream meanwhile) are retried a few times.
 */
export async function appendSingle(ctx: SingleContext, p: PendingAppend): Promise<AppendResult> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await ctx.pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const outcome = await attemptSingle(client, p);
      await client.query(outcome.kind === 'written' ? 'COMMIT' : 'ROLLBACK');
      if (outcome.kind === 'written') {
        // Only a committed head is remembered: a remembered head must never exceed the real one.
        ctx.heads.written(p.stream, outcome.result.nextExpectedRevision);
        ctx.committed();
      }
      if (outcome.kind !== 'retry') return outcome.result;
    } catch (error) {
      broken = isUnavailable(error) ? error : undefined;
      if (!broken) await client.query('ROLLBACK').catch(() => undefined);
      if (!isRetryableConflict(error) || attempt >= MAX_SINGLE_ATTEMPTS) throw error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
    if (attempt >= MAX_SINGLE_ATTEMPTS) {
      throw new EventStoreUnavailableError(`append to ${p.stream} kept conflicting with concurrent writers`);
    }
  }
}

async function attemptSingle(
  client: pg.PoolClient,
  p: PendingAppend,
): Promise<{ kind: 'written' | 'found'; result: AppendResult } | { kind: 'retry' }> {
  const ids = p.events.map((e) => e.id);
  const found = await client.query<StoredIdRow>({ name: 'hotline_find_ids', text: FIND_EVENT_IDS }, [ids]);
  if (found.rows.length > 0) return { kind: 'found', result: resolveStoredIds(p, found.rows) };
  const written = await client.query<BatchRow>({ ...APPEND_BATCH_QUERY, values: batchParams([p]) });
  const row = written.rows[0];
  if (row) return { kind: 'written', result: batchRowToResult(row) };
  const current = await client.query<{ revision: string | null }>(STREAM_REVISION, [p.stream]);
  const revision = current.rows[0]?.revision ?? null;
  const actual = revision === null ? 'no-stream' : Number(revision);
  // The check held by now: the stream was created by a transaction that committed meanwhile.
  if (revisionMatches(p.expected, actual)) return { kind: 'retry' };
  throw new ConcurrencyError(p.stream, p.expected, actual);
}

/**
 * The real append path inside a transaction left open: its rows hold their place in the log
 * (transaction id, position) but are not committed. For tests that commit it after later appends.
 * Its head is never remembered (a rolled-back revision must not be).
 */
export async function holdOpen(
  ctx: SingleContext,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<HeldAppend> {
  const client = await ctx.pool.connect();
  const p: PendingAppend = { stream, events, expected, resolve: () => undefined, reject: () => undefined };
  try {
    await client.query('BEGIN');
    const outcome = await attemptSingle(client, p);
    if (outcome.kind !== 'written') throw new Error(`held append to ${stream} wrote nothing`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw toStoreError(error, 'append');
  }
  let ended = false;
  const end = async (command: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    if (ended) return;
    ended = true;
    try {
      await client.query(command);
      if (command === 'COMMIT') ctx.committed();
    } finally {
      client.release();
    }
  };
  return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
}
