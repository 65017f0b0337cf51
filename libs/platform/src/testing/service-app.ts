import { afterEach, describe, expect, it } from 'vitest';
import type { HttpServer } from '../http/index.js';
import { createLogger } from '../logging/index.js';
import type { ServiceAppDeps } from '../service/index.js';

type Check = () => Promise<unknown>;
type BuildApp = (deps: ServiceAppDeps) => Promise<HttpServer>;

/**
 * What every Hotline HTTP service must do, whatever else it serves: liveness without touching
 * dependencies, readiness per dependency, OpenAPI at /docs, the shared error body. Each service's
 * app.test.ts runs it against its own buildApp.
 */
export function describeServiceApp(name: string, buildApp: BuildApp): void {
  const up = () => Promise.resolve();
  const down = () => Promise.reject(new Error('connection refused'));
  let app: HttpServer | undefined;

  async function build(checks: { postgres: Check; nats: Check }) {
    app = await buildApp({
      logger: createLogger({ service: name, level: 'silent' }),
      version: '1.0.0',
      checks,
    });
    return app;
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  describe(`${name} app (service conformance)`, () => {
    it('answers /healthz without touching dependencies', async () => {
      const res = await (
        await build({ postgres: down, nats: down })
      ).inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', service: name, version: '1.0.0' });
    });

    it('is ready when PostgreSQL and NATS answer', async () => {
      const res = await (await build({ postgres: up, nats: up })).inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'ready',
        checks: { postgres: { status: 'up' }, nats: { status: 'up' } },
      });
    });

    it.each([
      ['postgres', { postgres: down, nats: up }],
      ['nats', { postgres: up, nats: down }],
    ])('is not ready while %s is down', async (failing, checks) => {
      const res = await (await build(checks)).inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'not_ready',
        checks: { [failing]: { status: 'down', reason: 'error' } },
      });
    });

    it('serves its OpenAPI document and the docs UI', async () => {
      const app = await build({ postgres: up, nats: up });
      const spec = await app.inject({ method: 'GET', url: '/docs/json' });
      expect(spec.json()).toMatchObject({ info: { title: `Hotline ${name}`, version: '1.0.0' } });
      const ui = await app.inject({ method: 'GET', url: '/docs' });
      expect([ui.statusCode, ui.headers['content-type']]).toEqual([
        200,
        expect.stringContaining('text/html'),
      ]);
    });

    it('answers unknown routes with the shared error body', async () => {
      const res = await (await build({ postgres: up, nats: up })).inject({ method: 'GET', url: '/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    });
  });
}
