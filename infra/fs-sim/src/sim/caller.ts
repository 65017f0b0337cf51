/**
 * The person behind an inbound leg: presses the scripted digits each time a prompt waits for input,
 * abandons after `patienceMs` if no agent has been connected, hangs up `talkMs` after being connected
 * (or at `maxDurationMs`). Hanging up is a BYE once answered (NORMAL_CLEARING), a CANCEL before
 * (ORIGINATOR_CANCEL).
 */
import type { Channel } from '../channel/channel.js';
import { hangup } from '../channel/lifecycle.js';
import type { SimContext } from './context.js';
import { pressDigits } from './dtmf.js';

export interface DigitInput {
  readonly digits: string;
  /** After the prompt starts. */
  readonly delayMs?: number;
  readonly interDigitMs?: number;
}

export interface CallerScript {
  /** One entry per prompt that collects digits (play_and_get_digits / read attempt), in order. */
  readonly inputs?: readonly DigitInput[];
  /** Gives up if no agent is connected by then (measured from the INVITE). */
  readonly patienceMs?: number;
  /** Hangs up this long after an agent is connected. */
  readonly talkMs?: number;
  /** Hangs up this long after the INVITE whatever happens. */
  readonly maxDurationMs?: number;
}

/** The caller's own hang-up, as a SIP BYE or CANCEL would cause it. */
export function callerHangup(ch: Channel): boolean {
  if (!ch.isUp) return false;
  if (ch.answered) {
    ch.vars.set('sip_term_status', '200');
    ch.vars.set('proto_specific_hangup_cause', 'sip:200');
    ch.vars.set('sip_term_cause', '16');
    ch.vars.set('sip_hangup_disposition', 'recv_bye');
    return hangup(ch, 'NORMAL_CLEARING');
  }
  ch.vars.set('sip_hangup_disposition', 'recv_cancel');
  return hangup(ch, 'ORIGINATOR_CANCEL');
}

export function attachCaller(sim: SimContext, ch: Channel, script: CallerScript): void {
  const inputs = [...(script.inputs ?? [])];
  const timers: ReturnType<SimContext['clock']['setTimeout']>[] = [];
  const after = (ms: number, fn: () => void): void => {
    timers.push(sim.clock.setTimeout(fn, ms));
  };
  let connected = false;
  if (script.patienceMs !== undefined) {
    after(script.patienceMs, () => {
      if (!connected) callerHangup(ch);
    });
  }
  if (script.maxDurationMs !== undefined) after(script.maxDurationMs, () => callerHangup(ch));
  ch.listeners.add({
    onDigitsWanted: () => {
      const next = inputs.shift();
      if (next) pressDigits(sim, ch, next.digits, next.delayMs ?? 500, next.interDigitMs ?? 300);
    },
    onBridged: () => {
      connected = true;
      if (script.talkMs !== undefined) after(script.talkMs, () => callerHangup(ch));
    },
    onDestroy: () => {
      for (const t of timers) sim.clock.clearTimeout(t);
    },
  });
}
