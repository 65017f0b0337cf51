import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '@hotline/test-kit';
import { loadConfig } from '../config/load.js';
import { serviceConfigSchema, type ServiceConfig } from '../config/pieces.js';
import { captureLogger } from '../test-support/capture.js';
import { createServiceApp, startService, type NatsConnectionLike } from './runtime.js';

let schema: TestSchema;
let config: ServiceConfig;

beforeAll(async () => {
  schema = await createTestSchema({ prefix: 'runtime' });
  config = loadConfig(serviceConfigSchema(0), { DATABASE_URL: schema.url });
});

afterAll(async () => {
  await schema.drop();
});

class FakeNats implements NatsConnectionLike {
  closed = false;
  drained = 0;
  flushFails = false;
  isClosed() {
    return this.closed;
  }
  flush() {
    return this.flushFails ? Promise.reject(new Error('no server')) : Promise.resolve();
  }
  drain() {
    this.drained++;
    this.closed = true;
    return Promise.resolve();
  }
}

describe('startService', () => {
  it('wires PostgreSQL and NATS into /readyz and closes in order', async () => {
    const nats = new FakeNats();
    const names: string[] = [];
    const service = await startService({
      name: 'demo',
      version: '9.9.9',
      config,
      logger: captureLogger().logger,
      connectNats: (url, connectionName) => {
        names.push(url, connectionName);
        return Promise.resolve(nats);
      },
      buildApp: (deps) => createServiceApp('demo', deps),
    });
    expect(names).toEqual(['nats://127.0.0.1:4222', 'hotline-demo']);
    const ready = await service.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ checks: { postgres: { status: 'up' }, nats: { status: 'up' } } });
    nats.flushFails = true;
    const down = await service.app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ checks: { postgres: { status: 'up' }, nats: { status: 'down' } } });
    expect(service.shutdownSteps.map((s) => s.name)).toEqual(['http', 'nats', 'postgres']);
    for (const step of service.shutdownSteps) await step.close();
    expect(nats.drained).toBe(1);
    expect(service.pool.ended).toBe(true);
  });

  it('reports PostgreSQL down when the database cannot be reached', async () => {
    const unreachable = loadConfig(serviceConfigSchema(0), {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x',
    });
    const service = await startService({
      name: 'demo',
      version: '1',
      config: unreachable,
      logger: captureLogger().logger,
      connectNats: () => Promise.resolve(new FakeNats()),
      buildApp: (deps) => createServiceApp('demo', deps),
    });
    const res = await service.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      checks: { postgres: { status: 'down', reason: 'error' }, nats: { status: 'up' } },
    });
    for (const step of service.shutdownSteps) await step.close();
  });

  it('closes what it opened when a later step fails', async () => {
    const nats = new FakeNats();
    let pool: { ended: boolean } | undefined;
    await expect(
      startService({
        name: 'demo',
        version: '1',
        config,
        logger: captureLogger().logger,
        connectNats: () => Promise.resolve(nats),
        buildApp: (deps) => {
          pool = deps.pool;
          return Promise.reject(new Error('bad route'));
        },
      }),
    ).rejects.toThrow('bad route');
    expect(nats.drained).toBe(1);
    expect(pool?.ended).toBe(true);
  });
});
