import {
  ConfigError,
  loadConfig,
  serviceConfigSchema,
  type ConfigIssue,
  type Env,
} from '@hotline/platform/config';
import { Type } from '@sinclair/typebox';
import type { FsNodeConfig } from './media-node.js';

export const DEFAULT_PORT = 3003;

export const configSchema = Type.Object({
  ...serviceConfigSchema(DEFAULT_PORT).properties,
  /** `name@host:port:password,…` — one ESL connection per FreeSWITCH node. */
  FS_NODES: Type.Optional(Type.String({ minLength: 1 })),
  /** Optional ESL request timeout (ms). */
  ESL_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 5000 }),
  /** JetStream KV bucket of the calls the bridge has open (survives a bridge restart). */
  MEDIA_CALLS_BUCKET: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', default: 'hotline_media_calls' }),
});

const NODE_NAME = /^[A-Za-z0-9_-]{1,32}$/;
const EXPECTED = 'name@host:port:password[,…] (name: letters, digits, _ or -; port 1-65535)';

/** Parses FS_NODES; every bad entry is reported (without its password). */
export function parseFsNodes(value: string | undefined): FsNodeConfig[] {
  if (value === undefined) return [];
  const issues: ConfigIssue[] = [];
  const nodes: FsNodeConfig[] = [];
  value.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    const at = entry.indexOf('@');
    const [host = '', portText = '', ...secret] = entry.slice(at + 1).split(':');
    const name = entry.slice(0, Math.max(at, 0));
    const port = Number(portText);
    const password = secret.join(':');
    const ok =
      at > 0 &&
      NODE_NAME.test(name) &&
      host !== '' &&
      Number.isInteger(port) &&
      port > 0 &&
      port < 65536 &&
      password;
    if (!ok) {
      issues.push({
        variable: 'FS_NODES',
        problem: `entry ${i + 1} (${name || '?'}) is malformed`,
        expected: EXPECTED,
      });
    } else if (nodes.some((n) => n.name === name)) {
      issues.push({
        variable: 'FS_NODES',
        problem: `node name ${name} is used twice`,
        expected: 'unique names',
      });
    } else {
      nodes.push({ name, host, port, password });
    }
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return nodes;
}

export type MediaBridgeConfig = ReturnType<typeof loadMediaBridgeConfig>;

/**
 * Reads and checks the environment once; throws ConfigError listing every bad variable. FS_NODES is
 * required when NODE_ENV=production; elsewhere an unset FS_NODES starts the service health-only.
 */
export function loadMediaBridgeConfig(env: Env = process.env) {
  const config = loadConfig(configSchema, env);
  const fsNodes = Object.freeze(parseFsNodes(config.FS_NODES).map((n) => Object.freeze(n)));
  if (env.NODE_ENV === 'production' && fsNodes.length === 0) {
    throw new ConfigError([{ variable: 'FS_NODES', problem: 'missing', expected: EXPECTED }]);
  }
  return Object.freeze({ ...config, fsNodes });
}
