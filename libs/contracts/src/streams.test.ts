import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { categoryOf, isEntityId, isTenantId, parseStreamName, streams } from './streams.js';

const CALL_ID = '0190f3a0-7b1c-7cc2-9d3e-4f5a6b7c8d9e';

function reason(name: string): string {
  try {
    parseStreamName(name);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('STREAM_NAME_INVALID');
    return (error as ValidationError).message;
  }
  throw new Error(`${name} was accepted`);
}

describe('parseStreamName', () => {
  it.each(['call', 'ivr', 'contact'] as const)(
    'parses %s-{callId}, normalising the UUID to lower case',
    (c) => {
      expect(parseStreamName(`${c}-${CALL_ID.toUpperCase()}`)).toEqual({
        kind: 'call',
        category: c,
        callId: CALL_ID,
      });
    },
  );

  it.each(['agent', 'queue', 'flow'] as const)('parses %s-{tenant}.{id}', (c) => {
    expect(parseStreamName(`${c}-acme-eu.Billing_2`)).toEqual({
      kind: 'tenant',
      category: c,
      tenantId: 'acme-eu',
      entityId: 'Billing_2',
    });
  });

  it('splits the tenant at the first dot only, so the id cannot smuggle another tenant', () => {
    expect(reason('agent-acme.other.alice')).toMatch(/bad id/);
  });

  it.each([
    ['', /expected \{category\}-\{id\}/],
    ['call', /expected \{category\}-\{id\}/],
    ['-abc', /expected \{category\}-\{id\}/],
    ['billing-acme.x', /unknown category "billing"/],
    ['call-123', /keyed by a call id/],
    [`call-${CALL_ID}x`, /keyed by a call id/],
    ['agent-acme', /bad tenant id/],
    ['agent-ACME.alice', /bad tenant id/],
    [`agent-${'a'.repeat(33)}.alice`, /bad tenant id/],
    ['queue-acme.', /bad id/],
    ['queue-acme.-x', /bad id/],
    [`flow-acme.${'f'.repeat(65)}`, /bad id/],
    ['$all', /expected|unknown category/],
  ])('rejects %j', (name, why) => {
    expect(reason(name)).toMatch(why);
  });

  it('round-trips the stream builders', () => {
    expect(parseStreamName(streams.call(CALL_ID))).toMatchObject({ category: 'call', callId: CALL_ID });
    expect(parseStreamName(streams.ivr(CALL_ID))).toMatchObject({ category: 'ivr' });
    expect(parseStreamName(streams.contact(CALL_ID))).toMatchObject({ category: 'contact' });
    expect(parseStreamName(streams.agent('acme', 'alice'))).toMatchObject({
      tenantId: 'acme',
      entityId: 'alice',
    });
    expect(parseStreamName(streams.queue('acme', 'billing'))).toMatchObject({ category: 'queue' });
    expect(parseStreamName(streams.flow('acme', 'main'))).toMatchObject({ category: 'flow' });
  });
});

describe('stream name helpers', () => {
  it('takes the category before the first dash', () => {
    expect(categoryOf(`contact-${CALL_ID}`)).toBe('contact');
    expect(categoryOf('agent-acme-eu.alice')).toBe('agent');
    expect(categoryOf('nodash')).toBe('nodash');
  });

  it('checks tenant and entity ids', () => {
    expect(isTenantId('acme-01')).toBe(true);
    expect(isTenantId('Acme')).toBe(false);
    expect(isTenantId('')).toBe(false);
    expect(isEntityId('alice_2-x')).toBe(true);
    expect(isEntityId('_alice')).toBe(false);
    expect(isEntityId('a.b')).toBe(false);
  });
});
