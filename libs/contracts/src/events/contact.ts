import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry.js';
import {
  Address,
  AgentId,
  CallId,
  DurationMs,
  OfferId,
  Party,
  Priority,
  QueueId,
  RouteTarget,
  SkillRequirements,
  StringEnum,
  Timestamp,
} from './shared.js';

// contact-{callId}: the routing record, written by the ACD. A contact has one leg per queue entry
// (ContactQueued); a transfer or overflow into another queue starts the next leg. The events that
// METRICS.md counts carry the queue and the instants and waits they are computed from, so a
// projection never has to join streams to attribute a count or a duration:
//   Q  = ContactQueued (interval of queuedAt)            A = ContactConnected (interval of connectedAt)
//   Ab = ContactAbandoned (interval of abandonedAt)      F = ContactOverflowed
//   ASA = Σ ContactConnected.waitMs / A                  AHT = Σ(talk+hold+wrap-up) of ContactWrapUpDone

/** The fields that name one offer of this contact to one agent. */
const offer = { callId: CallId, queueId: QueueId, offerId: OfferId, agentId: AgentId };

const queueWait = {
  /** When this leg entered the queue; unchanged by offers that failed (the caller keeps its place). */
  queuedAt: Timestamp,
  /** Milliseconds from queuedAt to this event's instant: queue time only, IVR time excluded. */
  waitMs: DurationMs,
};

export const ContactQueued = defineEvent(
  'ContactQueued',
  'contact',
  Type.Object(
    {
      callId: CallId,
      queueId: QueueId,
      /** 1 for the first queue entry of the contact, +1 for each transfer/overflow into a queue. */
      leg: Type.Integer({ minimum: 1, maximum: 100 }),
      priority: Priority,
      skillRequirements: SkillRequirements,
      source: StringEnum(['ivr', 'transfer', 'overflow', 'api']),
      queuedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

export const ContactOffered = defineEvent(
  'ContactOffered',
  'contact',
  Type.Object(
    {
      ...offer,
      offeredAt: Timestamp,
      /** The queue's ring timeout at offer time: when the offer times out if nobody answers. */
      ringTimeoutMs: DurationMs,
    },
    { additionalProperties: false },
  ),
);

export const ContactOfferDeclined = defineEvent(
  'ContactOfferDeclined',
  'contact',
  Type.Object(
    {
      ...offer,
      /** `rejected` by the agent; the others are what the bridge reported for the agent's endpoint. */
      reason: StringEnum(['rejected', 'busy', 'not-registered', 'failed']),
      declinedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

export const ContactOfferTimedOut = defineEvent(
  'ContactOfferTimedOut',
  'contact',
  Type.Object(
    {
      ...offer,
      timedOutAt: Timestamp,
      ringMs: DurationMs,
    },
    { additionalProperties: false },
  ),
);

/** The agent answered: this is "answered" (A) for the queue, attributed to connectedAt. */
export const ContactConnected = defineEvent(
  'ContactConnected',
  'contact',
  Type.Object(
    {
      ...offer,
      connectedAt: Timestamp,
      ...queueWait,
    },
    { additionalProperties: false },
  ),
);

export const ContactTransferred = defineEvent(
  'ContactTransferred',
  'contact',
  Type.Object(
    {
      callId: CallId,
      queueId: QueueId,
      /** The agent who transferred; absent for a transfer made by the system. */
      agentId: Type.Optional(AgentId),
      target: RouteTarget,
      transferredAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

/** The caller hung up while waiting (or while an agent was ringing): Ab, attributed to abandonedAt. */
export const ContactAbandoned = defineEvent(
  'ContactAbandoned',
  'contact',
  Type.Object(
    {
      callId: CallId,
      queueId: QueueId,
      abandonedAt: Timestamp,
      ...queueWait,
      /** Set when an offer was ringing at the time: that offer ends with this event. */
      offerId: Type.Optional(OfferId),
    },
    { additionalProperties: false },
  ),
);

/** The contact flowed out of its queue (F); a ContactQueued follows when the target is a queue. */
export const ContactOverflowed = defineEvent(
  'ContactOverflowed',
  'contact',
  Type.Object(
    {
      callId: CallId,
      queueId: QueueId,
      reason: StringEnum(['max-wait', 'no-agents', 'queue-deleted']),
      target: RouteTarget,
      overflowedAt: Timestamp,
      ...queueWait,
    },
    { additionalProperties: false },
  ),
);

/**
 * The caller accepted a callback and hung up; the contact keeps its place (queuedAt) and is routed
 * like any other, its "answer" being the callback. The number is personal.
 */
export const ContactCallbackRequested = defineEvent(
  'ContactCallbackRequested',
  'contact',
  Type.Object(
    { callId: CallId, queueId: QueueId, callbackNumber: Address, requestedAt: Timestamp, ...queueWait },
    { additionalProperties: false },
  ),
  ['callbackNumber'],
);

export const ContactCallbackDialled = defineEvent(
  'ContactCallbackDialled',
  'contact',
  Type.Object(
    {
      callId: CallId,
      queueId: QueueId,
      agentId: AgentId,
      offerId: OfferId,
      /** The outbound call placed for the callback (its own call- stream). */
      outboundCallId: CallId,
      attempt: Type.Integer({ minimum: 1, maximum: 20 }),
      dialledAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

/** The conversation with the agent ended. talkMs + holdMs = completedAt − connectedAt. */
export const ContactCompleted = defineEvent(
  'ContactCompleted',
  'contact',
  Type.Object(
    {
      callId: CallId,
      queueId: QueueId,
      agentId: AgentId,
      connectedAt: Timestamp,
      completedAt: Timestamp,
      talkMs: DurationMs,
      holdMs: DurationMs,
      endedBy: Party,
    },
    { additionalProperties: false },
  ),
);

/** Wrap-up ended: the contact is handled, attributed to wrapUpEndedAt with its whole handle time. */
export const ContactWrapUpDone = defineEvent(
  'ContactWrapUpDone',
  'contact',
  Type.Object(
    {
      callId: CallId,
      queueId: QueueId,
      agentId: AgentId,
      wrapUpStartedAt: Timestamp,
      wrapUpEndedAt: Timestamp,
      talkMs: DurationMs,
      holdMs: DurationMs,
      wrapUpMs: DurationMs,
      /** The agent's disposition code for the contact, when the tenant uses them. */
      disposition: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      endedBy: StringEnum(['agent', 'timeout', 'system']),
    },
    { additionalProperties: false },
  ),
);

export const contactEvents = [
  ContactQueued,
  ContactOffered,
  ContactOfferDeclined,
  ContactOfferTimedOut,
  ContactConnected,
  ContactTransferred,
  ContactAbandoned,
  ContactOverflowed,
  ContactCallbackRequested,
  ContactCallbackDialled,
  ContactCompleted,
  ContactWrapUpDone,
] as const;
