import { Type, type Static } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isHotlineError, type ErrorKind, type ValidationIssue } from '@hotline/contracts';

/** The body of every error response; add it to route schemas (`response: { 400: ErrorBody }`). */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** HotlineError.kind → HTTP status: the only such table (docs/decisions.md D3). */
export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  timeout: 504,
  unavailable: 503,
  internal: 500,
};

/** Codes for errors raised by fastify itself (parsing, limits), by status. */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'REQUEST_INVALID',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'REQUEST_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'MEDIA_TYPE_UNSUPPORTED',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

function body(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

function validationIssues(error: FastifyError): ValidationIssue[] {
  const context = error.validationContext ?? 'request';
  return (error.validation ?? []).map((issue) => {
    const missing = (issue.params as { missingProperty?: unknown } | undefined)?.missingProperty;
    const path = issue.instancePath + (typeof missing === 'string' ? `/${missing}` : '');
    return { path: `${context}${path}`, message: issue.message ?? 'is invalid' };
  });
}

/** Maps anything thrown by a handler or hook to a status and a body that leaks nothing internal. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (isHotlineError(error)) {
    const status = STATUS_BY_KIND[error.kind];
    // An internal HotlineError is deliberate but its message may describe internals.
    const message = error.kind === 'internal' ? 'Internal server error' : error.message;
    return { status, body: body(error.code, message, error.kind === 'internal' ? undefined : error.details) };
  }
  const fastifyError = error as Partial<FastifyError> | null;
  if (fastifyError && Array.isArray(fastifyError.validation)) {
    const issues = validationIssues(fastifyError as FastifyError);
    return { status: 400, body: body('REQUEST_INVALID', 'Request validation failed', { issues }) };
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own 4xx messages describe the request (bad JSON, body too large), never internals.
    const message = typeof fastifyError?.message === 'string' ? fastifyError.message : 'Bad request';
    return { status, body: body(CODE_BY_STATUS[status] ?? 'REQUEST_REJECTED', message) };
  }
  return { status: 500, body: body('INTERNAL', 'Internal server error') };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body: payload } = toErrorResponse(error);
  if (status >= 500) request.log.error({ err: error, status }, 'request failed');
  else request.log.info({ code: payload.error.code, status }, 'request rejected');
  return reply.code(status).type('application/json; charset=utf-8').send(payload);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .send(body('ROUTE_NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0] ?? ''} not found`));
}
