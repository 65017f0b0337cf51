/** switch_channel_state_t and switch_channel_callstate_t, names and numbers as FreeSWITCH prints them. */
export const CS = {
  NEW: 0,
  INIT: 1,
  ROUTING: 2,
  SOFT_EXECUTE: 3,
  EXECUTE: 4,
  EXCHANGE_MEDIA: 5,
  PARK: 6,
  CONSUME_MEDIA: 7,
  HIBERNATE: 8,
  RESET: 9,
  HANGUP: 10,
  REPORTING: 11,
  DESTROY: 12,
  NONE: 13,
} as const;

export type ChannelState = (typeof CS)[keyof typeof CS];

const STATE_NAMES = [
  'CS_NEW',
  'CS_INIT',
  'CS_ROUTING',
  'CS_SOFT_EXECUTE',
  'CS_EXECUTE',
  'CS_EXCHANGE_MEDIA',
  'CS_PARK',
  'CS_CONSUME_MEDIA',
  'CS_HIBERNATE',
  'CS_RESET',
  'CS_HANGUP',
  'CS_REPORTING',
  'CS_DESTROY',
  'CS_NONE',
];

export function stateName(state: ChannelState): string {
  return STATE_NAMES[state] ?? 'CS_NONE';
}

export const CALL_STATES = [
  'DOWN',
  'DIALING',
  'RINGING',
  'EARLY',
  'ACTIVE',
  'HELD',
  'RING_WAIT',
  'HANGUP',
  'UNHELD',
] as const;
export type CallState = (typeof CALL_STATES)[number];

export function callStateNumber(state: CallState): number {
  return CALL_STATES.indexOf(state);
}

export type AnswerState = 'ringing' | 'early' | 'answered' | 'hangup';
