import { createHash } from 'node:crypto';

/**
 * A name-based (v5-style, SHA-1) UUID. Fact ids derive from the ESL event that caused them
 * (Core-UUID + Event-Sequence + fact type), so re-handling the same event — a retried append, a
 * replayed stream — produces the same id and the store treats it as the same event.
 */
export function nameUuid(name: string): string {
  const h = createHash('sha1').update('hotline/media-bridge/').update(name).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
