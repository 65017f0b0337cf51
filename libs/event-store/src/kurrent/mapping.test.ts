import { describe, expect, it } from 'vitest';
import { HotlineError, START, ValidationError, type NewEvent } from '@hotline/contracts';
import { ANY, NO_STREAM, STREAM_EXISTS, START as KURRENT_START } from '@kurrent/kurrentdb-client';
import {
  logicalStreamName,
  planFilter,
  toKurrentEvent,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
  type KurrentRecord,
} from './mapping.js';

const CALL = '0190f3a0-7b1c-7cc2-9d3e-4f5a6b7c8d9e';
const event: NewEvent = {
  id: '0190F3A2-0000-7000-8000-0000000000AB',
  type: 'CallAnswered',
  data: { callId: CALL },
  metadata: {
    tenantId: 'acme',
    correlationId: CALL,
    causationId: 'cmd-1',
    actor: 'service:media-bridge',
    occurredAt: '2026-03-02T09:00:00Z',
  },
};

/** What KurrentDB hands back for an event we wrote: the same JSON, plus revision and position. */
function stored(e: NewEvent, overrides: Partial<KurrentRecord> = {}): KurrentRecord {
  const sent = toKurrentEvent(e);
  return {
    streamId: `t1-call-${CALL}`,
    id: sent.id,
    revision: 3n,
    type: sent.type,
    created: new Date('2026-03-02T09:00:01Z'),
    isJson: true,
    data: JSON.parse(JSON.stringify(sent.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(sent.metadata)) as unknown,
    position: { commit: 1234n, prepare: 1200n },
    ...overrides,
  };
}

describe('expected revision → stream state', () => {
  it('maps each expectation to the client constant or a bigint revision', () => {
    expect(toStreamState('no-stream')).toBe(NO_STREAM);
    expect(toStreamState('exists')).toBe(STREAM_EXISTS);
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
    expect(toStreamState(Number.MAX_SAFE_INTEGER)).toBe(9007199254740991n);
  });
});

describe('read positions', () => {
  it('reads from the start for no checkpoint or START', () => {
    expect(toReadPosition(undefined)).toBe(KURRENT_START);
    expect(toReadPosition(START)).toBe(KURRENT_START);
  });

  it('passes a real checkpoint through as the pair', () => {
    expect(toReadPosition({ commit: 10n, prepare: 7n })).toEqual({ commit: 10n, prepare: 7n });
  });

  it('rejects a half-negative position instead of sending it', () => {
    expect(() => toReadPosition({ commit: -1n, prepare: 5n })).toThrow(ValidationError);
  });
});

describe('event → KurrentDB and back', () => {
  it('writes a JSON event with our id (lower case), type, data and metadata', () => {
    const sent = toKurrentEvent(event);
    expect(sent.contentType).toBe('application/json');
    expect(sent.id).toBe(event.id.toLowerCase());
    expect(sent.type).toBe('CallAnswered');
    expect(sent.data).toEqual(event.data);
    expect(sent.metadata).toEqual({ ...event.metadata, $correlationId: CALL, $causationId: 'cmd-1' });
  });

  it('leaves out $correlationId/$causationId when the event has none', () => {
    const { correlationId: _c, causationId: _k, ...bare } = event.metadata;
    expect(toKurrentEvent({ ...event, metadata: bare }).metadata).toEqual(bare);
  });

  it('round-trips to a RecordedEvent with revision, position pair and record time', () => {
    const recorded = toRecordedEvent(stored(event), `call-${CALL}`);
    expect(recorded).toEqual({
      id: event.id.toLowerCase(),
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      streamName: `call-${CALL}`,
      streamRevision: 3,
      globalPosition: { commit: 1234n, prepare: 1200n },
      recordedAt: new Date('2026-03-02T09:00:01Z'),
    });
  });

  it.each([
    ['a binary event', { isJson: false }, /not a JSON event/],
    ['no position', { position: undefined }, /no log position/],
    ['metadata that is not an object', { metadata: [1, 2] }, /not a JSON object/],
    [
      'metadata without a tenant',
      { metadata: { actor: 'x', occurredAt: '2026-03-02T09:00:00Z' } },
      /not Hotline/,
    ],
    ['a revision beyond 2^53', { revision: 2n ** 60n }, /revision out of range/],
  ])('refuses %s with EVENT_RECORD_CORRUPT rather than skipping it', (_what, overrides, why) => {
    let error: unknown;
    try {
      toRecordedEvent(stored(event, overrides), `call-${CALL}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HotlineError);
    expect((error as HotlineError).code).toBe('EVENT_RECORD_CORRUPT');
    expect((error as HotlineError).message).toMatch(why);
  });
});

describe('logicalStreamName', () => {
  it('strips the store prefix from its own streams', () => {
    expect(logicalStreamName(`t1-call-${CALL}`, 'CallAnswered', 't1-')).toBe(`call-${CALL}`);
    expect(logicalStreamName('agent-acme.alice', 'AgentLoggedIn', '')).toBe('agent-acme.alice');
  });

  it.each([
    ['another store', `t2-call-${CALL}`, 'CallAnswered', 't1-'],
    ['a system stream', '$settings', 'Settings', ''],
    ['a metadata stream', `$$t1-call-${CALL}`, '$metadata', 't1-'],
    ['a system event in our stream', `t1-call-${CALL}`, '$>', 't1-'],
    ['a foreign application', 'orders-42', 'OrderPlaced', ''],
    ['a prefixed system name', '$t1-x', 'X', ''],
  ])('ignores %s', (_what, streamId, type, prefix) => {
    expect(logicalStreamName(streamId, type, prefix)).toBeUndefined();
  });
});

describe('planFilter', () => {
  it('excludes system events server-side when nothing narrows the feed', () => {
    const plan = planFilter(undefined, '');
    expect(plan.server.filterOn).toBe('eventType');
    if (!('regex' in plan.server)) throw new Error('expected a regex filter on event types');
    expect(new RegExp(plan.server.regex).test('$statsCollected')).toBe(false);
    expect(new RegExp(plan.server.regex).test('CallAnswered')).toBe(true);
    expect(plan.accepts(`call-${CALL}`, 'CallAnswered')).toBe(true);
    expect(plan.accepts(`call-${CALL}`, '$>')).toBe(false);
  });

  it('narrows to the store prefix server-side', () => {
    expect(planFilter({}, 'run7-').server).toMatchObject({ filterOn: 'streamName', prefixes: ['run7-'] });
  });

  it('sends stream prefixes with the store prefix, and checks types client-side', () => {
    const plan = planFilter({ streamPrefixes: ['call-', 'contact-'], eventTypes: ['CallAnswered'] }, 'run7-');
    expect(plan.server).toMatchObject({ filterOn: 'streamName', prefixes: ['run7-call-', 'run7-contact-'] });
    expect(plan.accepts(`call-${CALL}`, 'CallAnswered')).toBe(true);
    expect(plan.accepts(`call-${CALL}`, 'CallHungUp')).toBe(false);
    expect(plan.accepts(`ivr-${CALL}`, 'CallAnswered')).toBe(false);
  });

  it('filters types server-side by exact match, so a V2 type is not caught by its prefix', () => {
    const plan = planFilter({ eventTypes: ['ContactQueued', 'A.B'] }, '');
    const regex = new RegExp((plan.server as { regex: string }).regex);
    expect(plan.server.filterOn).toBe('eventType');
    expect(regex.test('ContactQueued')).toBe(true);
    expect(regex.test('ContactQueuedV2')).toBe(false);
    expect(regex.test('AxB')).toBe(false);
    expect(plan.accepts(`contact-${CALL}`, 'ContactQueuedV2')).toBe(false);
  });

  it('treats empty lists like absent ones', () => {
    const plan = planFilter({ streamPrefixes: [], eventTypes: [] }, '');
    expect(plan.server.filterOn).toBe('eventType');
    expect(plan.accepts(`call-${CALL}`, 'CallAnswered')).toBe(true);
  });
});
