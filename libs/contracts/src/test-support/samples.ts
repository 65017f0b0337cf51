import type { NewEvent } from '../envelope.js';
import { eventRegistry, type EventData, type EventType } from '../events/index.js';
import { streams } from '../streams.js';
import { CALL_ID, OFFER_ID, T0, T1, T2, TENANT, callKeyedSamples } from './samples-calls.js';

// One valid payload per event type. The mapped type makes a missing or misspelt type a compile
// error, so a new event cannot be added to the catalogue without a sample here.

export { CALL_ID, TENANT } from './samples-calls.js';

const queueConfig: EventData<'QueueCreated'>['config'] = {
  name: 'Billing',
  skillRequirements: [{ skill: 'billing', minProficiency: 3 }],
  escalation: [{ afterSeconds: 60, skillRequirements: [{ skill: 'billing', minProficiency: 1 }] }],
  priority: 50,
  strategy: 'longest-idle',
  serviceLevel: { thresholdSeconds: 20, targetPercent: 80, shortAbandonSeconds: 5 },
  maxWaitSeconds: 600,
  overflowTarget: { kind: 'queue', queueId: 'billing-overflow' },
  wrapUpSeconds: 30,
  ringTimeoutSeconds: 15,
  maxNoAnswer: { consecutive: 2, action: 'not-ready', reasonCode: 'missed-offer' },
  musicOnHold: 'local_stream://moh',
  announcements: { everySeconds: 45, position: true, estimatedWait: true },
  callback: { offerAfterSeconds: 120, digit: '1', maxAttempts: 3 },
};

export const samples: { readonly [T in EventType]: EventData<T> } = {
  ...callKeyedSamples,
  AgentRegistered: {
    agentId: 'alice',
    displayName: 'Alice Example',
    endpoint: 'sip:alice@acme.hotline',
    skills: [{ skill: 'billing', proficiency: 7 }],
  },
  AgentSkillsChanged: { agentId: 'alice', skills: [{ skill: 'billing', proficiency: 9 }] },
  AgentLoggedIn: { agentId: 'alice', endpoint: 'sip:alice@acme.hotline', loggedInAt: T0 },
  AgentStatusChanged: {
    agentId: 'alice',
    status: 'not-ready',
    reasonCode: 'lunch',
    by: 'agent',
    changedAt: T0,
  },
  AgentReserved: { agentId: 'alice', callId: CALL_ID, queueId: 'billing', offerId: OFFER_ID, reservedAt: T1 },
  AgentAnswered: {
    agentId: 'alice',
    callId: CALL_ID,
    queueId: 'billing',
    offerId: OFFER_ID,
    answeredAt: T1,
    ringMs: 4000,
  },
  AgentMissedOffer: {
    agentId: 'alice',
    callId: CALL_ID,
    queueId: 'billing',
    offerId: OFFER_ID,
    reason: 'no-answer',
    consecutiveMisses: 1,
    missedAt: T1,
  },
  AgentWrapUpStarted: {
    agentId: 'alice',
    callId: CALL_ID,
    queueId: 'billing',
    startedAt: T1,
    limitMs: 30_000,
  },
  AgentWrapUpEnded: {
    agentId: 'alice',
    callId: CALL_ID,
    queueId: 'billing',
    startedAt: T1,
    endedAt: T2,
    wrapUpMs: 20_000,
    endedBy: 'timeout',
  },
  QueueCreated: { queueId: 'billing', config: queueConfig },
  QueueUpdated: { queueId: 'billing', config: { ...queueConfig, priority: 70 }, changed: ['priority'] },
  QueueDeleted: { queueId: 'billing' },
  FlowCreated: { flowId: 'main-menu', name: 'Main menu', definition: { start: 'menu1', nodes: {} } },
  FlowDraftUpdated: {
    flowId: 'main-menu',
    definition: { start: 'menu1', nodes: { menu1: { type: 'menu' } } },
  },
  FlowVersionPublished: {
    flowId: 'main-menu',
    version: 1,
    definition: { start: 'menu1', nodes: {} },
    checksum: 'a'.repeat(64),
  },
  FlowRolledBack: { flowId: 'main-menu', fromVersion: 2, toVersion: 1 },
  FlowNumberAssigned: { flowId: 'main-menu', number: '+4930123456' },
  FlowNumberUnassigned: { flowId: 'main-menu', number: '+4930123456' },
};

/** The stream a sample of this type would be written to. */
export function sampleStream(type: EventType): string {
  const def = eventRegistry.definition(type);
  switch (def?.category) {
    case 'call':
    case 'ivr':
    case 'contact':
      return `${def.category}-${CALL_ID}`;
    case 'agent':
      return streams.agent(TENANT, 'alice');
    case 'queue':
      return streams.queue(TENANT, 'billing');
    case 'flow':
      return streams.flow(TENANT, 'main-menu');
    case undefined:
      throw new Error(`no definition for ${type}`);
  }
}

export function sampleEvent<T extends EventType>(
  type: T,
  data: unknown = samples[type],
): NewEvent<T, unknown> {
  return {
    id: '0190f3a2-0000-7000-8000-000000000001',
    type,
    data,
    metadata: { tenantId: TENANT, correlationId: CALL_ID, actor: 'service:test', occurredAt: T0 },
  };
}
