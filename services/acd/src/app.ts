import type { HttpServer } from '@hotline/platform/http';
import { createServiceApp, type ServiceAppDeps } from '@hotline/platform/service';

export const SERVICE_NAME = 'acd';

/** What the acd app needs; main.ts passes the full ServiceDeps (config, pool, NATS, checks). */
export type AcdAppDeps = ServiceAppDeps;

/** The acd HTTP app (queues, agents and routing); never listens, so tests drive it with `inject`. */
export function buildApp(deps: AcdAppDeps): Promise<HttpServer> {
  return createServiceApp(SERVICE_NAME, deps);
}
