import { HotlineError, NotFoundError } from '@hotline/contracts';

export function authRequired(): HotlineError {
  return new HotlineError(
    'AUTH_REQUIRED',
    'unauthenticated',
    'An API key is required: Authorization: Bearer <key>',
  );
}

/** One message for unknown, malformed, wrong and revoked keys: which one it was is not told. */
export function authInvalid(): HotlineError {
  return new HotlineError('AUTH_INVALID', 'unauthenticated', 'The API key is invalid or revoked');
}

export function authUnavailable(cause: unknown): HotlineError {
  return new HotlineError('AUTH_UNAVAILABLE', 'unavailable', 'Authentication is temporarily unavailable', {
    cause,
  });
}

export function forbiddenRole(role: string, allowed: readonly string[]): HotlineError {
  return new HotlineError(
    'FORBIDDEN_ROLE',
    'forbidden',
    `An API key with role ${role} may not do this (requires ${allowed.join(' or ')})`,
    { details: { role, allowed } },
  );
}

export function resourceNotFound(): HotlineError {
  return new NotFoundError('RESOURCE_NOT_FOUND', 'Resource not found');
}
