import type { HttpServer } from '@hotline/platform/http';
import { createServiceApp, type ServiceAppDeps } from '@hotline/platform/service';

export const SERVICE_NAME = 'media-bridge';

/** What the media-bridge app needs; main.ts passes the full ServiceDeps (config, pool, NATS, checks). */
export type MediaBridgeAppDeps = ServiceAppDeps;

/** The media-bridge HTTP app (the FreeSWITCH bridge); never listens, so tests drive it with `inject`. */
export function buildApp(deps: MediaBridgeAppDeps): Promise<HttpServer> {
  return createServiceApp(SERVICE_NAME, deps);
}
