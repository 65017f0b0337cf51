import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { ENTITY_ID_PATTERN, TENANT_ID_PATTERN } from '../streams.js';

// Building blocks shared by more than one stream's events. Every string is bounded so a payload's
// size is bounded by its schema; every instant a metric needs is an ISO 8601 string and every
// duration an integer number of milliseconds, so METRICS.md can be computed from events alone.

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K] & string> };

/** A union of string literals, so the static type is the precise union (e.g. `'match' | 'invalid'`). */
export function StringEnum<const T extends readonly [string, ...string[]]>(values: T): TUnion<Literals<T>> {
  // TypeBox cannot infer a mapped tuple through Array.map; the shape is exactly Literals<T>.
  return Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<Literals<T>>;
}

export const CallId = Type.String({ format: 'uuid' });
export const TenantId = Type.String({ pattern: TENANT_ID_PATTERN });
/** Agent, queue, flow and flow-node ids (chosen by the tenant). */
export const EntityId = Type.String({ pattern: ENTITY_ID_PATTERN });
export const AgentId = EntityId;
export const QueueId = EntityId;
export const FlowId = EntityId;
/** One offer of one contact to one agent; ties the contact, agent and call streams together. */
export const OfferId = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });

/** 30 days: no wait, talk or hold time in a call center comes near it; a bigger value is a bug. */
export const MAX_DURATION_MS = 30 * 24 * 3600 * 1000;
export const DurationMs = Type.Integer({ minimum: 0, maximum: MAX_DURATION_MS });

/** Contact and queue priority: higher is served first (ties by age). */
export const Priority = Type.Integer({ minimum: 0, maximum: 100 });

export const SKILL_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
export const SkillName = Type.String({ pattern: SKILL_PATTERN });
/** Proficiency on a 1–10 scale; tenants that use 1–5 simply never go above 5. */
export const Proficiency = Type.Integer({ minimum: 1, maximum: 10 });

export const AgentSkill = Type.Object(
  { skill: SkillName, proficiency: Proficiency },
  { additionalProperties: false },
);
export type AgentSkill = Static<typeof AgentSkill>;

export const SkillRequirement = Type.Object(
  { skill: SkillName, minProficiency: Proficiency },
  { additionalProperties: false },
);
export type SkillRequirement = Static<typeof SkillRequirement>;
export const SkillRequirements = Type.Array(SkillRequirement, { maxItems: 32 });

/** Not-ready reason codes are tenant-defined (`break`, `lunch`, …) plus system ones (`missed-offer`). */
export const REASON_CODE_PATTERN = '^[a-z0-9][a-z0-9_-]{0,31}$';
export const ReasonCode = Type.String({ pattern: REASON_CODE_PATTERN });

/** A dialable address: E.164 number, extension or SIP URI. */
export const Address = Type.String({ minLength: 1, maxLength: 256 });
/** A registered SIP endpoint (agent softphone contact or AOR). */
export const Endpoint = Type.String({ minLength: 1, maxLength: 256 });
/** A media reference: a file on the media node, `local_stream://…`, a tone spec. */
export const MediaRef = Type.String({ minLength: 1, maxLength: 512 });

/** Who ended or caused something on the phone side. */
export const Party = StringEnum(['caller', 'agent', 'system', 'unknown']);
export type Party = Static<typeof Party>;

/** Where a contact is sent when it leaves a queue other than to an agent. */
export const RouteTarget = Type.Union([
  Type.Object({ kind: Type.Literal('queue'), queueId: QueueId }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('agent'), agentId: AgentId }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('flow'), flowId: FlowId }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('external'), address: Address }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('voicemail') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('hangup') }, { additionalProperties: false }),
]);
export type RouteTarget = Static<typeof RouteTarget>;
