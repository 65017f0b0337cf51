/** switch_caller_profile_t and its event rendering (switch_caller_profile_event_set_data). */
import type { Header } from '../esl/event.js';

export interface ProfileTimes {
  profileCreated: number;
  created: number;
  answered: number;
  progress: number;
  progressMedia: number;
  hangup: number;
  transfer: number;
  resurrect: number;
  bridged: number;
  lastHold: number;
  holdAccum: number;
}

export interface CallerProfile {
  direction: 'inbound' | 'outbound';
  logicalDirection: 'inbound' | 'outbound';
  username?: string;
  dialplan: string;
  callerIdName: string;
  callerIdNumber: string;
  origCallerIdName: string;
  origCallerIdNumber: string;
  calleeIdName?: string;
  calleeIdNumber?: string;
  networkAddr: string;
  ani: string;
  destinationNumber: string;
  uniqueId: string;
  source: string;
  context: string;
  channelName: string;
  profileIndex: number;
  times: ProfileTimes;
}

export function zeroTimes(created = 0): ProfileTimes {
  return {
    profileCreated: created,
    created,
    answered: 0,
    progress: 0,
    progressMedia: 0,
    hangup: 0,
    transfer: 0,
    resurrect: 0,
    bridged: 0,
    lastHold: 0,
    holdAccum: 0,
  };
}

/** `prefix` is "Caller" or "Other-Leg"; `times` lets the Other-Leg copy show zeros as FreeSWITCH does. */
export function profileHeaders(p: CallerProfile, prefix: string, times: ProfileTimes = p.times): Header[] {
  const h: Header[] = [
    [`${prefix}-Direction`, p.direction],
    [`${prefix}-Logical-Direction`, p.logicalDirection],
  ];
  if (p.username !== undefined) h.push([`${prefix}-Username`, p.username]);
  h.push(
    [`${prefix}-Dialplan`, p.dialplan],
    [`${prefix}-Caller-ID-Name`, p.callerIdName],
    [`${prefix}-Caller-ID-Number`, p.callerIdNumber],
    [`${prefix}-Orig-Caller-ID-Name`, p.origCallerIdName],
    [`${prefix}-Orig-Caller-ID-Number`, p.origCallerIdNumber],
  );
  if (p.calleeIdName !== undefined) h.push([`${prefix}-Callee-ID-Name`, p.calleeIdName]);
  if (p.calleeIdNumber !== undefined) h.push([`${prefix}-Callee-ID-Number`, p.calleeIdNumber]);
  h.push(
    [`${prefix}-Network-Addr`, p.networkAddr],
    [`${prefix}-ANI`, p.ani],
    [`${prefix}-Destination-Number`, p.destinationNumber],
    [`${prefix}-Unique-ID`, p.uniqueId],
    [`${prefix}-Source`, p.source],
    [`${prefix}-Context`, p.context],
    [`${prefix}-Channel-Name`, p.channelName],
  );
  if (prefix === 'Caller') h.push([`${prefix}-Profile-Index`, String(p.profileIndex)]);
  const t = times;
  h.push(
    [`${prefix}-Profile-Created-Time`, String(t.profileCreated)],
    [`${prefix}-Channel-Created-Time`, String(t.created)],
    [`${prefix}-Channel-Answered-Time`, String(t.answered)],
    [`${prefix}-Channel-Progress-Time`, String(t.progress)],
    [`${prefix}-Channel-Progress-Media-Time`, String(t.progressMedia)],
    [`${prefix}-Channel-Hangup-Time`, String(t.hangup)],
    [`${prefix}-Channel-Transfer-Time`, String(t.transfer)],
    [`${prefix}-Channel-Resurrect-Time`, String(t.resurrect)],
    [`${prefix}-Channel-Bridged-Time`, String(t.bridged)],
    [`${prefix}-Channel-Last-Hold`, String(t.lastHold)],
    [`${prefix}-Channel-Hold-Accum`, String(t.holdAccum)],
    [`${prefix}-Screen-Bit`, 'true'],
    [`${prefix}-Privacy-Hide-Name`, 'false'],
    [`${prefix}-Privacy-Hide-Number`, 'false'],
  );
  return h;
}
