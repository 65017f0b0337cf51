import { describe, expect, expectTypeOf, it } from 'vitest';
import type { TSchema } from '@sinclair/typebox';
import type { ValidationError } from '../errors.js';
import { CATEGORIES } from '../streams.js';
import { sampleEvent, samples, sampleStream } from '../test-support/samples.js';
import { agentEvents } from './agent.js';
import { callEvents } from './call.js';
import { contactEvents } from './contact.js';
import { flowEvents } from './flow.js';
import { ivrEvents } from './ivr.js';
import { queueEvents } from './queue.js';
import { eventDefinitions, eventRegistry, type EventData, type EventType } from './index.js';
import { thrownValidationError } from '../test-support/errors.js';

function issuePaths(error: ValidationError): string[] {
  return (error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
}

function rejects(type: EventType, data: unknown): ValidationError {
  return thrownValidationError(() => eventRegistry.validate(sampleEvent(type, data), sampleStream(type)));
}

/** Calls `visit` on every sub-schema, with its dotted path. */
function walk(schema: TSchema, path: string, visit: (s: TSchema, path: string) => void): void {
  visit(schema, path);
  const s = schema as { properties?: Record<string, TSchema>; items?: TSchema; anyOf?: TSchema[] };
  for (const [key, sub] of Object.entries(s.properties ?? {}))
    walk(sub, path ? `${path}.${key}` : key, visit);
  if (s.items) walk(s.items, `${path}[]`, visit);
  for (const variant of s.anyOf ?? []) walk(variant, path, visit);
}

const perStream = {
  call: callEvents,
  ivr: ivrEvents,
  contact: contactEvents,
  agent: agentEvents,
  queue: queueEvents,
  flow: flowEvents,
};

describe('event catalogue', () => {
  it('has a unique, past-tense, category-prefixed type for every definition', () => {
    const types = eventDefinitions.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const def of eventDefinitions) {
      expect(CATEGORIES).toContain(def.category);
      expect(def.type).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(def.type.toLowerCase().startsWith(def.category)).toBe(true);
    }
  });

  it('files each stream array under its own category and misses none', () => {
    for (const [category, defs] of Object.entries(perStream)) {
      expect(defs.length).toBeGreaterThan(0);
      for (const def of defs) expect(def.category).toBe(category);
    }
    expect(Object.values(perStream).flat().length).toBe(eventDefinitions.length);
  });

  it.each(eventDefinitions.map((d) => [d.type, d] as const))(
    '%s: closed objects, bounded strings and arrays',
    (_type, def) => {
      walk(def.schema, '', (s, path) => {
        const k = s as Record<string, unknown>;
        if (k.type === 'object' && k.properties) expect(k.additionalProperties, path).toBe(false);
        if (k.type === 'string' && k.const === undefined) {
          const bounded = k.maxLength !== undefined || k.pattern !== undefined || k.format !== undefined;
          expect(bounded, `${path} is an unbounded string`).toBe(true);
        }
        if (k.type === 'array') expect(k.maxItems, `${path} is an unbounded array`).toBeTypeOf('number');
      });
    },
  );

  it.each(eventDefinitions.filter((d) => d.personal.length > 0).map((d) => [d.type, d] as const))(
    '%s: every personal path names a field of the schema',
    (_type, def) => {
      const paths = new Set<string>();
      walk(def.schema, '', (_s, path) => paths.add(path));
      for (const p of def.personal) expect(paths, p).toContain(p);
    },
  );

  it('marks caller numbers, names, recordings, digits and variables as personal', () => {
    const personal = Object.fromEntries(eventDefinitions.map((d) => [d.type, d.personal]));
    expect(personal.CallArrived).toEqual(['callerNumber', 'callerName']);
    expect(personal.CallRecordingStarted).toEqual(['path']);
    expect(personal.IvrInputCollected).toEqual(['digits']);
    expect(personal.IvrVariableSet).toEqual(['value']);
    expect(personal.ContactCallbackRequested).toEqual(['callbackNumber']);
    expect(personal.AgentRegistered).toEqual(['displayName']);
  });
});

