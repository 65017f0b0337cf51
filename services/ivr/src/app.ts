import type { HttpServer } from '@hotline/platform/http';
import { createServiceApp, type ServiceAppDeps } from '@hotline/platform/service';

export const SERVICE_NAME = 'ivr';

/** What the ivr app needs; main.ts passes the full ServiceDeps (config, pool, NATS, checks). */
export type IvrAppDeps = ServiceAppDeps;

/** The ivr HTTP app (IVR flows and their runtime); never listens, so tests drive it with `inject`. */
export function buildApp(deps: IvrAppDeps): Promise<HttpServer> {
  return createServiceApp(SERVICE_NAME, deps);
}
