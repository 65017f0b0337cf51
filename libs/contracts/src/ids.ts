import { uuidv7 } from 'uuidv7';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const uuidRe = new RegExp(UUID_PATTERN);

/** Event ids are UUIDv7: time-ordered, and the idempotency key of an append. */
export function newEventId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return uuidRe.test(value);
}

/** Where domain code needs ids, it receives one of these (tests pass a deterministic one). */
export type IdGenerator = () => string;
export const uuidV7Generator: IdGenerator = newEventId;
