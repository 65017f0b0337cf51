import { randomUUID } from 'node:crypto';
import { ValidationError, eventRegistry, newEventId, type NewEvent } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { PARSED_STREAMS_MAX, rememberedStreamNames } from './stream-names.js';
import { validateAppend } from './validate.js';

const AT = '2026-03-02T09:00:00Z';

function loggedIn(tenantId: string): NewEvent {
  return {
    id: newEventId(),
    type: 'AgentLoggedIn',
    data: { agentId: 'a1', endpoint: 'sip:a1@example.com', loggedInAt: AT },
    metadata: { tenantId, actor: 'system', occurredAt: AT },
  };
}

function answered(callId: string): NewEvent {
  return {
    id: newEventId(),
    type: 'CallAnswered',
    data: { callId },
    metadata: { tenantId: 'acme', actor: 'system', occurredAt: AT },
  };
}

function codeOf(stream: string, event: NewEvent): string | undefined {
  try {
    validateAppend(eventRegistry, stream, [event], 'any');
    return undefined;
  } catch (error) {
    return error instanceof ValidationError ? error.code : 'not a ValidationError';
  }
}

describe('validateAppend and the stream names it has parsed', () => {
  it('checks every append against its own stream, parsed before or not', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(codeOf('agent-acme.a1', loggedIn('acme'))).toBeUndefined();
      expect(codeOf('agent-globex.a1', loggedIn('globex'))).toBeUndefined();
      expect(codeOf('agent-acme.a1', loggedIn('globex'))).toBe('EVENT_TENANT_MISMATCH');
      expect(codeOf('agent-globex.a1', loggedIn('acme'))).toBe('EVENT_TENANT_MISMATCH');
    }
  });

  it('refuses an invalid name every time: it is never remembered', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(codeOf('agent-acme', loggedIn('acme'))).toBe('STREAM_NAME_INVALID');
      expect(codeOf('call-not-a-uuid', answered(randomUUID()))).toBe('STREAM_NAME_INVALID');
    }
  });

  it('stays right past the number of names it keeps', () => {
    const first = randomUUID();
    expect(codeOf(`call-${first}`, answered(first))).toBeUndefined();
    for (let i = 0; i < PARSED_STREAMS_MAX + 50; i += 1) {
      const callId = randomUUID();
      expect(codeOf(`call-${callId}`, answered(callId))).toBeUndefined();
      // Every call brings a new name: the memory must not grow with them.
      expect(rememberedStreamNames()).toBeLessThanOrEqual(PARSED_STREAMS_MAX);
    }
    expect(codeOf(`call-${first}`, answered(first))).toBeUndefined();
    expect(codeOf('agent-acme.a1', loggedIn('globex'))).toBe('EVENT_TENANT_MISMATCH');
  });
});
