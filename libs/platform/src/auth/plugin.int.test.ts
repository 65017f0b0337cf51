import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '@hotline/test-kit';
import { createKysely, createPool } from '../db/index.js';
import { createHttpServer, type HttpPlugin, type HttpServer, type RateLimitOptions } from '../http/server.js';
import { captureLogger } from '../test-support/capture.js';
import { migratePlatform } from './migrations.js';
import { assertSameTenant, authOf, authPlugin, requireRole } from './plugin.js';
import { createApiKey, createTenant, revokeApiKey, type PlatformDb } from './repository.js';
import type { PlatformDatabase } from './schema.js';

let schema: TestSchema;
let db: PlatformDb;
const keys: Record<'admin' | 'agent' | 'revoked' | 'other', string> = {
  admin: '',
  agent: '',
  revoked: '',
  other: '',
};

beforeAll(async () => {
  schema = await createTestSchema({ prefix: 'authhttp' });
  db = createKysely<PlatformDatabase>(schema.pool);
  await migratePlatform(db);
  await createTenant(db, { id: 'acme' });
  await createTenant(db, { id: 'globex' });
  keys.admin = (await createApiKey(db, { tenantId: 'acme', role: 'admin' })).plaintext;
  keys.agent = (await createApiKey(db, { tenantId: 'acme', role: 'agent' })).plaintext;
  keys.other = (await createApiKey(db, { tenantId: 'globex', role: 'admin' })).plaintext;
  const revoked = await createApiKey(db, { tenantId: 'acme', role: 'admin' });
  await revokeApiKey(db, revoked.key.id);
  keys.revoked = revoked.plaintext;
});

afterAll(async () => {
  await schema.drop();
});

async function buildApp(
  options: { db?: PlatformDb; rateLimit?: RateLimitOptions } = {},
): Promise<HttpServer> {
  const app = await createHttpServer({
    logger: captureLogger().logger,
    serviceName: 'test',
    version: '0.0.0',
    readiness: () => Promise.resolve({ status: 'ready', checks: {} }),
    rateLimit: options.rateLimit ?? { max: 1000, windowMs: 60_000 },
  });
  const routes: HttpPlugin = async (api) => {
    await api.register(authPlugin({ db: options.db ?? db }));
    api.get('/me', (request) => authOf(request));
    api.post(
      '/queues',
      {
        preValidation: requireRole('admin', 'supervisor'),
        schema: {
          body: Type.Object({ name: Type.String({ minLength: 1 }), tenantId: Type.Optional(Type.String()) }),
        },
      },
      (request) => ({ tenantId: authOf(request).tenantId, name: request.body.name }),
    );
    api.get('/owned/:tenant', { schema: { params: Type.Object({ tenant: Type.String() }) } }, (request) => {
      assertSameTenant(request, request.params.tenant);
      return { ok: true };
    });
  };
  await app.register(routes);
  return app;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const codeOf = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

describe('authPlugin', () => {
  it('leaves routes outside its scope public', async () => {
    const app = await buildApp();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers 401 AUTH_REQUIRED without a key and AUTH_INVALID for bad, foreign-scheme or revoked keys', async () => {
    const app = await buildApp();
    const none = await app.inject({ method: 'GET', url: '/me' });
    expect([none.statusCode, codeOf(none), none.headers['www-authenticate']]).toEqual([
      401,
      'AUTH_REQUIRED',
      'Bearer',
    ]);
    for (const authorization of [
      `Bearer ${keys.admin}x`,
      `Basic ${keys.admin}`,
      `Bearer ${keys.revoked}`,
      'Bearer',
    ]) {
      const res = await app.inject({ method: 'GET', url: '/me', headers: { authorization } });
      expect([res.statusCode, codeOf(res)]).toEqual([401, 'AUTH_INVALID']);
    }
  });

  it('decorates the request with the tenant and role of the key', async () => {
    const app = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/me', headers: bearer(keys.agent) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tenantId: 'acme', role: 'agent' });
  });

  it('takes the tenant from the key, never from the body', async () => {
    const app = await buildApp();
    const res = await app.inject({
      method: 'POST',
      url: '/queues',
      headers: bearer(keys.admin),
      payload: { name: 'sales', tenantId: 'globex' },
    });
    expect(res.json()).toEqual({ tenantId: 'acme', name: 'sales' });
  });

  it('refuses a bad key before reading the body', async () => {
    const app = await buildApp();
    const res = await app.inject({
      method: 'POST',
      url: '/queues',
      headers: bearer(keys.revoked),
      payload: {},
    });
    expect([res.statusCode, codeOf(res)]).toEqual([401, 'AUTH_INVALID']);
  });

  it('answers 503 AUTH_UNAVAILABLE when the key store cannot be reached', async () => {
    const pool = createPool('postgres://postgres@127.0.0.1:1/none');
    const app = await buildApp({ db: createKysely<PlatformDatabase>(pool) });
    const res = await app.inject({ method: 'GET', url: '/me', headers: bearer(keys.admin) });
    expect([res.statusCode, codeOf(res)]).toEqual([503, 'AUTH_UNAVAILABLE']);
    await pool.end();
  });
});

describe('requireRole', () => {
  it('answers 403 FORBIDDEN_ROLE before validating the body', async () => {
    const app = await buildApp();
    const res = await app.inject({
      method: 'POST',
      url: '/queues',
      headers: bearer(keys.agent),
      payload: {},
    });
    expect([res.statusCode, codeOf(res)]).toEqual([403, 'FORBIDDEN_ROLE']);
    const allowed = await app.inject({
      method: 'POST',
      url: '/queues',
      headers: bearer(keys.admin),
      payload: {},
    });
    expect([allowed.statusCode, codeOf(allowed)]).toEqual([400, 'REQUEST_INVALID']);
  });
});

describe('assertSameTenant', () => {
  it("answers another tenant's resource with 404, exactly like a missing one", async () => {
    const app = await buildApp();
    const own = await app.inject({ method: 'GET', url: '/owned/acme', headers: bearer(keys.admin) });
    expect(own.statusCode).toBe(200);
    const foreign = await app.inject({ method: 'GET', url: '/owned/acme', headers: bearer(keys.other) });
    expect([foreign.statusCode, codeOf(foreign)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
  });
});

describe('rate limiting with authentication', () => {
  it('counts valid keys separately and failed attempts by IP', async () => {
    const app = await buildApp({ rateLimit: { max: 2, windowMs: 60_000 } });
    const call = (authorization?: string) =>
      app.inject({
        method: 'GET',
        url: '/me',
        remoteAddress: '10.1.1.1',
        headers: authorization === undefined ? {} : { authorization },
      });
    expect((await call(`Bearer ${keys.admin}`)).statusCode).toBe(200);
    expect((await call(`Bearer ${keys.admin}`)).statusCode).toBe(200);
    expect((await call(`Bearer ${keys.admin}`)).statusCode).toBe(429);
    expect((await call(`Bearer ${keys.agent}`)).statusCode).toBe(200);
    expect((await call('Bearer hl_guess')).statusCode).toBe(401);
    expect((await call()).statusCode).toBe(401);
    const limited = await call('Bearer hl_guess');
    expect([limited.statusCode, codeOf(limited)]).toEqual([429, 'RATE_LIMITED']);
  });
});
