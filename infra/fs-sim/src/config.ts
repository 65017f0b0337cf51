/** Environment configuration of `node dist/main.js`. The ESL password has no default on purpose. */
import { SimError } from './errors.js';

export interface MainConfig {
  readonly eslHost: string;
  readonly eslPort: number;
  readonly eslPassword: string;
  readonly controlHost: string;
  readonly controlPort: number;
  readonly clock: 'scaled' | 'manual';
  readonly timeScale: number;
  readonly scenarioPath: string | undefined;
  readonly traffic: boolean;
  readonly hostname: string;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new SimError('CONFIG_INVALID', 400, `${name} must be a TCP port`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv): MainConfig {
  const password = env['FS_SIM_ESL_PASSWORD'];
  if (!password)
    throw new SimError(
      'CONFIG_INVALID',
      400,
      'FS_SIM_ESL_PASSWORD is required (there is no default password)',
    );
  const scale = Number(env['FS_SIM_TIME_SCALE'] ?? '1');
  if (!(scale > 0) || scale > 100_000)
    throw new SimError('CONFIG_INVALID', 400, 'FS_SIM_TIME_SCALE must be in (0, 100000]');
  const clock = env['FS_SIM_CLOCK'] ?? 'scaled';
  if (clock !== 'scaled' && clock !== 'manual')
    throw new SimError('CONFIG_INVALID', 400, 'FS_SIM_CLOCK must be scaled or manual');
  const traffic = (env['FS_SIM_TRAFFIC'] ?? 'off').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(traffic)) {
    throw new SimError('CONFIG_INVALID', 400, 'FS_SIM_TRAFFIC must be on or off');
  }
  return {
    eslHost: env['FS_SIM_ESL_HOST'] ?? '127.0.0.1',
    eslPort: port(env['FS_SIM_ESL_PORT'], 8021, 'FS_SIM_ESL_PORT'),
    eslPassword: password,
    controlHost: env['FS_SIM_CONTROL_HOST'] ?? '127.0.0.1',
    controlPort: port(env['FS_SIM_CONTROL_PORT'], 8022, 'FS_SIM_CONTROL_PORT'),
    clock,
    timeScale: scale,
    scenarioPath: env['FS_SIM_SCENARIO'] || undefined,
    traffic: ['on', 'true', '1'].includes(traffic),
    hostname: env['FS_SIM_HOSTNAME'] ?? 'fs-sim',
  };
}
