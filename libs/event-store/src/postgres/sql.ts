// SQL of the PostgreSQL adapter. Every table is unqualified: the connection's search_path picks the
// schema, so one database can hold many stores (one per test, one per tenant deployment).

/**
 * Columns every read returns, in the shape `rowToEvent` expects. Output names never repeat a column
 * name: ORDER BY would pick the text alias over the column and sort as text.
 */
export const EVENT_COLUMNS = `transaction_id::text AS commit, position::text AS prepare, event_id, stream_name,
  stream_revision::text AS revision, event_type, data, metadata, recorded_at`;

/**
 * Readers see only rows below the oldest transaction still running: a row with a lower transaction id
 * can no longer appear, so (transaction_id, position) order below this horizon is final.
 */
export const HORIZON = 'pg_snapshot_xmin(pg_current_snapshot())';

/** LISTEN/NOTIFY channel of the store in the current schema (short: channel names are identifiers). */
export const CHANNEL_SQL = `SELECT 'hotline_events_' || left(md5(current_schema()), 16) AS channel,
  current_schema() AS schema`;

/**
 * The wake-up hint for other processes' followers (PgNotifier.claim), sent by the append's own
 * transaction when the channel parameter is not empty. Per result row: PostgreSQL delivers identical
 * notifications of one transaction once.
 */
const HINT = (channel: string, payload: string): string =>
  `CASE WHEN ${channel}::text <> '' THEN pg_notify(${channel}, ${payload}::text) END AS hinted`;

/**
 * One statement appends a whole batch (one append per stream) in its own transaction. Each stream's
 * head is one index probe of events (stream_name, stream_revision); appends whose expected revision
 * holds against it (-3 any, -2 exists, -1 no-stream, n: the head is n, so n exists and nothing follows
 * it) insert their events at head + 1 … in batch order (so positions follow revisions), and the
 * statement reports each one's new revision and last position. Appends missing from the result failed
 * their check; the caller decides them one by one.
 *
 * Two writers that read the same head race on the unique index (stream_name, stream_revision): the
 * second waits for the first and fails with a unique violation, which fails the whole statement (the
 * caller then decides each append alone). A stream's revisions therefore commit in order, without a
 * per-stream row to lock and update: the head probe writes nothing.
 *
 * Text lists are joined with newlines instead of sent as array literals: JSON.stringify never emits a
 * raw newline, and ids, stream names and event types are validated to contain none, so nothing needs
 * quoting or escaping on either side.
 *
 * $1 stream names (newline-joined), $2 expected revisions, $3 event counts (one entry per append);
 * $4 event ids (newline-joined), $5 index of the event's append (1-based), $6 offset within its
 * append, $7 types, $8 data, $9 metadata (newline-joined; one entry per event); $10, $11 the wake-up
 * hint (HINT).
 */
export const APPEND_BATCH = `
WITH req AS (
  SELECT r.idx, r.stream_name, r.expected, r.cnt, h.head
  FROM unnest(string_to_array($1, E'\\n'), $2::bigint[], $3::int[]) WITH ORDINALITY
    AS r(stream_name, expected, cnt, idx)
  CROSS JOIN LATERAL (SELECT max(stream_revision) AS head FROM events e WHERE e.stream_name = r.stream_name) h
), ok AS (
  SELECT idx, stream_name, coalesce(head, -1) + 1 AS base, coalesce(head, -1) + cnt AS revision FROM req
  WHERE CASE expected WHEN -3 THEN true WHEN -2 THEN head IS NOT NULL WHEN -1 THEN head IS NULL
    ELSE head = expected END
), ins AS (
  INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata)
  SELECT e.event_id, ok.stream_name, ok.base + e.offs, e.event_type, e.data, e.metadata
  FROM unnest(string_to_array($4, E'\\n')::uuid[], $5::int[], $6::int[], string_to_array($7, E'\\n'),
      string_to_array($8, E'\\n')::jsonb[], string_to_array($9, E'\\n')::jsonb[]) WITH ORDINALITY
    AS e(event_id, idx, offs, event_type, data, metadata, ord)
  JOIN ok USING (idx)
  ORDER BY e.ord
  RETURNING stream_name, stream_revision, position, transaction_id
)
SELECT i.stream_name, i.stream_revision::text AS revision, i.position::text AS position,
  i.transaction_id::text AS commit, ${HINT('$10', '$11')}
FROM ins i JOIN ok USING (stream_name)
WHERE i.stream_revision = ok.revision`;

/**
 * A batch whose every append knows its first revision without reading the stream (see StreamHeads):
 * a plain multi-row insert at the given revisions. The unique index is the whole check: a stream that
 * moved on (or exists, for no-stream) collides, and the caller retries the batch with APPEND_BATCH.
 * $1 event ids, $2 stream names, $3 revisions (newline-joined text), $4 types, $5 data, $6 metadata;
 * one entry per event, each append's events together and in order; $7, $8 the wake-up hint (HINT).
 *
 * No ORDER BY: the plan is an Insert over a single Function Scan (store.int.test.ts checks it with
 * EXPLAIN), which hands the rows over in array order, so positions follow the lists. Sorting the
 * already ordered rows cost about 1 µs of PostgreSQL CPU per event. Returns one row: the transaction
 * and every position, ascending, which is therefore event order.
 */
