import { describe, expect, it } from 'vitest';
import { isUuid, newEventId } from './ids.js';

describe('newEventId', () => {
  it('makes RFC 9562 version-7 UUIDs in lower case', () => {
    const id = newEventId();
    expect(isUuid(id)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stays unique and increasing across many refills of the random pool', () => {
    // 20 000 ids draw several times the pool's 1024 words.
    const ids = Array.from({ length: 20_000 }, () => newEventId());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = newEventId();
    const after = Date.now();
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('draws fresh randomness for every id: its last 32 bits are random, not a counter', () => {
    const tails = Array.from({ length: 1000 }, () => Number.parseInt(newEventId().slice(-8), 16));
    // 1000 draws of 32 bits collide with a probability of about 1e-4.
    expect(new Set(tails).size).toBeGreaterThanOrEqual(999);
    // A counter would leave consecutive tails one apart.
    const steps = tails.slice(1).filter((t, i) => t - tails[i]! === 1);
    expect(steps.length).toBeLessThan(5);
  });
});
