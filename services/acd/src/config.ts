import { loadConfig, serviceConfigSchema, type Env } from '@hotline/platform/config';

export const DEFAULT_PORT = 3001;

export const configSchema = serviceConfigSchema(DEFAULT_PORT);

export type AcdConfig = ReturnType<typeof loadAcdConfig>;

/** Reads and checks the environment once; throws ConfigError listing every bad variable. */
export function loadAcdConfig(env: Env = process.env) {
  return loadConfig(configSchema, env);
}
