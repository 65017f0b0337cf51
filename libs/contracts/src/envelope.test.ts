import { describe, expect, it } from 'vitest';
import { isEventMetadata } from './envelope.js';

describe('isEventMetadata', () => {
  const valid = { tenantId: 'acme', actor: 'system', occurredAt: '2026-03-02T09:00:00Z' };

  it('accepts metadata with and without the optional ids', () => {
    expect(isEventMetadata(valid)).toBe(true);
    expect(isEventMetadata({ ...valid, correlationId: 'c', causationId: 'k' })).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', [valid]],
    ['a missing actor', { tenantId: 'acme', occurredAt: valid.occurredAt }],
    ['a bad date', { ...valid, occurredAt: '2026-02-30 09:00' }],
    ['an unknown key', { ...valid, $correlationId: 'c' }],
  ])('rejects %s', (_what, value) => {
    expect(isEventMetadata(value)).toBe(false);
  });
});
