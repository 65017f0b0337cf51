import { randomUUID } from 'node:crypto';
import { newEventId, streams, type NewEvent } from '@hotline/contracts';

/** A call's channel facts in order: arrived, answered, then hung up on the last one. */
export function callEvents(callId: string, count: number, tenantId = 'acme'): NewEvent[] {
  const metadata = () => ({
    tenantId,
    correlationId: callId,
    actor: 'service:media-bridge',
    occurredAt: new Date().toISOString(),
  });
  return Array.from({ length: count }, (_, i): NewEvent => {
    if (i === 0) {
      return {
        id: newEventId(),
        type: 'CallArrived',
        data: {
          callId,
          tenantId,
          dialledNumber: '+4930123456',
          callerNumber: '+4915112345678',
          mediaNode: 'fs1',
        },
        metadata: metadata(),
      };
    }
    if (i === count - 1) {
      return {
        id: newEventId(),
        type: 'CallHungUp',
        data: { callId, cause: 'NORMAL_CLEARING', by: 'caller' },
        metadata: metadata(),
      };
    }
    return { id: newEventId(), type: 'CallAnswered', data: { callId }, metadata: metadata() };
  });
}

export function newCall(): { callId: string; stream: string } {
  const callId = randomUUID();
  return { callId, stream: streams.call(callId) };
}
