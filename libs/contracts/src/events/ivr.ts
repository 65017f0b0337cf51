import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry.js';
import {
  Address,
  CallId,
  DurationMs,
  EntityId,
  FlowId,
  MediaRef,
  Priority,
  QueueId,
  SkillRequirements,
  StringEnum,
  Timestamp,
} from './shared.js';

// ivr-{callId}: one IVR session per call, written by the IVR runtime. The stream is the session
// state: an instance that takes over a session whose owner died replays it and re-enters the
// current node, so every step that changes what happens next is an event here.

const NodeId = EntityId;
export const IVR_NODE_TYPES = [
  'play',
  'say',
  'menu',
  'collect',
  'branch',
  'set',
  'http',
  'schedule',
  'enqueue',
  'transfer',
  'voicemail',
  'hangup',
] as const;
const NodeType = StringEnum(IVR_NODE_TYPES);
export const VARIABLE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_.]{0,63}$';

export const IvrSessionStarted = defineEvent(
  'IvrSessionStarted',
  'ivr',
  Type.Object(
    {
      callId: CallId,
      flowId: FlowId,
      /** The published version the session runs, for its whole life (a publish mid-call changes nothing). */
      flowVersion: Type.Integer({ minimum: 1 }),
      /** The tenant's number that selected the flow. */
      dialledNumber: Type.String({ minLength: 1, maxLength: 64 }),
      startedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

export const IvrNodeEntered = defineEvent(
  'IvrNodeEntered',
  'ivr',
  Type.Object(
    {
      callId: CallId,
      nodeId: NodeId,
      nodeType: NodeType,
      /** The previous node's outcome branch that led here; absent for the entry node. */
      via: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      /** True when a new owner re-enters the node after the previous one died mid-node. */
      reentry: Type.Optional(Type.Boolean()),
      enteredAt: Timestamp,
    },
    { additionalProperties: false },
  ),
);

export const IvrPromptPlayed = defineEvent(
  'IvrPromptPlayed',
  'ivr',
  Type.Object(
    {
      callId: CallId,
      nodeId: NodeId,
      prompt: Type.Union([
        Type.Object({ kind: Type.Literal('file'), file: MediaRef }, { additionalProperties: false }),
        Type.Object({ kind: Type.Literal('tone'), tone: MediaRef }, { additionalProperties: false }),
        Type.Object(
          {
            kind: Type.Literal('tts'),
            /** Rendered text: variables substituted, so it can hold the caller's data. */
            text: Type.String({ minLength: 1, maxLength: 4096 }),
            voice: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            language: Type.Optional(Type.String({ minLength: 2, maxLength: 16 })),
          },
          { additionalProperties: false },
        ),
      ]),
      /** False when the caller barged in (pressed a digit) or hung up before the end. */
      completed: Type.Boolean(),
      durationMs: DurationMs,
    },
    { additionalProperties: false },
  ),
  ['prompt.text'],
);

export const IvrInputCollected = defineEvent(
  'IvrInputCollected',
  'ivr',
  Type.Object(
    {
      callId: CallId,
      nodeId: NodeId,
      /** 1-based attempt within the node (menus and collects retry on no-input / invalid). */
      attempt: Type.Integer({ minimum: 1, maximum: 20 }),
      outcome: StringEnum(['match', 'no-input', 'invalid']),
      /** What the caller pressed (empty on no-input); can be an account number or PIN: personal. */
      digits: Type.String({ pattern: '^[0-9*#A-D]{0,64}$' }),
      /** The menu option matched, when the node is a menu and the outcome is a match. */
      option: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
      collectedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
  ['digits'],
);

export const IvrWebhookCalled = defineEvent(
  'IvrWebhookCalled',
  'ivr',
  Type.Object(
    {
      callId: CallId,
      nodeId: NodeId,
      method: StringEnum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      /** The URL template from the flow, never the expanded URL (that may carry caller data). */
      url: Type.String({ minLength: 1, maxLength: 2048 }),
      outcome: StringEnum(['success', 'http-error', 'timeout', 'network-error', 'invalid-response']),
      /** HTTP status, absent when no response arrived. */
      status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
      durationMs: DurationMs,
    },
    { additionalProperties: false },
  ),
);

export const IvrVariableSet = defineEvent(
  'IvrVariableSet',
  'ivr',
  Type.Object(
    {
      callId: CallId,
      nodeId: NodeId,
      name: Type.String({ pattern: VARIABLE_NAME_PATTERN }),
      /** Variables hold anything a flow collects or a webhook returns: treated as personal. */
      value: Type.Union([Type.String({ maxLength: 1024 }), Type.Number(), Type.Boolean(), Type.Null()]),
      source: StringEnum(['set', 'input', 'webhook', 'system']),
    },
    { additionalProperties: false },
  ),
  ['value'],
);

/** How the session left the IVR, with its target; the `outcome` field discriminates. */
const SessionResult = Type.Union([
  Type.Object(
    {
      outcome: Type.Literal('enqueued'),
      queueId: QueueId,
      priority: Type.Optional(Priority),
      skillRequirements: Type.Optional(SkillRequirements),
    },
    { additionalProperties: false },
  ),
  Type.Object({ outcome: Type.Literal('transferred'), target: Address }, { additionalProperties: false }),
  Type.Object(
    {
      outcome: Type.Literal('hung-up'),
      /** `flow` for a hangup or voicemail node, `caller` when the caller left mid-flow. */
      by: StringEnum(['caller', 'flow', 'system']),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      outcome: Type.Literal('error'),
      code: Type.String({ minLength: 1, maxLength: 64 }),
      message: Type.String({ maxLength: 512 }),
    },
    { additionalProperties: false },
  ),
]);

export const IvrSessionEnded = defineEvent(
  'IvrSessionEnded',
  'ivr',
  Type.Object(
    {
      callId: CallId,
      /** The node the session ended in, absent when it failed before entering one. */
      nodeId: Type.Optional(NodeId),
      result: SessionResult,
      endedAt: Timestamp,
      /** endedAt − startedAt: IVR time, which ASA excludes. */
      durationMs: DurationMs,
    },
    { additionalProperties: false },
  ),
);

export const ivrEvents = [
  IvrSessionStarted,
  IvrNodeEntered,
  IvrPromptPlayed,
  IvrInputCollected,
  IvrWebhookCalled,
  IvrVariableSet,
  IvrSessionEnded,
] as const;
