/**
 * switch_ivr_parse_event for `sendmsg`: call-command execute (with loops, Event-UUID → Application-UUID)
 * or hangup (hangup-cause). Afterwards the message is re-fired as PRIVATE_COMMAND — except for messages
 * taken while the channel was not yet answered, which the captures never show echoed.
 */
import { packetHeader, type Packet } from '../esl/packet-parser.js';
import type { SimContext } from '../sim/context.js';
import { parseCause } from './causes.js';
import type { Channel } from './channel.js';
import { AT, fireChannelEvent } from './events.js';
import { execute } from './execute.js';
import { hangup } from './lifecycle.js';

export async function processMessage(sim: SimContext, ch: Channel, msg: Packet): Promise<void> {
  const echo = ch.answered;
  const firePrivate = (): void => {
    if (!echo) return;
    fireChannelEvent(ch, 'PRIVATE_COMMAND', AT.privateCommand, {
      pre: [['Command', msg.command], ...msg.headers],
      ...(msg.body !== undefined ? { body: msg.body } : {}),
    });
  };
  const command = packetHeader(msg, 'call-command')?.toLowerCase();
  if (command === 'execute') {
    const app = packetHeader(msg, 'execute-app-name');
    if (app === undefined || app === '') {
      firePrivate();
      return;
    }
    const arg = packetHeader(msg, 'execute-app-arg') ?? msg.body;
    const loops = Math.max(1, Number.parseInt(packetHeader(msg, 'loops') ?? '1', 10) || 1);
    const eventUuid = packetHeader(msg, 'Event-UUID');
    const uuidName = packetHeader(msg, 'Event-UUID-Name');
    for (let i = 1; i <= loops && ch.isUp; i++) {
      ch.vars.set('current_loop', String(i));
      ch.vars.set('total_loops', String(loops));
      const result = await execute(sim, ch, app, arg, eventUuid, uuidName, firePrivate);
      if (result === 'parked') return;
    }
    ch.vars.set('current_loop', undefined);
    ch.vars.set('total_loops', undefined);
  } else if (command === 'hangup') {
    hangup(ch, parseCause(packetHeader(msg, 'hangup-cause')));
  }
  firePrivate();
}
