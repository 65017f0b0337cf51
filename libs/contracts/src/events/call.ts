import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry.js';
import { TENANT_ID_PATTERN } from '../streams.js';
import {
  AgentId,
  CallId,
  DurationMs,
  Endpoint,
  MediaRef,
  OfferId,
  Party,
  StringEnum,
  Timestamp,
} from './shared.js';

// call-{callId}: channel facts written by the media bridge. The `…At` fields that were added after
// the first three events shipped are optional there (older events lack them; metadata.occurredAt is
// the same instant); every newer event carries them required.

export const CallArrived = defineEvent(
  'CallArrived',
  'call',
  Type.Object(
    {
      callId: CallId,
      tenantId: Type.String({ pattern: TENANT_ID_PATTERN }),
      dialledNumber: Type.String({ minLength: 1, maxLength: 64 }),
      callerNumber: Type.String({ maxLength: 64 }),
      callerName: Type.Optional(Type.String({ maxLength: 128 })),
      mediaNode: Type.String({ minLength: 1, maxLength: 64 }),
      arrivedAt: Type.Optional(Timestamp),
      /** Result of caller-id screening at arrival (DESIGN §8); absent when screening is off. */
      callerIdScreening: Type.Optional(StringEnum(['passed', 'withheld', 'invalid', 'flagged', 'blocked'])),
    },
    { additionalProperties: false },
  ),
  ['callerNumber', 'callerName'],
);

export const CallAnswered = defineEvent(
  'CallAnswered',
  'call',
  Type.Object({ callId: CallId, answeredAt: Type.Optional(Timestamp) }, { additionalProperties: false }),
);

/** The caller's leg was bridged to an agent's leg (the agent picked up). */
export const CallBridged = defineEvent(
  'CallBridged',
  'call',
  Type.Object(
    {
      callId: CallId,
      agentId: AgentId,
      /** FreeSWITCH uuid of the agent's leg. */
      agentLegId: Type.String({ format: 'uuid' }),
      endpoint: Endpoint,
      /** The ACD offer this bridge executes, when the bridge was made for one. */
      offerId: Type.Optional(OfferId),
      bridgedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

export const CallUnbridged = defineEvent(
  'CallUnbridged',
  'call',
  Type.Object(
    {
      callId: CallId,
      agentId: AgentId,
      agentLegId: Type.String({ format: 'uuid' }),
      unbridgedAt: Timestamp,
      /** unbridgedAt − bridgedAt, hold included. */
      bridgedMs: DurationMs,
      /** Which side ended the bridge; `system` for transfers and media commands. */
      by: Party,
    },
    { additionalProperties: false },
  ),
);

export const CallHeld = defineEvent(
  'CallHeld',
  'call',
  Type.Object(
    { callId: CallId, heldAt: Timestamp, by: StringEnum(['agent', 'system']) },
    { additionalProperties: false },
  ),
);

export const CallResumed = defineEvent(
  'CallResumed',
  'call',
  Type.Object(
    {
      callId: CallId,
      resumedAt: Timestamp,
      /** Length of the hold that ends here: summed per contact into hold time (AHT). */
      heldMs: DurationMs,
    },
    { additionalProperties: false },
  ),
);

/** Recording paths point at a caller's voice: personal. */
export const CallRecordingStarted = defineEvent(
  'CallRecordingStarted',
  'call',
  Type.Object(
    {
      callId: CallId,
      recordingId: Type.String({ format: 'uuid' }),
      path: MediaRef,
      startedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
  ['path'],
);

export const CallRecordingStopped = defineEvent(
  'CallRecordingStopped',
  'call',
  Type.Object(
    {
      callId: CallId,
      recordingId: Type.String({ format: 'uuid' }),
      path: MediaRef,
      stoppedAt: Timestamp,
      durationMs: DurationMs,
      reason: StringEnum(['requested', 'hangup', 'error']),
    },
    { additionalProperties: false },
  ),
  ['path'],
);

export const CallHungUp = defineEvent(
  'CallHungUp',
  'call',
  Type.Object(
    {
      callId: CallId,
      /** FreeSWITCH hang-up cause, e.g. NORMAL_CLEARING, or a Hotline cause such as MEDIA_NODE_RESTARTED. */
      cause: Type.String({ minLength: 1, maxLength: 64 }),
      by: Party,
      hungUpAt: Type.Optional(Timestamp),
      /** SIP status of the hang-up where FreeSWITCH reports one (e.g. 486). */
      sipStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 699 })),
    },
    { additionalProperties: false },
  ),
);

export const callEvents = [
  CallArrived,
  CallAnswered,
  CallBridged,
  CallUnbridged,
  CallHeld,
  CallResumed,
  CallRecordingStarted,
  CallRecordingStopped,
  CallHungUp,
] as const;
