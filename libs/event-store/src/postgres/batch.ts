import type { NewEvent } from '@hotline/contracts';
import { DuplicateEventIdError, type AppendResult, type ExpectedRevision } from '../port.js';
import { encodeExpected } from './rows.js';

/** An append waiting for a writer (already validated). */
export interface PendingAppend {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Takes the next batch from the queue, in queue order: at most one append per stream (the batch
 * statement checks each stream once), none touching a stream another batch is writing (that batch
 * would only make it wait on the row lock), no event id twice, and at most `maxEvents` events (an
 * append never waits behind this limit alone). Once an append is left in the queue, every later
 * append to its stream stays too, so one stream's appends commit in the order they were made.
 */
export function takeBatch(
  queue: PendingAppend[],
  busyStreams: ReadonlySet<string>,
  maxEvents: number,
): { batch: PendingAppend[]; rest: PendingAppend[] } {
  const batch: PendingAppend[] = [];
  const rest: PendingAppend[] = [];
  const blocked = new Set(busyStreams);
  const ids = new Set<string>();
  let events = 0;
  for (const p of queue) {
    const fits = batch.length === 0 || events + p.events.length <= maxEvents;
    if (!fits || blocked.has(p.stream) || p.events.some((e) => ids.has(e.id.toLowerCase()))) {
      rest.push(p);
      blocked.add(p.stream);
      continue;
    }
    batch.push(p);
    blocked.add(p.stream);
    for (const e of p.events) ids.add(e.id.toLowerCase());
    events += p.events.length;
  }
  return { batch, rest };
}

/** A wake-up hint for other processes to send with a statement: channel and payload (PgNotifier). */
export type Hint = readonly [channel: string, payload: string];
const NO_HINT: Hint = ['', ''];

/** Parameters of APPEND_BATCH for these appends. */
export function batchParams(batch: readonly PendingAppend[], hint: Hint = NO_HINT): unknown[] {
  const names: string[] = [];
  const expected: number[] = [];
  const counts: number[] = [];
  const ids: string[] = [];
  const appendIndex: number[] = [];
  const offsets: number[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  batch.forEach((p, a) => {
    names.push(noNewline(p.stream));
    expected.push(encodeExpected(p.expected));
    counts.push(p.events.length);
    p.events.forEach((e, i) => {
      ids.push(noNewline(e.id));
      appendIndex.push(a + 1);
      offsets.push(i);
      types.push(noNewline(e.type));
      // JSON.stringify escapes every newline inside strings and adds none between tokens.
      data.push(JSON.stringify(e.data));
      metadata.push(JSON.stringify(e.metadata));
    });
  });
  return [
    names.join('\n'),
    expected,
    counts,
    ids.join('\n'),
    appendIndex,
    offsets,
    types.join('\n'),
    data.join('\n'),
    metadata.join('\n'),
    ...hint,
  ];
}

const COLUMNS = 6;

/**
 * The columns the inserts at known revisions take, six per event, flat: id, stream, revision (as
 * text, from `bases[i]`, the first revision of `batch[i]`), type, data and metadata as JSON.
 */
function eventColumns(batch: readonly PendingAppend[], bases: readonly number[]): string[] {
  const values: string[] = [];
  batch.forEach((p, a) => {
    const base = bases[a] ?? 0;
    p.events.forEach((e, i) => {
      values.push(
        e.id,
        p.stream,
        String(base + i),
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      );
    });
  });
  return values;
}

/** Parameters of APPEND_AT_REVISIONS: each column as one newline-joined list, then the hint. */
export function atRevisionParams(
  batch: readonly PendingAppend[],
  bases: readonly number[],
  hint: Hint = NO_HINT,
): string[] {
  const values = eventColumns(batch, bases);
  const lists = Array.from({ length: COLUMNS }, (_, c) => values.filter((_, k) => k % COLUMNS === c));
  // Ids, stream names and types must not hold the separator (JSON.stringify never emits one).
  for (const c of [0, 1, 3]) lists[c]?.forEach(noNewline);
  return [...lists.map((list) => list.join('\n')), ...hint];
}

/** Parameters of appendValuesSql: six per event, then the hint. */
export function valuesParams(
  batch: readonly PendingAppend[],
  bases: readonly number[],
  hint: Hint = NO_HINT,
): string[] {
  const values = eventColumns(batch, bases);
  values.push(...hint);
  return values;
}

/** The one row APPEND_AT_REVISIONS returns: its transaction, and every event's position in order. */
export interface AtRevisionsRow {
  commit: string;
  positions: string;
}

/** Each append's result from APPEND_AT_REVISIONS (positions ascend in event order). */
export function atRevisionResults(
  batch: readonly PendingAppend[],
  bases: readonly number[],
  row: AtRevisionsRow | undefined,
): AppendResult[] {
  const positions = row?.positions.split(',') ?? [];
  const total = batch.reduce((n, p) => n + p.events.length, 0);
  if (!row || positions.length !== total) {
    throw new Error(`append wrote ${positions.length} of ${total} events`);
  }
  const commit = BigInt(row.commit);
  let last = -1;
  return batch.map((p, i) => {
    last += p.events.length;
    return {
      nextExpectedRevision: (bases[i] ?? 0) + p.events.length - 1,
      position: { commit, prepare: BigInt(positions[last] ?? '0') },
    };
  });
}

// The statement splits its text lists on newlines. Validation already rules them out of stream
// names, ids and types; this keeps a caller that skipped it from shifting every later value.
function noNewline(value: string): string {
  if (value.includes('\n')) throw new Error(`unexpected newline in ${JSON.stringify(value)}`);
  return value;
}

/** A stored event found by id (FIND_EVENT_IDS). */
export interface StoredIdRow {
  event_id: string;
  stream_name: string;
  stream_revision: string;
  commit: string;
  prepare: string;
}

/**
 * Some of an append's ids are already stored. It is an idempotent retry when every id is stored, in
 * this stream, at consecutive revisions in the same order, and the expected revision fits where the
 * first one landed: then its original result is returned. Anything else reuses an id elsewhere.
 */
export function resolveStoredIds(p: PendingAppend, found: readonly StoredIdRow[]): AppendResult {
  const byId = new Map(found.map((row) => [row.event_id.toLowerCase(), row]));
  const rows = p.events.map((e) => byId.get(e.id.toLowerCase()));
  const first = Number(rows[0]?.stream_revision ?? -1);
  const exact = rows.every(
    (row, i) =>
      row !== undefined && row.stream_name === p.stream && Number(row.stream_revision) === first + i,
  );
  const fits =
    p.expected === 'any' ||
    (p.expected === 'no-stream' && first === 0) ||
    (p.expected === 'exists' && first > 0) ||
    (typeof p.expected === 'number' && first === p.expected + 1);
  const last = rows[rows.length - 1];
  if (exact && fits && last) {
    return {
      nextExpectedRevision: Number(last.stream_revision),
      position: { commit: BigInt(last.commit), prepare: BigInt(last.prepare) },
    };
  }
  const reused = p.events.find((e) => byId.has(e.id.toLowerCase()));
  throw new DuplicateEventIdError(reused?.id ?? found[0]?.event_id ?? 'unknown');
}
