/**
 * Channel events as switch_channel_event_set_data() lays them out: basic data (state, ids, answer state,
 * hang-up cause, codecs), event-specific headers, the caller profile, the other leg, and — only for the
 * "extended" event types — every channel variable.
 */
import type { Calling } from '../core/core.js';
import type { EslEvent, Header } from '../esl/event.js';
import type { Channel } from './channel.js';
import { profileHeaders, zeroTimes } from './profile.js';
import { stateName } from './states.js';

const WITH_VARIABLES = new Set([
  'CHANNEL_CREATE',
  'CHANNEL_ORIGINATE',
  'CHANNEL_UUID',
  'CHANNEL_ANSWER',
  'CHANNEL_PARK',
  'CHANNEL_UNPARK',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_DATA',
  'CHANNEL_EXECUTE',
  'CHANNEL_EXECUTE_COMPLETE',
  'CHANNEL_DESTROY',
  'SESSION_HEARTBEAT',
  'API',
  'RECORD_START',
  'RECORD_STOP',
  'PLAYBACK_START',
  'PLAYBACK_STOP',
  'CALL_UPDATE',
  'MEDIA_BUG_START',
  'MEDIA_BUG_STOP',
  'CHANNEL_HOLD',
  'CHANNEL_UNHOLD',
  'TEXT',
  'CUSTOM',
]);

export interface ChannelEventParts {
  /** Before the prep headers (PRIVATE_COMMAND keeps the client's headers first). */
  readonly pre?: readonly Header[];
  /** After the prep headers, before the channel data (Hangup-Cause, Bridge-A-Unique-ID, ...). */
  readonly head?: readonly Header[];
  /** After the caller profile and other leg, before the variables (PRESENCE_IN, CODEC). */
  readonly mid?: readonly Header[];
  /** At the end (Application, Playback-*, DTMF-*). */
  readonly tail?: readonly Header[];
  readonly body?: string;
}

export function basicData(ch: Channel): Header[] {
  const h: Header[] = [
    ['Channel-State', stateName(ch.running)],
    ['Channel-Call-State', ch.callState],
    ['Channel-State-Number', String(ch.state)],
    ['Channel-Name', ch.name],
    ['Unique-ID', ch.uuid],
    ['Call-Direction', ch.direction],
    ['Presence-Call-Direction', ch.direction],
    ['Channel-HIT-Dialplan', String(ch.hitDialplan)],
  ];
  if (ch.profileVisible && ch.presenceId !== undefined) h.push(['Channel-Presence-ID', ch.presenceId]);
  h.push(['Channel-Call-UUID', ch.callUuid], ['Answer-State', ch.answerState]);
  if (ch.hangupCause !== undefined) h.push(['Hangup-Cause', ch.hangupCause]);
  if (ch.codec) {
    const c = ch.codec;
    h.push(
      ['Channel-Read-Codec-Name', c.name],
      ['Channel-Read-Codec-Rate', String(c.rate)],
      ['Channel-Read-Codec-Bit-Rate', String(c.bitRate)],
      ['Channel-Write-Codec-Name', c.name],
      ['Channel-Write-Codec-Rate', String(c.rate)],
      ['Channel-Write-Codec-Bit-Rate', String(c.bitRate)],
    );
  }
  return h;
}

function legData(ch: Channel): Header[] {
  if (!ch.profileVisible) return [];
  const h = profileHeaders(ch.profile, 'Caller');
  if (ch.other) {
    h.push(['Other-Type', ch.other.type]);
    // The originator's copy on the b-leg shows zero times, as in the 1.11 captures.
    const times = ch.other.type === 'originator' ? zeroTimes() : ch.other.profile.times;
    h.push(...profileHeaders(ch.other.profile, 'Other-Leg', times));
  }
  return h;
}

export function variableHeaders(ch: Channel): Header[] {
  return ch.vars.entries().map(([name, value]) => [`variable_${name}`, value] as const);
}

