import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { HotlineError } from '@hotline/contracts';
import { authInvalid, authRequired, authUnavailable, forbiddenRole, resourceNotFound } from './errors.js';
import { verifyApiKey, type AuthContext, type PlatformDb } from './repository.js';
import type { Role } from './schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authPlugin when the request carries a valid API key; the tenant comes only from here. */
    auth: AuthContext | null;
  }
}

export interface AuthPluginOptions {
  db: PlatformDb;
}

// Why authentication failed, kept off the request object until enforcement raises it.
const failures = new WeakMap<FastifyRequest, HotlineError>();

const BEARER = /^Bearer +(\S+) *$/i;

function rejection(request: FastifyRequest, reply: FastifyReply): HotlineError {
  reply.header('www-authenticate', 'Bearer');
  return failures.get(request) ?? authRequired();
}

/**
 * Authenticates every route in the scope it is registered in (it is not encapsulated, so register
 * it inside the scope of the protected routes, not at the root next to /healthz).
 *
 * Identification runs in onRequest and only records the outcome; the rejection happens in
 * preParsing. In between, the rate limiter's route hook runs, so it can count by API key once
 * identified and still count failed attempts by IP — and a bad key is refused before the body is
 * read or validated.
 */
export function authPlugin(options: AuthPluginOptions): FastifyPluginCallback {
  return fp(
    (scope, _options, done) => {
      if (!scope.hasRequestDecorator('auth')) scope.decorateRequest('auth', null);
      scope.addHook('onRequest', async (request) => {
        const header = request.headers.authorization;
        if (header === undefined || header === '') {
          failures.set(request, authRequired());
          return;
        }
        const token = BEARER.exec(header)?.[1];
        if (token === undefined) {
          failures.set(request, authInvalid());
          return;
        }
        try {
          const auth = await verifyApiKey(options.db, token);
          if (auth) request.auth = auth;
          else failures.set(request, authInvalid());
        } catch (error) {
          failures.set(request, authUnavailable(error));
        }
      });
      scope.addHook('preParsing', (request, reply, payload) =>
        request.auth ? Promise.resolve(payload) : Promise.reject(rejection(request, reply)),
      );
      done();
    },
    { name: 'hotline-auth', fastify: '5.x' },
  );
}

/** The caller's auth context; throws AUTH_REQUIRED where authPlugin did not run or failed. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw failures.get(request) ?? authRequired();
  return request.auth;
}

/**
 * A hook that lets only the given roles through (403 FORBIDDEN_ROLE). Use it as `preValidation`
 * (or `preHandler`) so a caller without the role learns nothing from validation errors.
 */
export function requireRole(
  ...roles: Role[]
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return (request, reply) => {
    if (!request.auth) return Promise.reject(rejection(request, reply));
    if (!roles.includes(request.auth.role)) return Promise.reject(forbiddenRole(request.auth.role, roles));
    return Promise.resolve();
  };
}

/**
 * Object-level check: the resource must belong to the caller's tenant. A resource of another
 * tenant answers exactly like a missing one (404, not 403), so ids of other tenants cannot be
 * probed. Pass the row's tenant (or undefined when there is no row) and, ideally, the same
 * not-found error the route raises for a missing resource.
 */
export function assertSameTenant(
  request: FastifyRequest,
  resourceTenantId: string | null | undefined,
  notFound: () => HotlineError = resourceNotFound,
): void {
  const auth = authOf(request);
  if (resourceTenantId == null || resourceTenantId !== auth.tenantId) throw notFound();
}
