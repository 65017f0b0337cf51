/**
 * What a bridge leaves on the caller's channel: the originate_* / DIALSTATUS variables and, when
 * switch_channel_handle_cause says so, the caller's own hang-up.
 */
import type { Channel } from '../channel/channel.js';
import { causeCode, dialStatus } from '../channel/causes.js';
import { hangup } from '../channel/lifecycle.js';
import { isTrue } from '../channel/truthy.js';

export interface TriedLeg {
  readonly leg: Channel;
  readonly destination: string;
}

export function recordFailure(a: Channel, cause: string, tried: readonly TriedLeg[]): void {
  const last = tried.at(-1);
  if (last) a.vars.set('originate_signal_bond', last.leg.uuid);
  for (const t of tried) a.vars.push('originated_legs', `${t.leg.uuid};Outbound Call;${t.destination}`);
  if (last) a.vars.set('last_bridge_hangup_cause', cause);
  a.vars.set('originate_disposition', cause);
  a.vars.set('DIALSTATUS', dialStatus(cause));
  for (const { leg } of tried) a.vars.push('originate_causes', `${leg.uuid};${leg.hangupCause ?? cause}`);
  a.vars.set('originate_failed_cause', cause);
}

export function recordSuccess(a: Channel, leg: Channel, destination: string): void {
  a.vars.push('originated_legs', `${leg.uuid};Outbound Call;${destination}`);
  a.vars.set('originate_disposition', 'SUCCESS');
  a.vars.set('DIALSTATUS', 'SUCCESS');
  a.vars.push('originate_causes', `${leg.uuid};NONE`);
  a.vars.set('signal_bond', leg.uuid);
}

function listed(list: string, cause: string): boolean {
  const code = String(causeCode(cause));
  return list.split(',').some((item) => {
    const t = item.trim();
    return t.toUpperCase() === cause || t === code;
  });
}

/** switch_channel_handle_cause: continue_on_fail / failure_causes, else NO_ANSWER & co. continue. */
export function handleCause(a: Channel, cause: string): void {
  if (!a.isUp) return;
  if (cause !== 'ATTENDED_TRANSFER') {
    const continueOnFail = a.vars.get('continue_on_fail');
    const failureCauses = a.vars.get('failure_causes');
    if (continueOnFail !== undefined || failureCauses !== undefined) {
      if (failureCauses !== undefined && !listed(failureCauses, cause)) return;
      if (continueOnFail !== undefined && (isTrue(continueOnFail) || listed(continueOnFail, cause))) return;
    } else if (cause === 'NO_ANSWER' || cause === 'NO_USER_RESPONSE' || cause === 'ORIGINATOR_CANCEL') {
      return;
    }
  }
  hangup(a, cause);
}
