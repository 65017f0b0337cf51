import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/pieces.js';
import { createPool, type PgPool } from '../db/index.js';
import { createLogger } from '../logging/logger.js';
import { createHttpServer, type HttpServer } from '../http/server.js';
import { runReadinessChecks, type ReadinessCheck } from '../http/readiness.js';
import type { ShutdownStep } from '../shutdown/index.js';

/** What platform needs of a NATS connection; `@nats-io/transport-node`'s satisfies it. */
export interface NatsConnectionLike {
  isClosed(): boolean;
  flush(): Promise<void>;
  drain(): Promise<void>;
}

// A type alias, not an interface, so it is assignable to Record<string, ReadinessCheck>.
export type ServiceChecks = {
  postgres: ReadinessCheck;
  nats: ReadinessCheck;
};

/** What every service's `buildApp` receives; tests pass only the fields their app uses. */
export interface ServiceDeps<
  C extends ServiceConfig = ServiceConfig,
  N extends NatsConnectionLike = NatsConnectionLike,
> {
  config: C;
  logger: Logger;
  version: string;
  pool: PgPool;
  nats: N;
  checks: ServiceChecks;
}

export interface ServiceAppDeps {
  logger: Logger;
  version: string;
  checks: Readonly<Record<string, ReadinessCheck>>;
}

/** The HTTP app of a service before its own routes: health, docs, errors, limits, readiness. */
export function createServiceApp(serviceName: string, deps: ServiceAppDeps): Promise<HttpServer> {
  return createHttpServer({
    logger: deps.logger,
    serviceName,
    version: deps.version,
    readiness: () => runReadinessChecks(deps.checks, { logger: deps.logger }),
  });
}

export function postgresCheck(pool: PgPool): ReadinessCheck {
  return () => pool.query('SELECT 1');
}

/** A closed connection is never coming back; a flush proves the server answers right now. */
export function natsCheck(nats: NatsConnectionLike): ReadinessCheck {
  return async () => {
    if (nats.isClosed()) throw new Error('NATS connection is closed');
    await nats.flush();
  };
}

/** The `version` of the package.json at `url` (a service passes `new URL('../package.json', import.meta.url)`). */
export function readPackageVersion(url: URL): string {
  const parsed = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

export interface StartServiceOptions<C extends ServiceConfig, N extends NatsConnectionLike> {
  name: string;
  version: string;
  config: C;
  /** The process's one NATS connection (`connectNats` of @hotline/messaging in production). */
  connectNats: (url: string, connectionName: string, logger: Logger) => Promise<N>;
  buildApp: (deps: ServiceDeps<C, N>) => Promise<HttpServer>;
  /** For tests: a logger of their own. */
  logger?: Logger;
}

export interface StartedService<C extends ServiceConfig, N extends NatsConnectionLike> extends ServiceDeps<
  C,
  N
> {
  app: HttpServer;
  /** In order: stop accepting HTTP (in-flight requests finish), drain NATS, end the pool. */
  shutdownSteps: ShutdownStep[];
}

/**
 * Opens the service's resources and builds its app, without listening. If a step fails, what was
 * already opened is closed again before the error is rethrown.
 */
export async function startService<C extends ServiceConfig, N extends NatsConnectionLike>(
  options: StartServiceOptions<C, N>,
): Promise<StartedService<C, N>> {
  const { config, name } = options;
  const logger = options.logger ?? createLogger({ service: name, level: config.LOG_LEVEL });
  const pool = createPool(config.DATABASE_URL, { applicationName: `hotline-${name}` });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL client failed'));
  let nats: N | undefined;
  try {
    nats = await options.connectNats(config.NATS_URL, `hotline-${name}`, logger);
    const checks: ServiceChecks = { postgres: postgresCheck(pool), nats: natsCheck(nats) };
    const deps: ServiceDeps<C, N> = { config, logger, version: options.version, pool, nats, checks };
    const app = await options.buildApp(deps);
    const opened = nats;
    const shutdownSteps: ShutdownStep[] = [
      { name: 'http', close: () => app.close() },
      { name: 'nats', close: () => (opened.isClosed() ? Promise.resolve() : opened.drain()) },
      { name: 'postgres', close: () => pool.end() },
    ];
    return { ...deps, app, shutdownSteps };
  } catch (error) {
    if (nats && !nats.isClosed()) await nats.drain().catch(() => undefined);
    await pool.end();
    throw error;
  }
}
