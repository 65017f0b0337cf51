/**
 * Media commands: core NATS request/reply on `hl.cmd.media.{node}.{verb}`. `callId` is the caller's
 * leg (the `call-{callId}` stream). Every media time is in milliseconds.
 */
import { defineCommand } from '@hotline/messaging';
import { Type, type TSchema } from '@sinclair/typebox';

const CallId = Type.String({ format: 'uuid' });
const Media = Type.String({ minLength: 1, maxLength: 512, pattern: '^\\S+$' });
const Ms = (max: number) => Type.Integer({ minimum: 0, maximum: max });
const Ok = Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false });
const subject = (verb: string) => `hl.cmd.media.{node}.${verb}`;
const req = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object({ callId: CallId, ...props }, { additionalProperties: false });

export const Answer = defineCommand({ subject: subject('answer'), request: req({}), response: Ok });

export const Play = defineCommand({
  subject: subject('play'),
  request: req({ media: Media, maxMs: Type.Optional(Ms(3_600_000)) }),
  response: Type.Object({
    result: Type.Union([Type.Literal('played'), Type.Literal('not-found'), Type.Literal('error')]),
  }),
});

export const Speak = defineCommand({
  subject: subject('speak'),
  request: req({
    text: Type.String({ minLength: 1, maxLength: 4000 }),
    voice: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
    engine: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  }),
  response: Ok,
});

export const Collect = defineCommand({
  subject: subject('collect'),
  request: req({
    minDigits: Type.Integer({ minimum: 0, maximum: 128 }),
    maxDigits: Type.Integer({ minimum: 1, maximum: 128 }),
    tries: Type.Integer({ minimum: 1, maximum: 10 }),
    timeoutMs: Type.Integer({ minimum: 1000, maximum: 300_000 }),
    interDigitTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 300_000 })),
    terminators: Type.Optional(Type.String({ pattern: '^[0-9*#]{0,4}$' })),
    prompt: Media,
    invalidPrompt: Type.Optional(Media),
    regex: Type.Optional(Type.String({ minLength: 1, maxLength: 256, pattern: '^\\S+$' })),
  }),
  response: Type.Object({
    outcome: Type.Union([Type.Literal('match'), Type.Literal('no-input'), Type.Literal('invalid')]),
    digits: Type.String(),
    terminator: Type.Optional(Type.String()),
  }),
});

export const BridgeResult = Type.Union([
  Type.Literal('answered'),
  Type.Literal('no-answer'),
  Type.Literal('busy'),
  Type.Literal('not-registered'),
  Type.Literal('failed'),
]);

export const Bridge = defineCommand({
  subject: subject('bridge'),
  request: req({
    agentId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' }),
    /** A FreeSWITCH dial string for the agent, e.g. `user/1001`. */
    endpoint: Type.String({ minLength: 1, maxLength: 256, pattern: '^[^\\s{}]+$' }),
    ringTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000 }),
  }),
  response: Type.Object({
    result: BridgeResult,
    ringMs: Type.Integer({ minimum: 0 }),
    cause: Type.Optional(Type.String()),
  }),
});

export const Hold = defineCommand({
  subject: subject('hold'),
  request: req({ music: Type.Optional(Media) }),
  response: Ok,
});
export const Resume = defineCommand({ subject: subject('resume'), request: req({}), response: Ok });
export const Break = defineCommand({
  subject: subject('break'),
  request: req({ all: Type.Optional(Type.Boolean()) }),
  response: Ok,
});
export const RecordStart = defineCommand({
  subject: subject('record-start'),
  request: req({ path: Media }),
  response: Ok,
});
export const RecordStop = defineCommand({
  subject: subject('record-stop'),
  request: req({ path: Media }),
  response: Ok,
});
export const Transfer = defineCommand({
  subject: subject('transfer'),
  request: req({
    destination: Type.String({ pattern: '^[A-Za-z0-9+*#._@-]{1,128}$' }),
    context: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  }),
  response: Ok,
});
export const Hangup = defineCommand({
  subject: subject('hangup'),
  request: req({ cause: Type.Optional(Type.String({ pattern: '^[A-Z_]{1,64}$' })) }),
  response: Ok,
});
export const Eavesdrop = defineCommand({
  subject: subject('eavesdrop'),
  /** `callId` is the call listened to; `supervisorLegId` a parked leg of the supervisor on this node. */
  request: req({
    supervisorLegId: Type.String({ format: 'uuid' }),
    mode: Type.Union([Type.Literal('listen'), Type.Literal('whisper'), Type.Literal('barge')]),
  }),
  response: Ok,
});
