import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry.js';
import { TENANT_ID_PATTERN } from '../streams.js';

// call-{callId}: channel facts written by the media bridge.

export const CallArrived = defineEvent(
  'CallArrived',
  'call',
  Type.Object(
    {
      callId: Type.String({ format: 'uuid' }),
      tenantId: Type.String({ pattern: TENANT_ID_PATTERN }),
      dialledNumber: Type.String({ minLength: 1, maxLength: 64 }),
      callerNumber: Type.String({ maxLength: 64 }),
      callerName: Type.Optional(Type.String({ maxLength: 128 })),
      mediaNode: Type.String({ minLength: 1, maxLength: 64 }),
    },
    { additionalProperties: false },
  ),
  ['callerNumber', 'callerName'],
);

export const CallAnswered = defineEvent(
  'CallAnswered',
  'call',
  Type.Object({ callId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
);

export const CallHungUp = defineEvent(
  'CallHungUp',
  'call',
  Type.Object(
    {
      callId: Type.String({ format: 'uuid' }),
      /** FreeSWITCH hang-up cause, e.g. NORMAL_CLEARING, or a Hotline cause such as MEDIA_NODE_RESTARTED. */
      cause: Type.String({ minLength: 1, maxLength: 64 }),
      by: Type.Union([
        Type.Literal('caller'),
        Type.Literal('system'),
        Type.Literal('agent'),
        Type.Literal('unknown'),
      ]),
    },
    { additionalProperties: false },
  ),
);

export const callEvents = [CallArrived, CallAnswered, CallHungUp] as const;
