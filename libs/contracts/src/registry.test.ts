import { describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import type { ValidationError } from './errors.js';
import { type ValidationIssue } from './errors.js';
import { EventRegistry, defineEvent } from './registry.js';
import { eventRegistry } from './events/index.js';
import type { NewEvent } from './envelope.js';
import { CALL_ID, sampleEvent, sampleStream } from './test-support/samples.js';
import { thrownValidationError } from './test-support/errors.js';

function issues(error: ValidationError): ValidationIssue[] {
  return (error.details as { issues: ValidationIssue[] }).issues;
}

const ping = defineEvent(
  'PingHappened',
  'call',
  Type.Object({ n: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  ['n'],
  (data) => (data.n === 13 ? [{ path: '/n', message: 'unlucky' }] : []),
);
const registry = new EventRegistry([ping]);
const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: '0190f3a2-0000-7000-8000-000000000001',
  type: 'PingHappened',
  data: { n: 1 },
  metadata: { tenantId: 'acme', actor: 'system', occurredAt: '2026-03-02T09:00:00Z' },
  ...overrides,
});
const stream = `call-${CALL_ID}`;

describe('defineEvent', () => {
  it('freezes the definition and its personal paths', () => {
    expect(Object.isFrozen(ping)).toBe(true);
    expect(Object.isFrozen(ping.personal)).toBe(true);
    expect(ping.personal).toEqual(['n']);
  });
});

describe('EventRegistry', () => {
  it('refuses a type defined twice', () => {
    expect(() => new EventRegistry([ping, ping])).toThrow(/PingHappened defined twice/);
  });

  it('answers what it knows', () => {
    expect(registry.has('PingHappened')).toBe(true);
    expect(registry.has('PongHappened')).toBe(false);
    expect(registry.definition('PingHappened')).toBe(ping);
    expect(registry.definition('PongHappened')).toBeUndefined();
    expect(registry.types()).toEqual(['PingHappened']);
  });

  it('accepts a valid event, with and without a stream', () => {
    expect(() => registry.validate(event())).not.toThrow();
    expect(() => registry.validate(event(), stream)).not.toThrow();
  });

  it('rejects an unknown type with EVENT_TYPE_UNKNOWN', () => {
    const error = thrownValidationError(() => registry.validate(event({ type: 'PongHappened' }), stream));
    expect(error.code).toBe('EVENT_TYPE_UNKNOWN');
    expect(issues(error)).toEqual([{ path: '/type', message: 'not in the event catalogue' }]);
    expect(thrownValidationError(() => eventRegistry.validate(event({ type: 'CallExploded' }))).code).toBe(
      'EVENT_TYPE_UNKNOWN',
    );
  });

  it('rejects an event written to another category with EVENT_CATEGORY_MISMATCH', () => {
    const error = thrownValidationError(() => registry.validate(event(), `contact-${CALL_ID}`));
    expect(error.code).toBe('EVENT_CATEGORY_MISMATCH');
    expect(error.message).toContain('call-');
    const agentInCall = thrownValidationError(() =>
      eventRegistry.validate(sampleEvent('AgentLoggedIn'), sampleStream('CallHungUp')),
    );
    expect(agentInCall.code).toBe('EVENT_CATEGORY_MISMATCH');
  });

  it('checks the payload before the category, so a bad payload is EVENT_INVALID wherever it goes', () => {
    const error = thrownValidationError(() => registry.validate(event({ data: { n: -1 } }), `flow-acme.x`));
    expect(error.code).toBe('EVENT_INVALID');
  });

  it('rejects an id that is not a UUID', () => {
    const error = thrownValidationError(() => registry.validate(event({ id: 'evt-1' })));
    expect(error.code).toBe('EVENT_INVALID');
    expect(issues(error)).toContainEqual({ path: '/id', message: 'must be a UUID' });
  });

  it('runs the cross-field rule only on schema-valid data and prefixes its paths with /data', () => {
    expect(issues(thrownValidationError(() => registry.validate(event({ data: { n: 13 } }))))).toEqual([
      { path: '/data/n', message: 'unlucky' },
    ]);
    expect(
      issues(thrownValidationError(() => registry.validate(event({ data: { n: 'x' } })))),
    ).not.toContainEqual(expect.objectContaining({ message: 'unlucky' }));
  });

  it.each([
    [{ tenantId: 'ACME' }, '/metadata/tenantId'],
    [{ tenantId: 'a'.repeat(33) }, '/metadata/tenantId'],
    [{ actor: '' }, '/metadata/actor'],
    [{ actor: undefined }, '/metadata/actor'],
    [{ occurredAt: 'yesterday' }, '/metadata/occurredAt'],
    [{ occurredAt: '2026-03-02T25:00:00Z' }, '/metadata/occurredAt'],
    [{ correlationId: '' }, '/metadata/correlationId'],
    [{ causationId: 'x'.repeat(129) }, '/metadata/causationId'],
    [{ userAgent: 'curl' }, '/metadata/userAgent'],
  ])('rejects metadata %j at %s', (patch, path) => {
    const metadata: Record<string, unknown> = { ...event().metadata, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete metadata[k];
    const error = thrownValidationError(() =>
      registry.validate(event({ metadata: metadata as NewEvent['metadata'] })),
    );
    expect(error.code).toBe('EVENT_INVALID');
    expect(issues(error).map((i) => i.path)).toContain(path);
  });

  it('reports every problem of an event in one error, payload and metadata together', () => {
    const error = thrownValidationError(() =>
      registry.validate(
        event({ id: 'nope', data: { n: -1, extra: true }, metadata: { ...event().metadata, tenantId: '' } }),
      ),
    );
    expect(issues(error).map((i) => i.path)).toEqual(
      expect.arrayContaining(['/id', '/data/n', '/data/extra', '/metadata/tenantId']),
    );
  });

  it('caps the issue list so a huge bad payload cannot produce a huge error', () => {
    const wide = defineEvent(
      'WideHappened',
      'call',
      Type.Object(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, Type.Integer()])), {
        additionalProperties: false,
      }),
    );
    const error = thrownValidationError(() =>
      new EventRegistry([wide]).validate(event({ type: 'WideHappened', data: {} })),
    );
    expect(issues(error).length).toBe(20);
  });

  it('accepts upper-case UUIDs and offsets in date-times, as the formats allow', () => {
    const metadata = { ...event().metadata, occurredAt: '2026-03-02T10:00:00.123456+01:00' };
    expect(() =>
      registry.validate(event({ id: '0190F3A2-0000-7000-8000-000000000001', metadata })),
    ).not.toThrow();
  });
});
