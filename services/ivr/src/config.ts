import { loadConfig, serviceConfigSchema, type Env } from '@hotline/platform/config';

export const DEFAULT_PORT = 3002;

export const configSchema = serviceConfigSchema(DEFAULT_PORT);

export type IvrConfig = ReturnType<typeof loadIvrConfig>;

/** Reads and checks the environment once; throws ConfigError listing every bad variable. */
export function loadIvrConfig(env: Env = process.env) {
  return loadConfig(configSchema, env);
}
