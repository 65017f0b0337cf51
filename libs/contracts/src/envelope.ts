import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import './formats.js';
import { TENANT_ID_PATTERN } from './streams.js';
import { UUID_PATTERN } from './ids.js';
import type { GlobalPosition } from './position.js';

export const EventMetadataSchema = Type.Object(
  {
    tenantId: Type.String({ pattern: TENANT_ID_PATTERN }),
    /** The call id where there is one: ties every stream of one call together. */
    correlationId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** Id of the event or command that caused this event. */
    causationId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** Who did it: `service:acd`, `user:{keyId}`, `agent:{agentId}`, `system`. */
    actor: Type.String({ minLength: 1, maxLength: 128 }),
    /** When it happened in the domain (ISO 8601, UTC); the store records its own time too. */
    occurredAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type EventMetadata = Static<typeof EventMetadataSchema>;

const metadataCheck = TypeCompiler.Compile(EventMetadataSchema);
/** For adapters reading metadata back from storage, without depending on TypeBox themselves. */
export function isEventMetadata(value: unknown): value is EventMetadata {
  return metadataCheck.Check(value);
}

export const EventIdSchema = Type.String({ pattern: UUID_PATTERN });

/** An event about to be appended. `id` is its idempotency key. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  readonly id: string;
  readonly type: TType;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

/** An event as read back from the store. */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<
  TType,
  TData
> {
  readonly streamName: string;
  /** 0-based revision of the event in its stream. */
  readonly streamRevision: number;
  readonly globalPosition: GlobalPosition;
  /** When the store recorded it. */
  readonly recordedAt: Date;
}
