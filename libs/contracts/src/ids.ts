import { randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const uuidRe = new RegExp(UUID_PATTERN);

/**
 * Cryptographic random numbers drawn 4 KiB at a time. The library's default refills 32 bytes per call
 * through Web Crypto, which cost more than the rest of an id (a third of an event's creation).
 */
class PooledRandom {
  private readonly pool = new Uint32Array(1024);
  private next = this.pool.length;

  nextUint32(): number {
    if (this.next >= this.pool.length) {
      randomFillSync(this.pool);
      this.next = 0;
    }
    const value = this.pool[this.next] ?? 0;
    this.next += 1;
    return value;
  }
}

const generator = new V7Generator(new PooledRandom());

/** Event ids are UUIDv7: time-ordered, and the idempotency key of an append. */
export function newEventId(): string {
  return generator.generate().toString();
}

export function isUuid(value: string): boolean {
  return uuidRe.test(value);
}

/** Where domain code needs ids, it receives one of these (tests pass a deterministic one). */
export type IdGenerator = () => string;
export const uuidV7Generator: IdGenerator = newEventId;
