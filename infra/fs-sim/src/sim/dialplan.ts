/**
 * The simulator's dialplan, the one the Hotline FreeSWITCH config uses: any number that is not an agent
 * extension runs `set outside_call=true`, `export RFC2822_DATE=...` and `park` (the bridge takes over);
 * an agent extension (a blind transfer target) is bridged with hangup_after_bridge, like Local_Extension.
 */
import type { Channel } from '../channel/channel.js';
import { execute } from '../channel/execute.js';
import { hangup } from '../channel/lifecycle.js';
import { fireApiEvent } from '../api/api-event.js';
import { rfc2822Date } from '../core/uptime.js';
import type { SimContext } from './context.js';

export async function runDialplan(sim: SimContext, ch: Channel, destination: string): Promise<void> {
  if (sim.directory.get(destination)) {
    await execute(sim, ch, 'set', 'hangup_after_bridge=true');
    if (ch.isUp) await execute(sim, ch, 'bridge', `user/${destination}@${sim.directory.domain}`);
    // The extension has no more applications: FreeSWITCH hangs the call up.
    if (ch.isUp && !ch.pendingTransfer) hangup(ch, 'NORMAL_CLEARING');
    return;
  }
  await execute(sim, ch, 'set', 'outside_call=true');
  if (!ch.isUp) return;
  fireApiEvent(sim.core, 'strftime', '%a, %d %b %Y %T %z');
  await execute(sim, ch, 'export', `RFC2822_DATE=${rfc2822Date(sim.clock.now())}`);
  if (!ch.isUp) return;
  await execute(sim, ch, 'park');
}
