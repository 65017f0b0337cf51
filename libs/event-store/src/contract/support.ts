import { randomUUID } from 'node:crypto';
import {
  CallAnswered,
  CallArrived,
  CallHungUp,
  EventRegistry,
  defineEvent,
  newEventId,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
} from '@hotline/contracts';
import type { AllSubscription } from '../port.js';
import type { ContractFixture } from './fixture.js';

export const TENANT = 'acme';

export function metadata(callId: string, extra: Partial<EventMetadata> = {}): EventMetadata {
  return {
    tenantId: TENANT,
    correlationId: callId,
    actor: 'service:media-bridge',
    occurredAt: new Date().toISOString(),
    ...extra,
  };
}

export function callArrived(callId: string, id: string = newEventId()): NewEvent {
  return {
    id,
    type: 'CallArrived',
    data: {
      callId,
      tenantId: TENANT,
      dialledNumber: '+493012345',
      callerNumber: '+4917012345',
      mediaNode: 'fs-1',
    },
    metadata: metadata(callId),
  };
}

export function callAnswered(callId: string, id: string = newEventId()): NewEvent {
  return { id, type: 'CallAnswered', data: { callId }, metadata: metadata(callId) };
}

export function callHungUp(callId: string, id: string = newEventId()): NewEvent {
  return {
    id,
    type: 'CallHungUp',
    data: { callId, cause: 'NORMAL_CLEARING', by: 'caller' },
    metadata: metadata(callId),
  };
}

/** A call's whole life: arrived, answered, hung up. */
export function callLife(callId: string): NewEvent[] {
  return [callArrived(callId), callAnswered(callId), callHungUp(callId)];
}

/** A fresh `call-{uuid}` stream of the fixture. */
export function newCall(f: ContractFixture): { callId: string; stream: string } {
  const callId = randomUUID();
  return { callId, stream: f.streamName(`call-${callId}`) };
}

/**
 * The call events plus a probe event of a tenant-keyed category, so the suite can write to an
 * `agent-{tenant}.{id}` stream without depending on the agent events' current shape.
 */
export const PROBE_TYPE = 'ContractProbeNoted';
export const probeRegistry = new EventRegistry([
  CallArrived,
  CallAnswered,
  CallHungUp,
  defineEvent(PROBE_TYPE, 'agent', CallAnswered.schema),
]);

export function probeEvent(tenantId: string): NewEvent {
  const callId = randomUUID();
  return { id: newEventId(), type: PROBE_TYPE, data: { callId }, metadata: metadata(callId, { tenantId }) };
}

/** Polls `condition` until it holds or the deadline passes (then fails with `what`). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface Collector {
  readonly events: RecordedEvent[];
  /** Settles when the subscription ends; rejects with its error. */
  readonly ended: Promise<void>;
  ids(): string[];
}

/** Drains a subscription in the background, as fast as it delivers. */
export function collect(sub: AllSubscription): Collector {
  const events: RecordedEvent[] = [];
  const ended = (async () => {
    for await (const event of sub) events.push(event);
  })();
  // Keep an early failure from being an unhandled rejection before a test awaits `ended`.
  ended.catch(() => undefined);
  return { events, ended, ids: () => events.map((e) => e.id) };
}

/** Every event of the store in global order, paging with checkpoints as a follower would. */
export async function readAllPaged(f: ContractFixture, pageSize = 500): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (;;) {
    const last = out[out.length - 1];
    const page = await f.store.readAll(
      last ? { after: last.globalPosition, limit: pageSize } : { limit: pageSize },
    );
    out.push(...page);
    if (page.length < pageSize) return out;
  }
}

/** Proves `sub` is quiescent: with the fixture's hook when it has one, else by watching a while. */
export async function settle(f: ContractFixture, collector: Collector, watchMs = 300): Promise<void> {
  if (f.awaitSubscriptionsPolled) {
    await f.awaitSubscriptionsPolled();
    await f.awaitSubscriptionsPolled();
    return;
  }
  const before = collector.events.length;
  const until = Date.now() + watchMs;
  while (Date.now() < until && collector.events.length === before) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
