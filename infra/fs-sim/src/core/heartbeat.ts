/** HEARTBEAT every 20 s (event-heartbeat-interval) and the RE_SCHEDULE of its scheduler task. */
import type { TimerHandle } from '../clock/virtual-clock.js';
import type { FsCore } from './core.js';
import { formatUptime } from './uptime.js';

export function startHeartbeat(core: FsCore, intervalMs: number): () => void {
  let timer: TimerHandle | undefined;
  const beat = (): void => {
    const uptime = core.uptimeMicros();
    const perSec = core.recentSessions(1000);
    core.fire({
      name: 'HEARTBEAT',
      calling: { file: 'switch_core.c', func: 'send_heartbeat', line: 95 },
      headers: [
        ['Event-Info', 'System Ready'],
        ['Up-Time', formatUptime(uptime)],
        ['FreeSWITCH-Version', '1.11.2-release~64bit'],
        ['Uptime-msec', String(Math.floor(uptime / 1000))],
        ['Session-Count', String(core.channels.size)],
        ['Max-Sessions', '1000'],
        ['Session-Per-Sec', '30'],
        ['Session-Per-Sec-Last', String(perSec)],
        ['Session-Per-Sec-Max', String(Math.max(perSec, core.stats.peak > 0 ? 1 : 0))],
        ['Session-Per-Sec-FiveMin', String(Math.ceil(core.recentSessions(300_000) / 300))],
        ['Session-Since-Startup', String(core.stats.sinceStartup)],
        ['Session-Peak-Max', String(core.stats.peak)],
        ['Session-Peak-FiveMin', String(core.stats.peak)],
        ['Idle-CPU', '99.000000'],
      ],
    });
    core.fire({
      name: 'RE_SCHEDULE',
      calling: { file: 'switch_scheduler.c', func: 'switch_scheduler_execute', line: 73 },
      headers: [
        ['Task-ID', '1'],
        ['Task-Desc', 'heartbeat'],
        ['Task-Group', 'core'],
        ['Task-Runtime', String(Math.floor((core.clock.now() + intervalMs) / 1000))],
      ],
    });
    timer = core.clock.setTimeout(beat, intervalMs);
  };
  if (intervalMs > 0) timer = core.clock.setTimeout(beat, intervalMs);
  return () => core.clock.clearTimeout(timer);
}
