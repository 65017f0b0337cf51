/**
 * uuid_hold [off|toggle] <uuid> (mod_commands → switch_ivr_hold_uuid / switch_ivr_unhold_uuid). Not in
 * the 1.11.2 captures; follows the source: the held channel goes to callstate HELD (CHANNEL_CALLSTATE),
 * then CHANNEL_HOLD; unhold goes back to ACTIVE and fires CHANNEL_UNHOLD. The bridge stays up. The held
 * channel's music (`hold_music`, else `local_stream://moh`) is recorded on it until unhold or hang-up:
 * FreeSWITCH broadcasts it to the held channel's PARTNER (switch_ivr_hold), so an agent-side hold is
 * `uuid_hold <agent leg>` and the caller hears it.
 */
import type { Channel } from '../channel/channel.js';
import { fireChannelEvent } from '../channel/events.js';
import { setCallState } from '../channel/lifecycle.js';
import type { Calling } from '../core/core.js';
import type { SimContext } from '../sim/context.js';
import { NO_SUCH_CHANNEL } from './uuid-commands.js';

export const DEFAULT_HOLD_MUSIC = 'local_stream://moh';
const USAGE = '-USAGE: [off|toggle] <uuid>\n';
// Not in the captures: taken from the source tree, may be a few lines off.
const AT_HOLD: Calling = { file: 'switch_ivr.c', func: 'switch_ivr_hold', line: 1432 };
const AT_UNHOLD: Calling = { file: 'switch_ivr.c', func: 'switch_ivr_unhold', line: 1507 };

function hold(ch: Channel): void {
  if (ch.holdMusic !== undefined) return;
  ch.holdMusic = ch.vars.get('hold_music') ?? DEFAULT_HOLD_MUSIC;
  setCallState(ch, 'HELD');
  fireChannelEvent(ch, 'CHANNEL_HOLD', AT_HOLD);
}

function unhold(ch: Channel): void {
  if (ch.holdMusic === undefined) return;
  ch.holdMusic = undefined;
  setCallState(ch, 'ACTIVE');
  fireChannelEvent(ch, 'CHANNEL_UNHOLD', AT_UNHOLD);
}

export function uuidHoldCommand(sim: SimContext, args: string): string {
  const argv = args.split(/\s+/).filter((a) => a !== '');
  const [first, second] = argv;
  if (first === undefined || argv.length > 2) return USAGE;
  const mode = argv.length === 2 ? first : 'on';
  const uuid = argv.length === 2 ? second : first;
  if ((mode !== 'on' && mode !== 'off' && mode !== 'toggle') || uuid === undefined) return USAGE;
  const ch = sim.core.findChannel(uuid);
  if (!ch?.isUp) return NO_SUCH_CHANNEL;
  if (mode === 'on' || (mode === 'toggle' && ch.holdMusic === undefined)) hold(ch);
  else unhold(ch);
  return '+OK Success\n';
}