export function fireChannelEvent(
  ch: Channel,
  name: string,
  calling: Calling,
  parts: ChannelEventParts = {},
): EslEvent | undefined {
  if (ch.vanished) return undefined;
  const headers: Header[] = [...(parts.head ?? []), ...basicData(ch), ...legData(ch), ...(parts.mid ?? [])];
  if (WITH_VARIABLES.has(name)) headers.push(...variableHeaders(ch));
  headers.push(...(parts.tail ?? []));
  return ch.core.fire({
    name,
    calling,
    headers,
    ...(parts.pre ? { pre: parts.pre } : {}),
    ...(parts.body !== undefined ? { body: parts.body } : {}),
  });
}

/** Event-Calling-File/Function/Line-Number as FreeSWITCH 1.11.2 reports them in the captures. */
export const AT = {
  state: { file: 'switch_channel.c', func: 'switch_channel_perform_set_running_state', line: 2409 },
  callstate: { file: 'switch_channel.c', func: 'switch_channel_perform_set_callstate', line: 302 },
  create: { file: 'switch_core_state_machine.c', func: 'switch_core_session_run', line: 626 },
  originate: { file: 'switch_core_state_machine.c', func: 'switch_core_session_run', line: 632 },
  outgoing: { file: 'switch_core_session.c', func: 'switch_core_session_outgoing_channel', line: 768 },
  presence: { file: 'switch_channel.c', func: 'switch_channel_perform_presence', line: 806 },
  execute: { file: 'switch_core_session.c', func: 'switch_core_session_exec', line: 2949 },
  executeComplete: { file: 'switch_core_session.c', func: 'switch_core_session_exec', line: 2972 },
  park: { file: 'switch_ivr.c', func: 'switch_ivr_park', line: 1002 },
  unpark: { file: 'switch_ivr.c', func: 'switch_ivr_park', line: 1213 },
  privateCommand: { file: 'switch_ivr.c', func: 'switch_ivr_parse_next_event', line: 804 },
  readCodec: { file: 'switch_core_codec.c', func: 'switch_core_session_set_real_read_codec', line: 189 },
  writeCodec: { file: 'switch_core_codec.c', func: 'switch_core_session_set_write_codec', line: 471 },
  progress: { file: 'switch_channel.c', func: 'switch_channel_perform_mark_ring_ready_value', line: 3507 },
  progressMedia: { file: 'switch_channel.c', func: 'switch_channel_perform_mark_pre_answered', line: 3562 },
  answer: { file: 'switch_channel.c', func: 'switch_channel_perform_mark_answered', line: 3848 },
  hangup: { file: 'switch_channel.c', func: 'switch_channel_perform_hangup', line: 3447 },
  hangupComplete: {
    file: 'switch_core_state_machine.c',
    func: 'switch_core_session_reporting_state',
    line: 943,
  },
  destroy: { file: 'switch_core_session.c', func: 'switch_core_session_perform_destroy', line: 1588 },
  bridge: { file: 'switch_ivr_bridge.c', func: 'switch_ivr_multi_threaded_bridge', line: 1689 },
  unbridge: { file: 'switch_ivr_bridge.c', func: 'switch_ivr_multi_threaded_bridge', line: 1879 },
  callUpdate: { file: 'mod_sofia.c', func: 'sofia_receive_message', line: 2133 },
  dtmf: { file: 'switch_channel.c', func: 'switch_channel_dequeue_dtmf', line: 678 },
  playbackStart: { file: 'switch_ivr_play_say.c', func: 'switch_ivr_play_file', line: 1649 },
  playbackStop: { file: 'switch_ivr_play_say.c', func: 'switch_ivr_play_file', line: 2023 },
  // Not in the captures: taken from the same source tree, may be a few lines off.
  recordStart: { file: 'switch_ivr_async.c', func: 'record_callback', line: 1394 },
  recordStop: { file: 'switch_ivr_async.c', func: 'record_callback', line: 1463 },
} as const satisfies Record<string, Calling>;
