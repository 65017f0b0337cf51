/** State changes of a leg and the events each one fires, in the order FreeSWITCH 1.11 fires them. */
import type { Channel, Codec } from './channel.js';
import { AT, fireChannelEvent } from './events.js';
import { callStateNumber, CS, stateName, type CallState, type ChannelState } from './states.js';

export const PCMU: Codec = { name: 'PCMU', rate: 8000, bitRate: 64000 };

export function setRunningState(ch: Channel, state: ChannelState): void {
  ch.state = state;
  ch.running = state;
  fireChannelEvent(ch, 'CHANNEL_STATE', AT.state);
}

export function setCallState(ch: Channel, callState: CallState): void {
  const original = ch.callState;
  ch.callState = callState;
  fireChannelEvent(ch, 'CHANNEL_CALLSTATE', AT.callstate, {
    head: [
      ['Original-Channel-Call-State', original],
      ['Channel-Call-State-Number', String(callStateNumber(callState))],
    ],
  });
}

let presenceCount = 0;

/** PRESENCE_IN for a leg with a presence id (inbound SIP callers). */
export function firePresence(ch: Channel, kind: 'routing' | 'answered' | 'hangup'): void {
  if (ch.presenceId === undefined) return;
  const status = kind === 'answered' ? 'answered' : stateName(ch.running);
  const info = kind === 'routing' ? 'alerting' : kind === 'answered' ? 'active' : 'idle';
  const origin =
    kind === 'answered'
      ? ['src/switch_channel.c', 'switch_channel_perform_mark_answered', '3906']
      : ['src/switch_core_state_machine.c', 'check_presence', '521'];
  fireChannelEvent(ch, 'PRESENCE_IN', AT.presence, {
    mid: [
      ['proto', 'any'],
      ['login', 'src/switch_channel.c'],
      ['from', ch.presenceId],
      ['rpid', 'unknown'],
      ['status', status],
      ['event_type', 'presence'],
      ['alt_event_type', 'dialog'],
      ['presence-call-info-state', info],
      ['presence-call-direction', ch.direction],
      ['event_count', String(presenceCount++)],
      ['Presence-Calling-File', origin[0] ?? ''],
      ['Presence-Calling-Function', origin[1] ?? ''],
      ['Presence-Calling-Line', origin[2] ?? ''],
    ],
  });
}

/** Codec negotiation: the two CODEC events the 1.11 capture shows before media flows. */
export function setCodec(ch: Channel, codec: Codec = PCMU): void {
  if (ch.codec) return;
  ch.codec = codec;
  for (const name of ['read_codec', 'original_read_codec']) ch.vars.set(name, codec.name);
  ch.vars.set('read_rate', String(codec.rate));
  ch.vars.set('original_read_rate', String(codec.rate));
  ch.vars.set('write_codec', codec.name);
  ch.vars.set('write_rate', String(codec.rate));
  fireChannelEvent(ch, 'CODEC', AT.readCodec, {
    mid: [
      ['channel-read-codec-name', codec.name],
      ['channel-read-codec-rate', String(codec.rate)],
      ['channel-read-codec-bit-rate', String(codec.bitRate)],
    ],
  });
  fireChannelEvent(ch, 'CODEC', AT.writeCodec, {
    mid: [['Channel-Write-codec-bit-rate', String(codec.bitRate)]],
  });
}

/** Early media (183): CHANNEL_PROGRESS_MEDIA then CALLSTATE EARLY. */
export function preAnswer(ch: Channel): void {
  if (ch.answerState !== 'ringing' || !ch.isUp) return;
  setCodec(ch);
  ch.answerState = 'early';
  ch.profile.times.progressMedia = ch.core.clock.nowMicros();
  ch.vars.set('endpoint_disposition', 'EARLY MEDIA');
  fireChannelEvent(ch, 'CHANNEL_PROGRESS_MEDIA', AT.progressMedia);
  setCallState(ch, 'EARLY');
}

/** Ringing (180) of an outgoing leg: CHANNEL_PROGRESS then CALLSTATE RINGING. */
export function ringReady(ch: Channel): void {
  if (ch.profile.times.progress > 0 || !ch.isUp) return;
  ch.profile.times.progress = ch.core.clock.nowMicros();
  fireChannelEvent(ch, 'CHANNEL_PROGRESS', AT.progress);
  setCallState(ch, 'RINGING');
}

/** switch_channel_answer: pre-answer if needed, CHANNEL_ANSWER, presence, CALLSTATE ACTIVE. */
export function answer(ch: Channel): void {
  if (ch.answered || !ch.isUp) return;
  if (ch.direction === 'inbound') preAnswer(ch);
  else setCodec(ch);
  ch.answerState = 'answered';
  ch.profile.times.answered = ch.core.clock.nowMicros();
  fireChannelEvent(ch, 'CHANNEL_ANSWER', AT.answer);
  if (ch.direction === 'inbound') firePresence(ch, 'answered');
  setCallState(ch, 'ACTIVE');
  ch.vars.set('endpoint_disposition', 'ANSWER');
  ch.notify((l) => l.onAnswer?.(ch));
}

/**
 * switch_channel_hangup: only the synchronous part — the state flips to CS_HANGUP and CHANNEL_HANGUP
 * fires at once; the session then unwinds its application and runs teardown().
 */
export function hangup(ch: Channel, cause: string): boolean {
  if (!ch.isUp) return false;
  ch.state = CS.HANGUP;
  ch.answerState = 'hangup';
  ch.hangupCause = cause;
  fireChannelEvent(ch, 'CHANNEL_HANGUP', AT.hangup);
  ch.media.hangup();
  ch.wake();
  ch.notify((l) => l.onHangup?.(ch, cause));
  return true;
}
