import type { HttpServer } from '@hotline/platform/http';
import { createServiceApp, type ServiceAppDeps } from '@hotline/platform/service';

export const SERVICE_NAME = 'projections';

/** What the projections app needs; main.ts passes the full ServiceDeps (config, pool, NATS, checks). */
export type ProjectionsAppDeps = ServiceAppDeps;

/** The projections HTTP app (read models, wallboard and reports); never listens, so tests drive it with `inject`. */
export function buildApp(deps: ProjectionsAppDeps): Promise<HttpServer> {
  return createServiceApp(SERVICE_NAME, deps);
}
