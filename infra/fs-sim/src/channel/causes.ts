/** Hang-up causes (switch_types.h CAUSE_CHART): name ↔ Q.850/internal code. */
const CAUSES: Record<string, number> = {
  UNALLOCATED_NUMBER: 1,
  NO_ROUTE_TRANSIT_NET: 2,
  NO_ROUTE_DESTINATION: 3,
  CHANNEL_UNACCEPTABLE: 6,
  CHAN_NOT_IMPLEMENTED: 66,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  NUMBER_CHANGED: 22,
  DESTINATION_OUT_OF_ORDER: 27,
  INVALID_NUMBER_FORMAT: 28,
  FACILITY_REJECTED: 29,
  NORMAL_UNSPECIFIED: 31,
  NORMAL_CIRCUIT_CONGESTION: 34,
  NETWORK_OUT_OF_ORDER: 38,
  NORMAL_TEMPORARY_FAILURE: 41,
  SWITCH_CONGESTION: 42,
  INCOMPATIBLE_DESTINATION: 88,
  RECOVERY_ON_TIMER_EXPIRE: 102,
  ORIGINATOR_CANCEL: 487,
  CRASH: 700,
  SYSTEM_SHUTDOWN: 701,
  LOSE_RACE: 702,
  MANAGER_REQUEST: 703,
  BLIND_TRANSFER: 800,
  ATTENDED_TRANSFER: 801,
  ALLOTTED_TIMEOUT: 802,
  USER_CHALLENGE: 803,
  MEDIA_TIMEOUT: 804,
  PICKED_OFF: 805,
  USER_NOT_REGISTERED: 806,
  PROGRESS_TIMEOUT: 807,
  INVALID_GATEWAY: 808,
  GATEWAY_DOWN: 809,
  INVALID_URL: 810,
  INVALID_PROFILE: 811,
  NO_PICKUP: 812,
};

export function causeCode(name: string): number {
  return CAUSES[name] ?? 0;
}

/** switch_channel_str2cause: name (any case) or number; anything else is NORMAL_UNSPECIFIED-ish 0 → we use NORMAL_CLEARING. */
export function parseCause(text: string | undefined, fallback = 'NORMAL_CLEARING'): string {
  if (text === undefined || text.trim() === '') return fallback;
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return Object.keys(CAUSES).find((k) => CAUSES[k] === n) ?? fallback;
  }
  const upper = t.toUpperCase();
  return upper in CAUSES ? upper : fallback;
}

export function isKnownCause(text: string): boolean {
  return text.toUpperCase() in CAUSES || /^\d+$/.test(text);
}

/** DIALSTATUS spelling used by switch_ivr_originate for the caller's variable. */
export function dialStatus(cause: string): string {
  switch (cause) {
    case 'NO_ANSWER':
    case 'NO_USER_RESPONSE':
      return 'NOANSWER';
    case 'USER_BUSY':
      return 'BUSY';
    case 'ORIGINATOR_CANCEL':
      return 'CANCEL';
    default:
      return cause;
  }
}
