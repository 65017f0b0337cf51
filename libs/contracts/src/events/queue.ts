import { Type, type Static } from '@sinclair/typebox';
import { defineEvent } from '../registry.js';
import {
  MediaRef,
  Priority,
  QueueId,
  ReasonCode,
  RouteTarget,
  SkillRequirements,
  StringEnum,
} from './shared.js';

// queue-{tenant}.{queueId}: a queue's configuration, written by the ACD. What waits in a queue is
// derived from contact- streams and never kept here (one hot stream per queue would serialise every
// enqueue). Created and Updated carry the complete configuration, so the current one is the last
// event's and projections need no merge logic; the API may accept partial updates and merge.

export const ROUTING_STRATEGIES = ['longest-idle', 'most-skilled', 'least-occupied', 'round-robin'] as const;

const Seconds = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });

export const QueueConfig = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    skillRequirements: SkillRequirements,
    /**
     * Requirements that widen with wait: after `afterSeconds` in queue, a contact needs only these.
     * Steps are in increasing afterSeconds order.
     */
    escalation: Type.Array(
      Type.Object(
        { afterSeconds: Seconds(1, 86_400), skillRequirements: SkillRequirements },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
    /** Default priority of contacts entering this queue (higher first). */
    priority: Priority,
    strategy: StringEnum(ROUTING_STRATEGIES),
    serviceLevel: Type.Object(
      {
        /** T in METRICS.md: answered within T seconds counts toward service level (default 20). */
        thresholdSeconds: Seconds(1, 3600),
        /** Target shown next to the measured value, in percent. */
        targetPercent: Type.Integer({ minimum: 0, maximum: 100 }),
        /** Callers leaving within this many seconds are short abandons (Ab_s); absent = tenant default. */
        shortAbandonSeconds: Type.Optional(Seconds(0, 600)),
      },
      { additionalProperties: false },
    ),
    /** Longest a contact waits before overflowing; absent = no limit. */
    maxWaitSeconds: Type.Optional(Seconds(1, 86_400)),
    /** Where contacts go on max wait or when no agent is logged in; absent = they keep waiting. */
    overflowTarget: Type.Optional(RouteTarget),
    /** Wrap-up time after each contact; 0 = none, absent = until the agent ends it. */
    wrapUpSeconds: Type.Optional(Seconds(0, 3600)),
    ringTimeoutSeconds: Seconds(5, 300),
    /** After this many missed offers in a row the agent is taken out of routing. */
    maxNoAnswer: Type.Object(
      {
        consecutive: Type.Integer({ minimum: 1, maximum: 100 }),
        action: StringEnum(['not-ready', 'log-out', 'none']),
        reasonCode: ReasonCode,
      },
      { additionalProperties: false },
    ),
    musicOnHold: Type.Optional(MediaRef),
    announcements: Type.Optional(
      Type.Object(
        {
          everySeconds: Seconds(10, 3600),
          position: Type.Boolean(),
          estimatedWait: Type.Boolean(),
          prompt: Type.Optional(MediaRef),
        },
        { additionalProperties: false },
      ),
    ),
    /** Offer a callback that keeps the caller's place; absent = never offered. */
    callback: Type.Optional(
      Type.Object(
        {
          offerAfterSeconds: Seconds(0, 86_400),
          /** The digit that accepts the offer. */
          digit: Type.String({ pattern: '^[0-9*#]$' }),
          maxAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type QueueConfig = Static<typeof QueueConfig>;

export const QueueCreated = defineEvent(
  'QueueCreated',
  'queue',
  Type.Object({ queueId: QueueId, config: QueueConfig }, { additionalProperties: false }),
);

export const QueueUpdated = defineEvent(
  'QueueUpdated',
  'queue',
  Type.Object(
    {
      queueId: QueueId,
      config: QueueConfig,
      /** Top-level config fields that differ from the previous version (for the audit trail). */
      changed: Type.Array(Type.KeyOf(QueueConfig), { maxItems: 32, uniqueItems: true }),
    },
    { additionalProperties: false },
  ),
);

/** Contacts still waiting overflow (reason `queue-deleted`); the stream stays for history. */
export const QueueDeleted = defineEvent(
  'QueueDeleted',
  'queue',
  Type.Object({ queueId: QueueId }, { additionalProperties: false }),
);

export const queueEvents = [QueueCreated, QueueUpdated, QueueDeleted] as const;