describe('event payloads', () => {
  it.each(eventDefinitions.map((d) => d.type))('%s: the sample is valid in its stream', (type) => {
    expect(() => eventRegistry.validate(sampleEvent(type), sampleStream(type))).not.toThrow();
  });

  it.each(eventDefinitions.map((d) => d.type))('%s: rejects an unknown property', (type) => {
    const error = rejects(type, { ...samples[type], surprise: 1 });
    expect(error.code).toBe('EVENT_INVALID');
    expect(issuePaths(error)).toContain('/data/surprise');
  });

  it.each(eventDefinitions.map((d) => [d.type, d.schema.required ?? []] as const))(
    '%s: rejects each required property missing',
    (type, required) => {
      expect(required.length).toBeGreaterThan(0);
      for (const key of required) {
        const data: Record<string, unknown> = { ...samples[type] };
        delete data[key];
        expect(issuePaths(rejects(type, data))).toContain(`/data/${key}`);
      }
    },
  );

  const bad: [EventType, Record<string, unknown>, string][] = [
    ['CallArrived', { callId: 'not-a-uuid' }, '/data/callId'],
    ['CallArrived', { tenantId: 'ACME' }, '/data/tenantId'],
    ['CallArrived', { dialledNumber: '1'.repeat(65) }, '/data/dialledNumber'],
    ['CallHungUp', { by: 'nobody' }, '/data/by'],
    ['CallResumed', { heldMs: -1 }, '/data/heldMs'],
    ['CallResumed', { heldMs: 1.5 }, '/data/heldMs'],
    ['ContactQueued', { queuedAt: '2026-03-02 09:00' }, '/data/queuedAt'],
    ['ContactQueued', { queuedAt: '2026-13-02T09:00:00Z' }, '/data/queuedAt'],
    ['ContactQueued', { priority: 101 }, '/data/priority'],
    [
      'ContactQueued',
      { skillRequirements: [{ skill: 'billing', minProficiency: 11 }] },
      '/data/skillRequirements/0/minProficiency',
    ],
    ['ContactTransferred', { target: { kind: 'queue' } }, '/data/target/queueId'],
    ['ContactConnected', { waitMs: 31 * 24 * 3600 * 1000 }, '/data/waitMs'],
    ['IvrInputCollected', { digits: '12a' }, '/data/digits'],
    ['IvrInputCollected', { outcome: 'timeout' }, '/data/outcome'],
    ['IvrSessionEnded', { result: { outcome: 'enqueued', queueId: 'bad id' } }, '/data/result/queueId'],
    ['IvrSessionEnded', { result: { outcome: 'exploded' } }, '/data/result'],
    ['IvrPromptPlayed', { prompt: { kind: 'tts', text: '' } }, '/data/prompt/text'],
    [
      'QueueCreated',
      { config: { ...samples.QueueCreated.config, strategy: 'random' } },
      '/data/config/strategy',
    ],
    ['QueueUpdated', { changed: ['colour'] }, '/data/changed/0'],
    ['AgentStatusChanged', { status: 'not-ready', reasonCode: undefined }, '/data/reasonCode'],
    ['AgentStatusChanged', { status: 'available', reasonCode: 'lunch' }, '/data/reasonCode'],
    ['AgentStatusChanged', { reasonCode: 'Lunch Break' }, '/data/reasonCode'],
    ['FlowCreated', { definition: 'not an object' }, '/data/definition'],
    ['FlowNumberAssigned', { number: 'abc' }, '/data/number'],
  ];
  it.each(bad)('%s %j fails at %s', (type, patch, path) => {
    const data: Record<string, unknown> = { ...samples[type], ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete data[k];
    const error = rejects(type, data);
    expect(error.code).toBe('EVENT_INVALID');
    expect(error.kind).toBe('invalid');
    expect(issuePaths(error)).toContain(path);
  });

  it('accepts a not-ready status only with a reason code, and others without', () => {
    const ok = (data: EventData<'AgentStatusChanged'>) =>
      eventRegistry.validate(sampleEvent('AgentStatusChanged', data), sampleStream('AgentStatusChanged'));
    expect(() =>
      ok({ agentId: 'a', status: 'available', by: 'agent', changedAt: '2026-01-01T00:00:00Z' }),
    ).not.toThrow();
    expect(() =>
      ok({ agentId: 'a', status: 'logged-out', by: 'system', changedAt: '2026-01-01T00:00:00+01:00' }),
    ).not.toThrow();
  });
});

describe('static types', () => {
  it('gives the precise payload type per event type', () => {
    expectTypeOf<EventData<'ContactOffered'>>().toEqualTypeOf<{
      callId: string;
      queueId: string;
      offerId: string;
      agentId: string;
      offeredAt: string;
      ringTimeoutMs: number;
    }>();
    expectTypeOf<EventData<'IvrInputCollected'>['outcome']>().toEqualTypeOf<
      'match' | 'no-input' | 'invalid'
    >();
    expectTypeOf<EventData<'IvrSessionEnded'>['result']>()
      .extract<{ outcome: 'enqueued' }>()
      .toHaveProperty('queueId');
    expectTypeOf<EventType>().toExtend<string>();
    expectTypeOf<'NoSuchEvent'>().not.toExtend<EventType>();
  });
});
