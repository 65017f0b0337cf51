import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { HotlineError, NotFoundError, type ErrorKind } from '@hotline/contracts';
import { captureLogger } from '../test-support/capture.js';
import { ErrorBody } from './errors.js';
import type { ReadinessReport } from './readiness.js';
import { createHttpServer, type HttpServer, type HttpServerOptions } from './server.js';

const ready: ReadinessReport = { status: 'ready', checks: { postgres: { status: 'up', durationMs: 1 } } };
let app: HttpServer | undefined;

async function build(overrides: Partial<HttpServerOptions> = {}) {
  const log = captureLogger();
  app = await createHttpServer({
    logger: log.logger,
    serviceName: 'test',
    version: '1.2.3',
    readiness: () => Promise.resolve(ready),
    ...overrides,
  });
  return { app, log };
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('health', () => {
  it('answers /healthz with service and version', async () => {
    const { app } = await build();
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', service: 'test', version: '1.2.3' });
  });

  it('answers /readyz 200 when every check is up and 503 with the failing check otherwise', async () => {
    let report: ReadinessReport = ready;
    const { app } = await build({ readiness: () => Promise.resolve(report) });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    report = {
      status: 'not_ready',
      checks: {
        postgres: { status: 'up', durationMs: 1 },
        nats: { status: 'down', durationMs: 2, reason: 'error' },
      },
    };
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual(report);
  });

  it('answers 503 when the readiness evaluation itself throws', async () => {
    const { app } = await build({ readiness: () => Promise.reject(new Error('boom')) });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', checks: {} });
  });
});

describe('docs', () => {
  it('serves the OpenAPI document and the UI', async () => {
    const { app } = await build();
    app.get('/things', { schema: { summary: 'List things' } }, () => []);
    const spec = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json<{ openapi: string; info: { title: string }; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Hotline test');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/things']));
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});

describe('errors', () => {
  const cases: [ErrorKind, number][] = [
    ['invalid', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['rate_limited', 429],
    ['timeout', 504],
    ['unavailable', 503],
  ];

  it.each(cases)('maps kind %s to %i with code, message and details', async (kind, status) => {
    const { app } = await build();
    app.get('/fail', () => {
      throw new HotlineError('SOME_CODE', kind, 'what happened', { details: { id: 'x' } });
    });
    const res = await app.inject({ method: 'GET', url: '/fail' });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({
      error: { code: 'SOME_CODE', message: 'what happened', details: { id: 'x' } },
    });
  });

  it('hides messages and details of internal errors and of unexpected errors', async () => {
    const { app, log } = await build();
    app.get('/internal', () => {
      throw new HotlineError('STORE_BROKEN', 'internal', 'table x missing', { details: { sql: 'x' } });
    });
    app.get('/crash', () => {
      throw new Error('secret detail at /srv/app.js:12');
    });
    const internal = await app.inject({ method: 'GET', url: '/internal' });
    expect(internal.statusCode).toBe(500);
    expect(internal.json()).toEqual({ error: { code: 'STORE_BROKEN', message: 'Internal server error' } });
    const crash = await app.inject({ method: 'GET', url: '/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    expect(log.raw()).toContain('secret detail');
  });

  it('serializes error bodies through routes that declare ErrorBody', async () => {
    const { app } = await build();
    app.get('/gone', { schema: { response: { 404: ErrorBody } } }, () => {
      throw new NotFoundError('THING_NOT_FOUND', 'No such thing', { details: { id: 'x' } });
    });
    const res = await app.inject({ method: 'GET', url: '/gone' });
    expect(res.json()).toEqual({
      error: { code: 'THING_NOT_FOUND', message: 'No such thing', details: { id: 'x' } },
    });
  });

  it('turns schema failures into 400 REQUEST_INVALID listing every issue', async () => {
    const { app } = await build();
    const body = Type.Object({ name: Type.String({ minLength: 1 }), size: Type.Integer({ minimum: 1 }) });
    app.post('/things', { schema: { body } }, (request) => request.body);
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: '', size: 0 } });
    expect(res.statusCode).toBe(400);
    const payload = res.json<{ error: { code: string; details: { issues: { path: string }[] } } }>();
    expect(payload.error.code).toBe('REQUEST_INVALID');
    expect(payload.error.details.issues.map((i) => i.path)).toEqual(['body/name', 'body/size']);
  });

  it('coerces query strings and applies defaults', async () => {
    const { app } = await build();
    const querystring = Type.Object({
      limit: Type.Integer({ default: 10 }),
      all: Type.Boolean({ default: false }),
    });
    app.get('/q', { schema: { querystring } }, (request) => request.query);
    expect((await app.inject({ method: 'GET', url: '/q?limit=5' })).json()).toEqual({ limit: 5, all: false });
    expect((await app.inject({ method: 'GET', url: '/q?limit=x' })).statusCode).toBe(400);
  });

  it('answers unknown routes with 404 ROUTE_NOT_FOUND', async () => {
    const { app } = await build();
    const res = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'Route GET /nope not found' } });
  });

  it('rejects malformed JSON and bodies over the limit with stable codes', async () => {
    const { app } = await build({ bodyLimit: 100 });
    app.post('/echo', (request) => request.body);
    const bad = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('REQUEST_INVALID');
    const big = await app.inject({ method: 'POST', url: '/echo', payload: { text: 'x'.repeat(200) } });
    expect(big.statusCode).toBe(413);
    expect(big.json<{ error: { code: string } }>().error.code).toBe('REQUEST_TOO_LARGE');
  });
});

describe('request ids', () => {
  it('echoes a plain caller id and replaces an unsafe one', async () => {
    const { app } = await build();
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a b\n' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('rate limiting', () => {
  it('limits per IP when unauthenticated, with 429 RATE_LIMITED and Retry-After', async () => {
    const { app } = await build({ rateLimit: { max: 2, windowMs: 60_000 } });
    app.get('/x', () => 'ok');
    const from = (ip: string) => app.inject({ method: 'GET', url: '/x', remoteAddress: ip });
    expect((await from('10.0.0.1')).statusCode).toBe(200);
    expect((await from('10.0.0.1')).statusCode).toBe(200);
    const limited = await from('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await from('10.0.0.2')).statusCode).toBe(200);
    // Probes stay answerable for the orchestrator.
    expect((await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.1' })).statusCode).toBe(
      200,
    );
  });

  it('limits per API key once a request is authenticated', async () => {
    const { app } = await build({ rateLimit: { max: 1, windowMs: 60_000 } });
    app.decorateRequest('auth', null);
    app.addHook('onRequest', (request, _reply, done) => {
      const key = request.headers['x-test-key'];
      (request as unknown as { auth: unknown }).auth = typeof key === 'string' ? { keyId: key } : null;
      done();
    });
    app.get('/x', () => 'ok');
    const call = (key: string) =>
      app.inject({ method: 'GET', url: '/x', remoteAddress: '10.0.0.1', headers: { 'x-test-key': key } });
    expect((await call('a')).statusCode).toBe(200);
    expect((await call('b')).statusCode).toBe(200);
    expect((await call('a')).statusCode).toBe(429);
  });
});
