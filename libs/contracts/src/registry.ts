import { type Static, type TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { FormatRegistry } from '@sinclair/typebox';
import { ValidationError, type ValidationIssue } from './errors.js';
import { EventMetadataSchema, EventIdSchema, type NewEvent } from './envelope.js';
import { categoryOf, type Category } from './streams.js';

/** TypeBox leaves string formats to the host; these are the ones the catalogue uses. */
const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => uuidRe.test(v));
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (v) => isoDateTime.test(v) && !Number.isNaN(Date.parse(v)));
}

export interface EventDefinition<TType extends string = string, TSchema extends TObject = TObject> {
  readonly type: TType;
  /** The only stream category this event may be written to. */
  readonly category: Category;
  readonly schema: TSchema;
  /** Dotted paths in `data` that hold personal data (caller numbers, recordings): masked in logs. */
  readonly personal: readonly string[];
}

export function defineEvent<TType extends string, TSchema extends TObject>(
  type: TType,
  category: Category,
  schema: TSchema,
  personal: readonly string[] = [],
): EventDefinition<TType, TSchema> {
  return Object.freeze({ type, category, schema, personal: Object.freeze([...personal]) });
}

export type EventDataOf<D> = D extends EventDefinition<string, infer S> ? Static<S> : never;

function issuesOf(check: TypeCheck<TObject>, value: unknown, prefix: string): ValidationIssue[] {
  return [...check.Errors(value)]
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
