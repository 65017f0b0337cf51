import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key format: `hl_<keyId>_<secret>`, key id 16 hex chars (64 bits, a lookup handle that may
 * appear in logs), secret 64 hex chars (256 bits from the CSPRNG). Hex keeps the key one
 * unambiguous token for shells, headers and the log masking of `hl_<id>_…`.
 */
const KEY_FORMAT = /^hl_([0-9a-f]{16})_([0-9a-f]{64})$/;

export interface ParsedKey {
  keyId: string;
  secret: string;
}

export interface GeneratedKey extends ParsedKey {
  plaintext: string;
  hash: Buffer;
}

/**
 * SHA-256 of the secret. A slow password hash (bcrypt, argon2) protects low-entropy human
 * passwords against guessing; a 256-bit random secret cannot be guessed, so a fast hash is as
 * safe and keeps per-request verification cheap.
 */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function generateKey(): GeneratedKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { keyId, secret, plaintext: `hl_${keyId}_${secret}`, hash: hashSecret(secret) };
}

export function parseKey(presented: string): ParsedKey | undefined {
  const match = KEY_FORMAT.exec(presented);
  if (!match?.[1] || !match[2]) return undefined;
  return { keyId: match[1], secret: match[2] };
}

/** Constant-time comparison of the presented secret's hash with the stored one. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}

export function isKeyId(value: string): boolean {
  return /^[0-9a-f]{16}$/.test(value);
}
