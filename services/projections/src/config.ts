import { loadConfig, serviceConfigSchema, type Env } from '@hotline/platform/config';

export const DEFAULT_PORT = 3004;

export const configSchema = serviceConfigSchema(DEFAULT_PORT);

export type ProjectionsConfig = ReturnType<typeof loadProjectionsConfig>;

/** Reads and checks the environment once; throws ConfigError listing every bad variable. */
export function loadProjectionsConfig(env: Env = process.env) {
  return loadConfig(configSchema, env);
}
