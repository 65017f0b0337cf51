/** The end of a session after CHANNEL_HANGUP: CS_HANGUP, CS_REPORTING with the CDR variables, destroy. */
import type { Channel } from './channel.js';
import { setCdrVariables } from './cdr-vars.js';
import { AT, fireChannelEvent } from './events.js';
import { firePresence, setCallState, setRunningState } from './lifecycle.js';
import { CS } from './states.js';

export function enterHangupState(ch: Channel): void {
  if (ch.vanished) return;
  setRunningState(ch, CS.HANGUP);
  ch.profile.times.hangup = ch.core.clock.nowMicros();
  setCallState(ch, 'HANGUP');
}

export function report(ch: Channel): void {
  if (ch.vanished) return;
  ch.state = CS.REPORTING;
  if (ch.direction === 'inbound') firePresence(ch, 'hangup');
  setRunningState(ch, CS.REPORTING);
  setCdrVariables(ch);
  fireChannelEvent(ch, 'CHANNEL_HANGUP_COMPLETE', AT.hangupComplete, {
    head: [['Hangup-Cause', ch.hangupCause ?? 'NORMAL_CLEARING']],
  });
  ch.setReported();
}

export function destroy(ch: Channel): void {
  if (ch.vanished) return;
  ch.state = CS.DESTROY;
  fireChannelEvent(ch, 'CHANNEL_DESTROY', AT.destroy);
  setRunningState(ch, CS.DESTROY);
  ch.core.unregisterChannel(ch);
  ch.notify((l) => l.onDestroy?.(ch));
}

/** The whole tail for a leg whose application already finished. */
export function teardown(ch: Channel): void {
  enterHangupState(ch);
  report(ch);
  destroy(ch);
}
