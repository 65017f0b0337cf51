import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';
// Loads the contracts so their TypeBox string formats (uuid, date-time) are registered.
import '@hotline/contracts';

/** Enough for a client to fix a request; bounded so a huge invalid array cannot bloat the reply. */
const MAX_ISSUES = 50;

/**
 * Validates with TypeBox (the same checker as events and NATS payloads) instead of Ajv: every issue
 * is reported, defaults are applied, and query/params/headers strings are coerced; bodies are not
 * coerced, since JSON already carries types.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const checker = TypeCompiler.Compile(schema);
  return (input: unknown) => {
    const converted = httpPart === 'body' ? input : Value.Convert(schema, input);
    const value = Value.Default(schema, converted);
    if (checker.Check(value)) return { value };
    const issues: { message: string; instancePath: string }[] = [];
    for (const error of checker.Errors(value)) {
      issues.push({ message: error.message, instancePath: error.path });
      if (issues.length >= MAX_ISSUES) break;
    }
    return { error: issues as never };
  };
};
