import { KindGuard, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { HotlineError } from '@hotline/contracts';
import { isSecretKey, maskText } from '../logging/mask.js';

export interface ConfigIssue {
  variable: string;
  problem: string;
  expected: string;
}

/** Thrown by loadConfig; the message lists every bad or missing variable, one per line. */
export class ConfigError extends HotlineError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  - ${i.variable}: ${i.problem}; expected ${i.expected}`);
    super('CONFIG_INVALID', 'invalid', `Invalid configuration:\n${lines.join('\n')}`, {
      details: { issues },
    });
    this.issues = issues;
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the variables named by `schema` from `env` once: empty strings count as unset, strings are
 * coerced (strictly: `PORT=80x` is an error, not 80), defaults fill the gaps, and the result is
 * checked and deep-frozen. Every problem is reported at once so one restart fixes them all.
 */
export function loadConfig<T extends TObject>(schema: T, env: Env = process.env): Readonly<Static<T>> {
  const raw: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    raw[name] = coerce(property, text.trim());
  }
  const withDefaults = Value.Default(schema, raw) as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(schema, withDefaults)) {
    const variable = error.path.split('/')[1] ?? '(config)';
    if (seen.has(variable)) continue;
    seen.add(variable);
    const property = schema.properties[variable];
    const given = env[variable];
    const missing = given === undefined || given.trim() === '';
    issues.push({
      variable,
      problem: missing ? 'missing' : `invalid value ${show(variable, given.trim())}`,
      expected: property ? describeExpected(property) : error.message,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return deepFreeze(withDefaults) as Readonly<Static<T>>;
}

function show(variable: string, value: string): string {
  if (isSecretKey(variable)) return '(hidden)';
  const masked = maskText(value);
  return JSON.stringify(masked.length > 80 ? `${masked.slice(0, 77)}...` : masked);
}

function coerce(schema: TSchema, text: string): unknown {
  if (KindGuard.IsInteger(schema)) return /^[+-]?\d+$/.test(text) ? Number(text) : text;
  if (KindGuard.IsNumber(schema)) {
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : text;
  }
  if (KindGuard.IsBoolean(schema)) {
    const lower = text.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    return text;
  }
  if (KindGuard.IsArray(schema)) {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => coerce(schema.items, item));
  }
  return text;
}

/** A human description of what a variable accepts, preferring the schema's own description. */
export function describeExpected(schema: TSchema): string {
  const description = (schema as { description?: unknown }).description;
  if (typeof description === 'string') return description;
  if (KindGuard.IsUnion(schema) && schema.anyOf.every((s) => KindGuard.IsLiteral(s))) {
    return `one of ${schema.anyOf.map((s) => String(s.const)).join(', ')}`;
  }
  if (KindGuard.IsLiteral(schema)) return JSON.stringify(schema.const);
  if (KindGuard.IsInteger(schema) || KindGuard.IsNumber(schema)) {
    const what = KindGuard.IsInteger(schema) ? 'an integer' : 'a number';
    const { minimum, maximum } = schema;
    if (minimum !== undefined && maximum !== undefined) return `${what} from ${minimum} to ${maximum}`;
    if (minimum !== undefined) return `${what} ≥ ${minimum}`;
    if (maximum !== undefined) return `${what} ≤ ${maximum}`;
    return what;
  }
  if (KindGuard.IsBoolean(schema)) return 'true/false (also 1/0, yes/no, on/off)';
  if (KindGuard.IsArray(schema)) return `a comma-separated list of ${describeExpected(schema.items)}`;
  if (KindGuard.IsString(schema)) {
    if (schema.pattern !== undefined) return `a string matching /${schema.pattern}/`;
    if (schema.minLength !== undefined && schema.minLength > 0) return 'a non-empty string';
    return 'a string';
  }
  return 'a valid value';
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
