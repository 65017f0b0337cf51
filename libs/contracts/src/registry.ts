import { type Static, type TObject } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import './formats.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { EventMetadataSchema, EventIdSchema, type NewEvent } from './envelope.js';
import { categoryOf, type Category } from './streams.js';

export interface EventDefinition<TType extends string = string, TSchema extends TObject = TObject> {
  readonly type: TType;
  /** The only stream category this event may be written to. */
  readonly category: Category;
  readonly schema: TSchema;
  /** Dotted paths in `data` that hold personal data (caller numbers, recordings): masked in logs. */
  readonly personal: readonly string[];
  /**
   * Cross-field rules a JSON schema cannot say (e.g. a reason code exactly when not-ready). Runs only
   * on data that passed the schema; returns issues with paths relative to `data` (`/reasonCode`).
   */
  // Method syntax on purpose: parameters are then bivariant, so a definition with a precise data
  // type still fits the catalogue's EventDefinition<string, TObject>.
  refine?(data: Static<TSchema>): ValidationIssue[];
}

export function defineEvent<TType extends string, TSchema extends TObject>(
  type: TType,
  category: Category,
  schema: TSchema,
  personal: readonly string[] = [],
  refine?: (data: Static<TSchema>) => ValidationIssue[],
): EventDefinition<TType, TSchema> {
  const frozen = Object.freeze([...personal]);
  return Object.freeze(
    refine
      ? { type, category, schema, personal: frozen, refine }
      : { type, category, schema, personal: frozen },
  );
}

export type EventDataOf<D> = D extends EventDefinition<string, infer S> ? Static<S> : never;

/**
 * TypeBox reports a failed union as one "Expected union value" at the union's path. For a
 * discriminated union whose tag matched exactly one variant (no literal mismatch on a direct field),
 * report that variant's errors instead, so the path points at the field to fix. Other unions (enums
 * of literals, tags that match nothing) keep the single error.
 */
function flattenUnions(errors: Iterable<ValueError>): ValueError[] {
  const out: ValueError[] = [];
  for (const error of errors) {
    if (error.type === ValueErrorType.Union) {
      const tagMismatch = (e: ValueError) =>
        e.type === ValueErrorType.Literal &&
        e.path.startsWith(`${error.path}/`) &&
        !e.path.slice(error.path.length + 1).includes('/');
      const matching = error.errors.map((it) => [...it]).filter((variant) => !variant.some(tagMismatch));
      const [only] = matching;
      if (matching.length === 1 && only && only.length > 0) {
        out.push(...flattenUnions(only));
        continue;
      }
    }
    out.push(error);
  }
  return out;
}

function issuesOf(check: TypeCheck<TObject>, value: unknown, prefix: string): ValidationIssue[] {
  return flattenUnions(check.Errors(value))
    .slice(0, 20)
    .map((e) => ({ path: `${prefix}${e.path}`, message: e.message }));
}

/**
 * Validates events by type against a catalogue. Unknown type → EVENT_TYPE_UNKNOWN; bad payload or
 * metadata → EVENT_INVALID; event written to the wrong category → EVENT_CATEGORY_MISMATCH.
 */
export class EventRegistry {
  private readonly byType = new Map<string, { def: EventDefinition; check: TypeCheck<TObject> }>();
  private readonly metadataCheck = TypeCompiler.Compile(EventMetadataSchema);
  private readonly idCheck = TypeCompiler.Compile(EventIdSchema);

  constructor(definitions: readonly EventDefinition[]) {
    for (const def of definitions) {
      if (this.byType.has(def.type)) throw new Error(`event type ${def.type} defined twice`);
      this.byType.set(def.type, { def, check: TypeCompiler.Compile(def.schema) });
    }
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  definition(type: string): EventDefinition | undefined {
    return this.byType.get(type)?.def;
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Throws a typed error unless `event` is a well-formed, known event (for `stream` when given). */
  validate(event: NewEvent, stream?: string): void {
    const entry = this.byType.get(event.type);
    if (!entry) {
      throw new ValidationError('EVENT_TYPE_UNKNOWN', `unknown event type ${JSON.stringify(event.type)}`, [
        { path: '/type', message: 'not in the event catalogue' },
      ]);
    }
    const issues: ValidationIssue[] = [];
    if (typeof event.id !== 'string' || !this.idCheck.Check(event.id)) {
      issues.push({ path: '/id', message: 'must be a UUID' });
    }
    if (!entry.check.Check(event.data)) issues.push(...issuesOf(entry.check, event.data, '/data'));
    else if (entry.def.refine) {
      issues.push(...entry.def.refine(event.data).map((i) => ({ ...i, path: `/data${i.path}` })));
    }
    if (!this.metadataCheck.Check(event.metadata)) {
      issues.push(...issuesOf(this.metadataCheck, event.metadata, '/metadata'));
    }
    if (issues.length > 0) {
      throw new ValidationError('EVENT_INVALID', `invalid ${event.type} event`, issues);
    }
    if (stream !== undefined && categoryOf(stream) !== entry.def.category) {
      throw new ValidationError(
        'EVENT_CATEGORY_MISMATCH',
        `${event.type} belongs in ${entry.def.category}- streams, not ${JSON.stringify(stream)}`,
        [{ path: '/type', message: `category must be ${entry.def.category}` }],
      );
    }
  }
}
