import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry.js';
import { FlowId } from './shared.js';

// flow-{tenant}.{flowId}: IVR flows and their number assignments, written by the IVR service.
// The flow graph is the IVR service's own schema (it validates it before any of these events is
// written); the catalogue only requires it to be a JSON object, so the graph can evolve without a
// new event type here.

/** A flow graph, as validated by the IVR service. */
export const FlowDefinition = Type.Record(Type.String(), Type.Unknown());
const Version = Type.Integer({ minimum: 1 });
/** A tenant's DID: E.164 (`+4930123456`) or a plain extension. */
export const DialledNumber = Type.String({ pattern: '^\\+?[0-9]{1,20}$' });

export const FlowCreated = defineEvent(
  'FlowCreated',
  'flow',
  Type.Object(
    {
      flowId: FlowId,
      name: Type.String({ minLength: 1, maxLength: 128 }),
      description: Type.Optional(Type.String({ maxLength: 1024 })),
      /** The first draft. */
      definition: FlowDefinition,
    },
    { additionalProperties: false },
  ),
);

export const FlowDraftUpdated = defineEvent(
  'FlowDraftUpdated',
  'flow',
  Type.Object(
    {
      flowId: FlowId,
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      description: Type.Optional(Type.String({ maxLength: 1024 })),
      /** The whole new draft (drafts are replaced, never patched). */
      definition: FlowDefinition,
    },
    { additionalProperties: false },
  ),
);

/** Freezes the current draft as an immutable version and makes it the live one. */
export const FlowVersionPublished = defineEvent(
  'FlowVersionPublished',
  'flow',
  Type.Object(
    {
      flowId: FlowId,
      version: Version,
      /** The frozen graph, so a session can load its version from this stream alone. */
      definition: FlowDefinition,
      /** SHA-256 (hex) of the canonical JSON of the definition. */
      checksum: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    },
    { additionalProperties: false },
  ),
);

/** Makes an earlier published version live again; new calls use it, running sessions keep theirs. */
export const FlowRolledBack = defineEvent(
  'FlowRolledBack',
  'flow',
  Type.Object({ flowId: FlowId, fromVersion: Version, toVersion: Version }, { additionalProperties: false }),
);

export const FlowNumberAssigned = defineEvent(
  'FlowNumberAssigned',
  'flow',
  Type.Object({ flowId: FlowId, number: DialledNumber }, { additionalProperties: false }),
);

export const FlowNumberUnassigned = defineEvent(
  'FlowNumberUnassigned',
  'flow',
  Type.Object({ flowId: FlowId, number: DialledNumber }, { additionalProperties: false }),
);

export const flowEvents = [
  FlowCreated,
  FlowDraftUpdated,
  FlowVersionPublished,
  FlowRolledBack,
  FlowNumberAssigned,
  FlowNumberUnassigned,
] as const;
