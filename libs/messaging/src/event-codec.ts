import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import {
  EventIdSchema,
  EventMetadataSchema,
  ValidationError,
  categoryOf,
  parsePosition,
  positionToString,
  type RecordedEvent,
  type ValidationIssue,
} from '@hotline/contracts';
import { SubjectInvalidError } from './errors.js';
import { decodeJson, encodeJson, issuesOf } from './json.js';
import { isSubjectToken } from './subjects.js';

// How a Hotline event travels through JetStream; the relay encodes, consumers decode, both here.

export const DEFAULT_EVENT_SUBJECT_PREFIX = 'hl';

/** Headers every event message carries; `Nats-Msg-Id` (the event id) is JetStream's dedupe key. */
export const EventHeaders = {
  msgId: 'Nats-Msg-Id',
  type: 'Hotline-Event-Type',
  stream: 'Hotline-Stream',
  revision: 'Hotline-Stream-Revision',
  position: 'Hotline-Position',
} as const;

/** `{prefix}.evt.{tenant}.{category}.{type}`: consumers filter by tenant, category or type. */
export function eventSubject(
  prefix: string,
  event: Pick<RecordedEvent, 'type' | 'streamName' | 'metadata'>,
): string {
  const tokens = [event.metadata.tenantId, categoryOf(event.streamName), event.type];
  for (const token of tokens) {
    if (!isSubjectToken(token)) {
      throw new SubjectInvalidError(
        `event ${event.type} in ${event.streamName}: ${JSON.stringify(token)} is not a subject token`,
      );
    }
  }
  return `${prefix}.evt.${tokens.join('.')}`;
}

/** Filter subject for a consumer; leave a part out to match all (`hl.evt.*.call.*`). */
export function eventFilterSubject(
  prefix: string,
  filter: { tenant?: string; category?: string; type?: string } = {},
): string {
  return `${prefix}.evt.${filter.tenant ?? '*'}.${filter.category ?? '*'}.${filter.type ?? '*'}`;
}

export interface EncodedEvent {
  subject: string;
  data: Uint8Array;
  headers: MsgHdrs;
  msgId: string;
}

/** Body = the RecordedEvent as JSON, bigints of the position as decimal strings. */
export function encodeEvent(prefix: string, event: RecordedEvent): EncodedEvent {
  const position = positionToString(event.globalPosition);
  const body = {
    id: event.id,
    type: event.type,
    streamName: event.streamName,
    streamRevision: event.streamRevision,
    globalPosition: {
      commit: event.globalPosition.commit.toString(),
      prepare: event.globalPosition.prepare.toString(),
    },
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
  const h = natsHeaders();
  h.set(EventHeaders.msgId, event.id);
  h.set(EventHeaders.type, event.type);
  h.set(EventHeaders.stream, event.streamName);
  h.set(EventHeaders.revision, String(event.streamRevision));
  h.set(EventHeaders.position, position);
  return { subject: eventSubject(prefix, event), data: encodeJson(body), headers: h, msgId: event.id };
}

const Bigint = Type.String({ pattern: '^(-1|\\d{1,20})$' });
const WireEvent = Type.Object(
  {
    id: EventIdSchema,
    type: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,127}$' }),
    streamName: Type.String({ minLength: 3, maxLength: 512 }),
    streamRevision: Type.Integer({ minimum: 0 }),
    globalPosition: Type.Object({ commit: Bigint, prepare: Bigint }, { additionalProperties: false }),
    data: Type.Unknown(),
    metadata: EventMetadataSchema,
    recordedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
const wireCheck = TypeCompiler.Compile(WireEvent);

/** A message on an event subject that is not a well-formed Hotline event. */
export class EventMessageInvalidError extends ValidationError {
  constructor(message: string, issues: readonly ValidationIssue[]) {
    super('EVENT_MESSAGE_INVALID', message, issues);
  }
}

/**
 * Decodes and checks an event message: the body against the envelope schema and the headers
 * against the body (a mismatch means someone other than the relay published it). `data` stays
 * `unknown`: its shape is the handler's to check against the catalogue.
 */
export function decodeEvent(msg: { data: Uint8Array; headers?: MsgHdrs | undefined }): RecordedEvent {
  const decoded = decodeJson(msg.data);
  if (!decoded.ok) throw new EventMessageInvalidError('event message body is not JSON', [decoded.issue]);
  const body = decoded.value;
  if (!wireCheck.Check(body)) {
    throw new EventMessageInvalidError('event message body is not an event', issuesOf(wireCheck, body));
  }
  const globalPosition = parsePosition(`${body.globalPosition.commit}/${body.globalPosition.prepare}`);
  const expected: Record<string, string> = {
    [EventHeaders.msgId]: body.id,
    [EventHeaders.type]: body.type,
    [EventHeaders.stream]: body.streamName,
    [EventHeaders.revision]: String(body.streamRevision),
    [EventHeaders.position]: positionToString(globalPosition),
  };
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(expected)) {
    const actual = msg.headers?.get(name) ?? '';
    if (actual !== value)
      issues.push({ path: `header:${name}`, message: `expected ${value}, got ${JSON.stringify(actual)}` });
  }
  if (issues.length > 0)
    throw new EventMessageInvalidError('event message headers do not match its body', issues);
  return {
    id: body.id,
    type: body.type,
    streamName: body.streamName,
    streamRevision: body.streamRevision,
    globalPosition,
    data: body.data,
    metadata: body.metadata,
    recordedAt: new Date(body.recordedAt),
  };
}