export const APPEND_AT_REVISIONS = `
WITH ins AS (
  INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata)
  SELECT * FROM unnest(string_to_array($1, E'\\n')::uuid[], string_to_array($2, E'\\n'),
    string_to_array($3, E'\\n')::bigint[], string_to_array($4, E'\\n'),
    string_to_array($5, E'\\n')::jsonb[], string_to_array($6, E'\\n')::jsonb[])
  RETURNING position
)
SELECT pg_current_xact_id()::text AS commit, string_agg(position::text, ',' ORDER BY position) AS positions,
  ${HINT('$7', '$8')}
FROM ins`;

/** Batches up to this many events use appendValuesSql (one prepared statement per size). */
export const VALUES_MAX_EVENTS = 64;

/**
 * APPEND_AT_REVISIONS as a multi-row VALUES list of n rows: six parameters per event (id, stream,
 * revision, type, data, metadata), then the hint. Under two concurrent batches it measured about
 * 1.4 µs of PostgreSQL CPU per event cheaper than splitting and unnesting text lists (those build,
 * cast and materialise arrays first). One statement per size, so only up to VALUES_MAX_EVENTS.
 * A Values Scan, too, hands rows to the insert in list order.
 */
export function appendValuesSql(n: number): string {
  const cached = valuesSql[n];
  if (cached !== undefined) return cached;
  const rows = Array.from({ length: n }, (_, r) => {
    const p = r * 6;
    return `($${p + 1}::uuid, $${p + 2}::text, $${p + 3}::bigint, $${p + 4}::text, $${p + 5}::jsonb, $${p + 6}::jsonb)`;
  });
  const text = `
WITH ins AS (
  INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata)
  VALUES ${rows.join(',\n    ')}
  RETURNING position
)
SELECT pg_current_xact_id()::text AS commit, string_agg(position::text, ',' ORDER BY position) AS positions,
  ${HINT(`$${n * 6 + 1}`, `$${n * 6 + 2}`)}
FROM ins`;
  valuesSql[n] = text;
  return text;
}
const valuesSql: string[] = [];

/** APPEND_BATCH as a named (prepared) query. */
export const APPEND_BATCH_QUERY = { name: 'hotline_append_batch', text: APPEND_BATCH };

export const FIND_EVENT_IDS = `SELECT event_id, stream_name, stream_revision::text AS stream_revision,
  transaction_id::text AS commit, position::text AS prepare
FROM events WHERE event_id = ANY($1::uuid[])`;

/** The stream's head (NULL: no stream): the last row of the unique index (stream_name, stream_revision). */
export const STREAM_REVISION =
  'SELECT max(stream_revision)::text AS revision FROM events WHERE stream_name = $1';

export const READ_STREAM_FORWARDS = `SELECT ${EVENT_COLUMNS} FROM events
WHERE stream_name = $1 AND stream_revision >= $2 ORDER BY stream_revision LIMIT $3`;

export const READ_STREAM_BACKWARDS = `SELECT ${EVENT_COLUMNS} FROM events
WHERE stream_name = $1 AND stream_revision <= $2 ORDER BY stream_revision DESC LIMIT $3`;

const HEAD = `SELECT x.horizon, (SELECT transaction_id::text AS head_commit FROM events
    ORDER BY transaction_id DESC, position DESC LIMIT 1) AS head
  FROM (SELECT ${HORIZON} AS horizon) x`;

/** `(transaction_id, position) > ($1, $2)`: a row comparison, so the primary key gives a range scan. */
const AFTER = '(transaction_id, position) > ($1::xid8, $2::bigint)';

/**
 * One page of $all after a checkpoint ($1 commit, $2 prepare, exclusive; $3 limit), below the
 * horizon, with what a reader needs next: the `horizon` itself and the transaction id of the newest
 * visible row (`head`; at or above the horizon, committed rows wait behind an older open
 * transaction). Always one row at least, so these arrive with an empty page too.
 */
export const PAGE_SQL = `SELECT h.horizon::text AS horizon, h.head, e.* FROM (${HEAD}) h
LEFT JOIN LATERAL (
  SELECT ${EVENT_COLUMNS} FROM events
  WHERE transaction_id < h.horizon AND ${AFTER}
  ORDER BY transaction_id, position LIMIT $3
) e ON true`;

/**
 * The same page through a filter ($4 window, then the prefix and/or type arrays). The planner would
 * happily sort a sequential scan for a selective filter; instead the statement walks at most $4 rows
 * of the primary key in order (the window), keeps those that match, and says how far it got
 * (`scanned`, `last`) so the reader continues after the window instead of scanning it again.
 */
export function filteredPageSql(hasPrefixes: boolean, hasTypes: boolean): string {
  const conditions: string[] = [];
  if (hasPrefixes) conditions.push('w.sn LIKE ANY($5::text[])');
  if (hasTypes) conditions.push(`w.et = ANY($${hasPrefixes ? 6 : 5}::text[])`);
  return `WITH h AS (${HEAD}), w AS (
  SELECT transaction_id AS tx, position AS pos, stream_name AS sn, event_type AS et FROM events
  WHERE transaction_id < (SELECT horizon FROM h) AND ${AFTER}
  ORDER BY transaction_id, position LIMIT $4
)
SELECT h.horizon::text AS horizon, h.head, s.scanned, s.last, e.* FROM h
CROSS JOIN (SELECT count(*)::int AS scanned,
  (SELECT tx::text || '/' || pos::text FROM w ORDER BY tx DESC, pos DESC LIMIT 1) AS last FROM w) s
LEFT JOIN LATERAL (
  SELECT ${EVENT_COLUMNS} FROM w JOIN events ON transaction_id = w.tx AND position = w.pos
  WHERE ${conditions.join(' AND ')}
  ORDER BY w.tx, w.pos LIMIT $3
) e ON true`;
}
