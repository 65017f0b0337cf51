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
 * One statement appends a whole batch (one append per stream) in its own transaction: advance the
 * streams whose expected revision holds (-3 any, -2 exists, -1 no-stream, n), create the missing
 * ones that may be created, insert the events of those appends in batch order (so positions follow
 * revisions) and report each stream's new revision and last position. The UPDATE is the optimistic
 * check: it locks the row, and under a concurrent writer re-checks the condition on the committed
 * row. Appends missing from the result failed their check; the caller decides them one by one.
 *
 * $1 stream names, $2 expected revisions, $3 event counts (one entry per append);
 * $4 event ids, $5 stream names, $6 distance from the append's last event, $7 types, $8 data,
 * $9 metadata (one entry per event).
 */
export const APPEND_BATCH = `
WITH req AS (
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[]) AS r(stream_name, expected, cnt)
), updated AS (
  UPDATE streams s SET revision = s.revision + r.cnt FROM req r
  WHERE s.stream_name = r.stream_name AND r.expected <> -1 AND (r.expected < 0 OR s.revision = r.expected)
  RETURNING s.stream_name, s.revision
), created AS (
  INSERT INTO streams (stream_name, revision)
  SELECT r.stream_name, r.cnt - 1 FROM req r
  WHERE r.expected IN (-1, -3) AND NOT EXISTS (SELECT 1 FROM streams s WHERE s.stream_name = r.stream_name)
  ORDER BY r.stream_name
  ON CONFLICT DO NOTHING
  RETURNING stream_name, revision
), done AS (
  SELECT * FROM updated UNION ALL SELECT * FROM created
), ins AS (
  INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata)
  SELECT e.event_id, e.stream_name, d.revision - e.from_end, e.event_type, e.data, e.metadata
  FROM unnest($4::uuid[], $5::text[], $6::int[], $7::text[], $8::jsonb[], $9::jsonb[]) WITH ORDINALITY
    AS e(event_id, stream_name, from_end, event_type, data, metadata, ord)
  JOIN done d USING (stream_name)
  ORDER BY e.ord
  RETURNING stream_name, position
)
SELECT i.stream_name, d.revision::text AS revision, max(i.position)::text AS position,
  pg_current_xact_id()::text AS commit
FROM ins i JOIN done d USING (stream_name)
GROUP BY i.stream_name, d.revision`;

export const FIND_EVENT_IDS = `SELECT event_id, stream_name, stream_revision::text AS stream_revision,
  transaction_id::text AS commit, position::text AS prepare
FROM events WHERE event_id = ANY($1::uuid[])`;

export const STREAM_REVISION = 'SELECT revision::text AS revision FROM streams WHERE stream_name = $1';

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
