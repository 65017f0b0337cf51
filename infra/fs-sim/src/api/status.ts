/** `status` and `hostname`, formatted like FreeSWITCH 1.11.2. */
import { formatUptime } from '../core/uptime.js';
import type { SimContext } from '../sim/context.js';

export const FS_VERSION = '1.11.2-release';

export function statusCommand(sim: SimContext): string {
  const core = sim.core;
  const current = core.channels.size;
  const perSecLast = core.recentSessions(1000);
  const perSec5min = Math.ceil(core.recentSessions(300_000) / 300);
  return (
    `UP ${formatUptime(core.uptimeMicros())}\n` +
    `FreeSWITCH (Version ${FS_VERSION}  64bit) is ready\n` +
    `${core.stats.sinceStartup} session(s) since startup\n` +
    `${current} session(s) - peak ${core.stats.peak}, last 5min ${core.stats.peak} \n` +
    `${perSecLast} session(s) per Sec out of max 30, peak ${Math.max(perSecLast, perSec5min)}, last 5min ${perSec5min} \n` +
    `1000 session(s) max\n` +
    `min idle cpu 0.00/99.70\n` +
    `Current Stack Size/Max 240K/8192K\n`
  );
}

export function hostnameCommand(sim: SimContext): string {
  return sim.core.identity.hostname;
}
