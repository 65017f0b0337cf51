import type { EventMetadata, GlobalPosition, RecordedEvent } from '@hotline/contracts';
import type { AppendResult, EventFilter, ExpectedRevision } from '../port.js';

/** A row selected with EVENT_COLUMNS (bigints arrive as text, so nothing loses precision). */
export interface EventRow {
  commit: string;
  prepare: string;
  event_id: string;
  stream_name: string;
  /** Not `stream_revision`: the text alias would make ORDER BY stream_revision sort as text. */
  revision: string;
  event_type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

export function rowToEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    streamRevision: Number(row.revision),
    globalPosition: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
    recordedAt: row.recorded_at,
  };
}

/** Expected revision as the batch statement's bigint: -3 any, -2 exists, -1 no-stream, else n. */
export function encodeExpected(expected: ExpectedRevision): number {
  switch (expected) {
    case 'any':
      return -3;
    case 'exists':
      return -2;
    case 'no-stream':
      return -1;
    default:
      return expected;
  }
}

/** Whether a stream at `actual` satisfies `expected` (the same rule the batch statement applies). */
export function revisionMatches(expected: ExpectedRevision, actual: number | 'no-stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'exists':
      return actual !== 'no-stream';
    case 'no-stream':
      return actual === 'no-stream';
    default:
      return actual === expected;
  }
}

/** `call-` → `call-%` with LIKE's own wildcards escaped, so a prefix is only ever a prefix. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Parameters after ($commit, $prepare, $limit) for readAllSql/pollSql, and which filters are on. */
export function filterParams(filter: EventFilter | undefined): {
  hasPrefixes: boolean;
  hasTypes: boolean;
  values: string[][];
} {
  // An empty list is no constraint on that dimension (as if it were left out), not "match nothing".
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  const hasPrefixes = prefixes.length > 0;
  const hasTypes = types.length > 0;
  const values: string[][] = [];
  if (hasPrefixes) values.push(prefixes.map(likePrefix));
  if (hasTypes) values.push([...types]);
  return { hasPrefixes, hasTypes, values };
}

/** The checkpoint as statement parameters; START (-1/-1) becomes a pair below every real row. */
export function positionParams(after: GlobalPosition | undefined): [string, string] {
  if (!after || after.commit < 0n) return ['0', '0'];
  return [after.commit.toString(), after.prepare.toString()];
}

/** A row of APPEND_BATCH: one written append, its new revision and last position. */
export interface BatchRow {
  stream_name: string;
  revision: string;
  position: string;
  commit: string;
}

export function batchRowToResult(row: BatchRow): AppendResult {
  return {
    nextExpectedRevision: Number(row.revision),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.position) },
  };
}
