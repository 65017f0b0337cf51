/**
 * The session thread of a leg: route (dialplan or originate application), then take sendmsg messages one
 * at a time until the leg hangs up or is transferred, then unwind parks and run the teardown.
 */
import type { SimContext } from '../sim/context.js';
import type { Channel } from './channel.js';
import { closeParks } from './execute.js';
import { processMessage } from './messages.js';
import { teardown } from './teardown.js';

/** One scheduler turn: lets the thread that caused a hang-up (an api command) finish first, as in FS. */
export function tick(sim: SimContext): Promise<void> {
  return new Promise((resolve) => sim.clock.defer(resolve));
}

export type Route = () => Promise<void>;

export async function runSession(sim: SimContext, ch: Channel, route: Route): Promise<void> {
  let next: Route | undefined = route;
  while (next) {
    await next();
    next = undefined;
    for (;;) {
      if (ch.pendingTransfer) break;
      const msg = await ch.nextMessage();
      if (!msg) break;
      await processMessage(sim, ch, msg);
    }
    const transfer = ch.pendingTransfer;
    ch.pendingTransfer = undefined;
    if (transfer && ch.isUp) {
      closeParks(ch);
      next = () => transfer(sim, ch);
    }
  }
  if (ch.vanished) return;
  await tick(sim);
  await ch.beforeTeardown();
  closeParks(ch);
  teardown(ch);
}
