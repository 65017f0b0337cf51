import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { HotlineError } from '@hotline/contracts';
import type { Logger } from 'pino';
import { ErrorBody, errorHandler, notFoundHandler } from './errors.js';
import { registerHealthRoutes } from './health.js';
import type { ReadinessReport } from './readiness.js';
import { validatorCompiler } from './validation.js';

export type HttpServer = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A route plugin with TypeBox-typed requests: `const routes: HttpPlugin = async (api) => { … }`. */
export type HttpPlugin<Options extends Record<string, unknown> = Record<never, never>> =
  FastifyPluginAsyncTypebox<Options>;
export type { TypeBoxTypeProvider };

export interface RateLimitOptions {
  /** Requests allowed per window and client (API key when authenticated, else IP). */
  max: number;
  windowMs: number;
}

export interface HttpServerOptions {
  logger: Logger;
  serviceName: string;
  version: string;
  readiness: () => Promise<ReadinessReport>;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Default 600 requests per minute per client; `false` turns limiting off (tests only). */
  rateLimit?: RateLimitOptions | false;
  /** Trust X-Forwarded-* (only behind a proxy that sets them); default false. */
  trustProxy?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A caller-supplied X-Request-Id is kept for tracing if it is short and plain; else a fresh UUID. */
function requestId(raw: IncomingMessage): string {
  const header = raw.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Identifies a client for rate limiting: the API key once authenticated, the IP otherwise. */
export function rateLimitKey(request: FastifyRequest): string {
  const auth = (request as { auth?: { keyId: string } | null }).auth;
  return auth ? `key:${auth.keyId}` : `ip:${request.ip}`;
}

/**
 * The HTTP bootstrap every service uses: TypeBox validation, one error handler, request ids,
 * body and rate limits, OpenAPI at /docs, and /healthz + /readyz. It never listens; callers add
 * routes (inside `register` scopes, after `authPlugin`) and then `listen` or `inject`.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  // Typed as fastify's logger interface so the instance type stays the exported HttpServer.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = fastify({
    loggerInstance,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: requestId,
    // Without a proxy in front, a slow client must not hold a socket forever.
    requestTimeout: 30_000,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  app.addSchema(ErrorBody);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: `Hotline ${options.serviceName}`, version: options.version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  if (options.rateLimit !== false) {
    const limits = options.rateLimit ?? { max: 600, windowMs: 60_000 };
    await app.register(rateLimit, {
      max: limits.max,
      timeWindow: limits.windowMs,
      // A route hook: it runs after the app-level onRequest hooks, so after authentication.
      hook: 'onRequest',
      keyGenerator: rateLimitKey,
      errorResponseBuilder: (_request, context) =>
        new HotlineError('RATE_LIMITED', 'rate_limited', `Rate limit exceeded, retry in ${context.after}`, {
          details: { limit: context.max, retryAfterMs: context.ttl },
        }),
    });
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFoundHandler);
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }

  registerHealthRoutes(app, options);
  return app;
}
