import type { TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { ValidationIssue } from '@hotline/contracts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** JSON bytes for the wire; bigints become decimal strings (JSON has no bigint). */
export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  );
}

export type Decoded = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue };

/** Parses wire bytes without throwing: the result is `unknown` until a schema has checked it. */
export function decodeJson(bytes: Uint8Array): Decoded {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: { path: '/', message: `not UTF-8 JSON: ${message}` } };
  }
}

/** The first problems a schema finds, in the shape ValidationError carries. */
export function issuesOf(check: TypeCheck<TSchema>, value: unknown): ValidationIssue[] {
  return [...check.Errors(value)].slice(0, 20).map((e) => ({ path: e.path || '/', message: e.message }));
}
