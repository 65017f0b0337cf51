import { loadConfig, serviceConfigSchema, type Env } from '@hotline/platform/config';

export const DEFAULT_PORT = 3003;

export const configSchema = serviceConfigSchema(DEFAULT_PORT);

export type MediaBridgeConfig = ReturnType<typeof loadMediaBridgeConfig>;

/** Reads and checks the environment once; throws ConfigError listing every bad variable. */
export function loadMediaBridgeConfig(env: Env = process.env) {
  return loadConfig(configSchema, env);
}
