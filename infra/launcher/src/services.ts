import { fileURLToPath } from 'node:url';

export interface ServiceSpec {
  name: string;
  port: number;
  /** The built entry point, relative to the repository root. */
  entry: string;
}

/** The four services and their default ports (each service's config.ts has the same default). */
export const SERVICES: readonly ServiceSpec[] = [
  { name: 'acd', port: 3001, entry: 'services/acd/dist/main.js' },
  { name: 'ivr', port: 3002, entry: 'services/ivr/dist/main.js' },
  { name: 'media-bridge', port: 3003, entry: 'services/media-bridge/dist/main.js' },
  { name: 'projections', port: 3004, entry: 'services/projections/dist/main.js' },
];

/** Background processes without an HTTP port: started with the services, stopped with them. */
export interface WorkerSpec {
  name: string;
  entry: string;
}

/** The relay publishes every stored event to JetStream (one active instance, by KV lease). */
export const WORKERS: readonly WorkerSpec[] = [{ name: 'relay', entry: 'libs/event-relay/dist/main.js' }];

/** Where the supervisors' wallboard will be served (by projections, DESIGN §5). */
export const WALLBOARD_PATH = '/wallboard';

/** The repository root, from this file's place in infra/launcher/{src,dist}. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const HOST = '127.0.0.1';

export function baseUrl(spec: ServiceSpec): string {
  return `http://${HOST}:${spec.port}`;
}
