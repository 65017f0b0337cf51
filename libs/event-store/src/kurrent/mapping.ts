import {
  HotlineError,
  START,
  ValidationError,
  comparePositions,
  isEventMetadata,
  parseStreamName,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
} from '@hotline/contracts';
import {
  ANY,
  NO_STREAM,
  START as KURRENT_START,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendStreamState,
  type EventData,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import type { EventFilter, ExpectedRevision } from '../port.js';

// Pure translations between the port's shapes and the KurrentDB client's; no I/O here.

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** `after` is exclusive in the port; START (or nothing) means the beginning of $all. */
export function toReadPosition(after: GlobalPosition | undefined): ReadPosition {
  if (after === undefined || comparePositions(after, START) === 0) return KURRENT_START;
  if (after.commit < 0n || after.prepare < 0n) {
    throw new ValidationError('POSITION_INVALID', 'a global position is START or two non-negative numbers', [
      { path: 'after', message: `${after.commit}/${after.prepare}` },
    ]);
  }
  return { commit: after.commit, prepare: after.prepare };
}

export function toGlobalPosition(position: Position): GlobalPosition {
  return { commit: BigInt(position.commit), prepare: BigInt(position.prepare) };
}

/**
 * KurrentDB's own projections ($by_correlation_id) read `$correlationId` / `$causationId` from the
 * metadata, so we write them too; on read every `$` key is dropped again, so metadata round-trips.
 */
export function toKurrentEvent(event: NewEvent): EventData {
  const { correlationId, causationId } = event.metadata;
  const metadata: Record<string, unknown> = { ...event.metadata };
  if (correlationId !== undefined) metadata.$correlationId = correlationId;
  if (causationId !== undefined) metadata.$causationId = causationId;
  return jsonEvent({
    // KurrentDB reads ids back in lower case; writing them so keeps retries and reads consistent.
    id: event.id.toLowerCase(),
    type: event.type,
    data: event.data as JSONType,
    metadata,
  });
}

/** The part of a KurrentDB recorded event the mapping reads (the client's type is a wide union). */
export interface KurrentRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

function corrupt(record: KurrentRecord, why: string): HotlineError {
  return new HotlineError(
    'EVENT_RECORD_CORRUPT',
    'internal',
    `event ${record.id} in ${record.streamId} (revision ${record.revision}): ${why}`,
  );
}

/**
 * The stream name a caller of this store knows, or undefined when the record is not one of this
 * store's events: outside its prefix, a system stream or event (`$…`), or not a Hotline stream at
 * all (another application sharing the server).
 */
export function logicalStreamName(streamId: string, type: string, streamPrefix: string): string | undefined {
  if (!streamId.startsWith(streamPrefix) || type.startsWith('$')) return undefined;
  const name = streamId.slice(streamPrefix.length);
  if (name.startsWith('$')) return undefined;
  try {
    parseStreamName(name);
    return name;
  } catch {
    return undefined;
  }
}

/** Maps a record of one of our streams; a record we wrote that no longer parses is an error, never skipped. */
export function toRecordedEvent(record: KurrentRecord, streamName: string): RecordedEvent {
  if (!record.isJson) throw corrupt(record, 'not a JSON event');
  if (record.position === undefined) throw corrupt(record, 'the server sent no log position');
  if (typeof record.metadata !== 'object' || record.metadata === null || Array.isArray(record.metadata)) {
    throw corrupt(record, 'metadata is not a JSON object');
  }
  const metadata = Object.fromEntries(
    Object.entries(record.metadata).filter(([key]) => !key.startsWith('$')),
  );
  if (!isEventMetadata(metadata)) throw corrupt(record, 'metadata is not Hotline event metadata');
  const revision = Number(record.revision);
  if (!Number.isSafeInteger(revision) || revision < 0) throw corrupt(record, 'revision out of range');
  return {
    id: record.id,
    type: record.type,
    data: record.data,
    metadata,
    streamName,
    streamRevision: revision,
    globalPosition: toGlobalPosition(record.position),
    recordedAt: record.created,
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface FilterPlan {
  /** The filter KurrentDB applies; it can filter on stream names or on types, not both. */
  server: Filter;
  /** Applied to every record the server sends: the other half of the filter and the system events. */
  accepts(logicalStream: string, type: string): boolean;
}

/**
 * Stream prefixes go to the server when given (prefixed with the store's own), else event types as
 * an exact-match regex (the server's type prefixes would let `ContactQueued` match
 * `ContactQueuedV2`), else the store's prefix, else just "no system events". An empty list means no
 * condition, like an absent one.
 */
export function planFilter(filter: EventFilter | undefined, streamPrefix: string): FilterPlan {
  const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : undefined;
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : undefined;
  let server: Filter;
  if (prefixes) server = streamNameFilter({ prefixes: prefixes.map((p) => streamPrefix + p) });
  else if (types) server = eventTypeFilter({ regex: `^(?:${[...types].map(escapeRegex).join('|')})$` });
  else if (streamPrefix) server = streamNameFilter({ prefixes: [streamPrefix] });
  else server = excludeSystemEvents();
  return {
    server,
    accepts: (stream, type) =>
      !type.startsWith('$') &&
      (prefixes === undefined || prefixes.some((p) => stream.startsWith(p))) &&
      (types === undefined || types.has(type)),
  };
}
