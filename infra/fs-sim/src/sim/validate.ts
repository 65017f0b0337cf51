/** A tiny validator for JSON input (scenario files, control API bodies): every problem, with its path. */
import { SimError, type Issue } from '../errors.js';

export class Reader {
  readonly issues: Issue[] = [];

  constructor(private readonly code: string) {}

  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    this.issues.push({ path, message: 'must be an object' });
    return undefined;
  }

  /** Reports properties that are not in `known`. */
  only(o: Record<string, unknown>, path: string, known: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!known.includes(key))
        this.issues.push({ path: `${path}.${key}`, message: 'is not a known property' });
    }
  }

  string(o: Record<string, unknown>, key: string, path: string, pattern?: RegExp): string | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '' || (pattern && !pattern.test(v))) {
      this.issues.push({
        path: `${path}.${key}`,
        message: pattern ? `must match ${String(pattern)}` : 'must be a non-empty string',
      });
      return undefined;
    }
    return v;
  }

  requiredString(o: Record<string, unknown>, key: string, path: string, pattern?: RegExp): string {
    if (o[key] === undefined) this.issues.push({ path: `${path}.${key}`, message: 'is required' });
    return this.string(o, key, path, pattern) ?? '';
  }

  number(
    o: Record<string, unknown>,
    key: string,
    path: string,
    min = 0,
    max = Number.MAX_SAFE_INTEGER,
  ): number | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      this.issues.push({ path: `${path}.${key}`, message: `must be a number in ${min}..${max}` });
      return undefined;
    }
    return v;
  }

  boolean(o: Record<string, unknown>, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.issues.push({ path: `${path}.${key}`, message: 'must be true or false' });
      return undefined;
    }
    return v;
  }

  array(o: Record<string, unknown>, key: string, path: string, maxItems = 10_000): unknown[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.length > maxItems) {
      this.issues.push({ path: `${path}.${key}`, message: `must be an array of at most ${maxItems} items` });
      return [];
    }
    return v as unknown[];
  }

  oneOf<T extends string>(
    o: Record<string, unknown>,
    key: string,
    path: string,
    values: readonly T[],
  ): T | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.issues.push({ path: `${path}.${key}`, message: `must be one of ${values.join(', ')}` });
      return undefined;
    }
    return v as T;
  }

  stringMap(o: Record<string, unknown>, key: string, path: string): Record<string, string> | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    const m = this.object(v, `${path}.${key}`);
    if (!m) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(m)) {
      if (typeof val === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(k)) out[k] = val;
      else
        this.issues.push({
          path: `${path}.${key}.${k}`,
          message: 'must be a string variable with a simple name',
        });
    }
    return out;
  }

  /** Throws a 400 SimError listing every issue, if any. */
  done(message: string): void {
    if (this.issues.length > 0) throw new SimError(this.code, 400, message, this.issues);
  }
}

export const PHONE = /^\+?[0-9A-Za-z*#._-]{1,32}$/;
export const DIGITS = /^[0-9*#A-Da-d]{1,64}$/;
