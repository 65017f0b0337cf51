import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry.js';
import {
  AgentId,
  AgentSkill,
  CallId,
  DurationMs,
  Endpoint,
  OfferId,
  QueueId,
  ReasonCode,
  StringEnum,
  Timestamp,
} from './shared.js';

// agent-{tenant}.{agentId}: written by the ACD. An agent's state is logged-out, available,
// not-ready (with a reason code), reserved, on-call or wrap-up; AgentStatusChanged records the
// states the agent (or a policy) chooses, the other events the states routing moves the agent
// through. Each carries its instant so state time per reason code is exact (METRICS.md).
// The ACD reserves an agent with the stream's expected revision, so two instances can never both
// offer one agent a call.

export const AGENT_SKILLS_MAX = 64;

export const AgentRegistered = defineEvent(
  'AgentRegistered',
  'agent',
  Type.Object(
    {
      agentId: AgentId,
      /** The agent's name as shown on wallboards: personal. */
      displayName: Type.String({ minLength: 1, maxLength: 128 }),
      /** Default SIP endpoint, used when a login does not name one. */
      endpoint: Type.Optional(Endpoint),
      skills: Type.Array(AgentSkill, { maxItems: AGENT_SKILLS_MAX }),
    },
    { additionalProperties: false },
  ),
  ['displayName'],
);

export const AgentSkillsChanged = defineEvent(
  'AgentSkillsChanged',
  'agent',
  Type.Object(
    {
      agentId: AgentId,
      /** The complete new skill set (not a diff), each with its proficiency. */
      skills: Type.Array(AgentSkill, { maxItems: AGENT_SKILLS_MAX }),
    },
    { additionalProperties: false },
  ),
);

/** Starts a login session; the agent is not-ready until an AgentStatusChanged says otherwise. */
export const AgentLoggedIn = defineEvent(
  'AgentLoggedIn',
  'agent',
  Type.Object(
    { agentId: AgentId, endpoint: Endpoint, loggedInAt: Timestamp },
    { additionalProperties: false },
  ),
);

export const AgentStatusChanged = defineEvent(
  'AgentStatusChanged',
  'agent',
  Type.Object(
    {
      agentId: AgentId,
      /** `logged-out` ends the login session. */
      status: StringEnum(['available', 'not-ready', 'logged-out']),
      /** Required by the ACD when status is not-ready (e.g. `break`, or `missed-offer` set by policy). */
      reasonCode: Type.Optional(ReasonCode),
      /** Who changed it: the agent, a supervisor, or a policy (ring-no-answer, wrap-up end, logout on idle). */
      by: StringEnum(['agent', 'supervisor', 'system']),
      changedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
  [],
  // Reports group not-ready time by reason code, so a not-ready without one would be unreportable.
  (data) =>
    (data.status === 'not-ready') === (data.reasonCode !== undefined)
      ? []
      : [{ path: '/reasonCode', message: 'required exactly when status is not-ready' }],
);

/** The agent is held for one offer (available → reserved). */
export const AgentReserved = defineEvent(
  'AgentReserved',
  'agent',
  Type.Object(
    { agentId: AgentId, callId: CallId, queueId: QueueId, offerId: OfferId, reservedAt: Timestamp },
    { additionalProperties: false },
  ),
);

/** The agent answered the offer (reserved → on-call). */
export const AgentAnswered = defineEvent(
  'AgentAnswered',
  'agent',
  Type.Object(
    {
      agentId: AgentId,
      callId: CallId,
      queueId: QueueId,
      offerId: OfferId,
      answeredAt: Timestamp,
      /** answeredAt − reservedAt: how long the agent's phone rang. */
      ringMs: DurationMs,
    },
    { additionalProperties: false },
  ),
);

/** The offer ended without an answer (reserved → whatever status follows). */
export const AgentMissedOffer = defineEvent(
  'AgentMissedOffer',
  'agent',
  Type.Object(
    {
      agentId: AgentId,
      callId: CallId,
      queueId: QueueId,
      offerId: OfferId,
      reason: StringEnum(['no-answer', 'rejected', 'busy', 'not-registered', 'failed', 'caller-abandoned']),
      /** Misses in a row, including this one: what the queue's max-no-answer policy is checked against. */
      consecutiveMisses: Type.Integer({ minimum: 1, maximum: 1000 }),
      missedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

export const AgentWrapUpStarted = defineEvent(
  'AgentWrapUpStarted',
  'agent',
  Type.Object(
    {
      agentId: AgentId,
      callId: CallId,
      queueId: QueueId,
      startedAt: Timestamp,
      /** The queue's wrap-up time: wrap-up ends by itself after this; absent = until the agent ends it. */
      limitMs: Type.Optional(DurationMs),
    },
    { additionalProperties: false },
  ),
);

export const AgentWrapUpEnded = defineEvent(
  'AgentWrapUpEnded',
  'agent',
  Type.Object(
    {
      agentId: AgentId,
      callId: CallId,
      queueId: QueueId,
      startedAt: Timestamp,
      endedAt: Timestamp,
      wrapUpMs: DurationMs,
      endedBy: StringEnum(['agent', 'timeout', 'system']),
    },
    { additionalProperties: false },
  ),
);

export const agentEvents = [
  AgentRegistered,
  AgentSkillsChanged,
  AgentLoggedIn,
  AgentStatusChanged,
  AgentReserved,
  AgentAnswered,
  AgentMissedOffer,
  AgentWrapUpStarted,
  AgentWrapUpEnded,
] as const;
