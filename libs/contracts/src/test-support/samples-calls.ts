import type { EventData, EventType } from '../events/index.js';

// Valid payloads for the call-keyed streams (call-, ivr-, contact-); samples.ts adds the rest and
// checks that every event type has one.

export type SampleSet = { readonly [T in EventType]?: EventData<T> };

export const TENANT = 'acme';
export const CALL_ID = '0190f3a0-7b1c-7cc2-9d3e-4f5a6b7c8d9e';
export const OTHER_CALL_ID = '0190f3a0-7b1c-7cc2-9d3e-4f5a6b7c8d9f';
export const OFFER_ID = '0190f3a1-0000-7000-8000-000000000001';
export const LEG_ID = '0190f3a1-0000-7000-8000-000000000002';
export const RECORDING_ID = '0190f3a1-0000-7000-8000-000000000003';
export const T0 = '2026-03-02T09:00:00.000Z';
export const T1 = '2026-03-02T09:00:12.500Z';
export const T2 = '2026-03-02T09:04:12.500Z';

export const callKeyedSamples = {
  CallArrived: {
    callId: CALL_ID,
    tenantId: TENANT,
    dialledNumber: '+4930123456',
    callerNumber: '+4917012345678',
    callerName: 'Erika Mustermann',
    mediaNode: 'fs-1',
    arrivedAt: T0,
    callerIdScreening: 'passed',
  },
  CallAnswered: { callId: CALL_ID, answeredAt: T0 },
  CallBridged: {
    callId: CALL_ID,
    agentId: 'alice',
    agentLegId: LEG_ID,
    endpoint: 'sip:alice@acme.hotline',
    offerId: OFFER_ID,
    bridgedAt: T1,
  },
  CallUnbridged: {
    callId: CALL_ID,
    agentId: 'alice',
    agentLegId: LEG_ID,
    unbridgedAt: T2,
    bridgedMs: 240_000,
    by: 'caller',
  },
  CallHeld: { callId: CALL_ID, heldAt: T1, by: 'agent' },
  CallResumed: { callId: CALL_ID, resumedAt: T2, heldMs: 30_000 },
  CallRecordingStarted: { callId: CALL_ID, recordingId: RECORDING_ID, path: '/rec/a.wav', startedAt: T1 },
  CallRecordingStopped: {
    callId: CALL_ID,
    recordingId: RECORDING_ID,
    path: '/rec/a.wav',
    stoppedAt: T2,
    durationMs: 240_000,
    reason: 'hangup',
  },
  CallHungUp: { callId: CALL_ID, cause: 'NORMAL_CLEARING', by: 'caller', hungUpAt: T2, sipStatus: 200 },
  IvrSessionStarted: {
    callId: CALL_ID,
    flowId: 'main-menu',
    flowVersion: 3,
    dialledNumber: '+4930123456',
    startedAt: T0,
  },
  IvrNodeEntered: { callId: CALL_ID, nodeId: 'menu1', nodeType: 'menu', via: 'next', enteredAt: T0 },
  IvrPromptPlayed: {
    callId: CALL_ID,
    nodeId: 'menu1',
    prompt: { kind: 'tts', text: 'Press 1 for billing', voice: 'anna', language: 'en-GB' },
    completed: false,
    durationMs: 2100,
  },
  IvrInputCollected: {
    callId: CALL_ID,
    nodeId: 'menu1',
    attempt: 1,
    outcome: 'match',
    digits: '1',
    option: '1',
    collectedAt: T1,
  },
  IvrWebhookCalled: {
    callId: CALL_ID,
    nodeId: 'lookup',
    method: 'POST',
    url: 'https://crm.example.com/lookup',
    outcome: 'success',
    status: 200,
    durationMs: 85,
  },
  IvrVariableSet: {
    callId: CALL_ID,
    nodeId: 'lookup',
    name: 'customer.tier',
    value: 'gold',
    source: 'webhook',
  },
  IvrSessionEnded: {
    callId: CALL_ID,
    nodeId: 'to-billing',
    result: { outcome: 'enqueued', queueId: 'billing', priority: 60 },
    endedAt: T1,
    durationMs: 12_500,
  },
  ContactQueued: {
    callId: CALL_ID,
    queueId: 'billing',
    leg: 1,
    priority: 60,
    skillRequirements: [{ skill: 'billing', minProficiency: 3 }],
    source: 'ivr',
    queuedAt: T1,
  },
  ContactOffered: {
    callId: CALL_ID,
    queueId: 'billing',
    offerId: OFFER_ID,
    agentId: 'alice',
    offeredAt: T1,
    ringTimeoutMs: 15_000,
  },
  ContactOfferDeclined: {
    callId: CALL_ID,
    queueId: 'billing',
    offerId: OFFER_ID,
    agentId: 'alice',
    reason: 'busy',
    declinedAt: T1,
  },
  ContactOfferTimedOut: {
    callId: CALL_ID,
    queueId: 'billing',
    offerId: OFFER_ID,
    agentId: 'alice',
    timedOutAt: T2,
    ringMs: 15_000,
  },
  ContactConnected: {
    callId: CALL_ID,
    queueId: 'billing',
    offerId: OFFER_ID,
    agentId: 'alice',
    connectedAt: T2,
    queuedAt: T1,
    waitMs: 240_000,
  },
  ContactTransferred: {
    callId: CALL_ID,
    queueId: 'billing',
    agentId: 'alice',
    target: { kind: 'queue', queueId: 'sales' },
    transferredAt: T2,
  },
  ContactAbandoned: { callId: CALL_ID, queueId: 'billing', abandonedAt: T2, queuedAt: T1, waitMs: 240_000 },
  ContactOverflowed: {
    callId: CALL_ID,
    queueId: 'billing',
    reason: 'max-wait',
    target: { kind: 'external', address: '+4930999999' },
    overflowedAt: T2,
    queuedAt: T1,
    waitMs: 240_000,
  },
  ContactCallbackRequested: {
    callId: CALL_ID,
    queueId: 'billing',
    callbackNumber: '+4917012345678',
    requestedAt: T2,
    queuedAt: T1,
    waitMs: 240_000,
  },
  ContactCallbackDialled: {
    callId: CALL_ID,
    queueId: 'billing',
    agentId: 'alice',
    offerId: OFFER_ID,
    outboundCallId: OTHER_CALL_ID,
    attempt: 1,
    dialledAt: T2,
  },
  ContactCompleted: {
    callId: CALL_ID,
    queueId: 'billing',
    agentId: 'alice',
    connectedAt: T1,
    completedAt: T2,
    talkMs: 210_000,
    holdMs: 30_000,
    endedBy: 'agent',
  },
  ContactWrapUpDone: {
    callId: CALL_ID,
    queueId: 'billing',
    agentId: 'alice',
    wrapUpStartedAt: T1,
    wrapUpEndedAt: T2,
    talkMs: 210_000,
    holdMs: 30_000,
    wrapUpMs: 20_000,
    disposition: 'resolved',
    endedBy: 'agent',
  },
} satisfies SampleSet;
