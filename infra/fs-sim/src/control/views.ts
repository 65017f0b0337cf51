/** JSON shapes the control API returns for channels and endpoints. */
import type { Channel } from '../channel/channel.js';
import { stateName } from '../channel/states.js';
import type { EndpointSpec } from '../sim/directory.js';

export function channelView(ch: Channel) {
  return {
    uuid: ch.uuid,
    name: ch.name,
    direction: ch.direction,
    state: stateName(ch.running),
    callState: ch.callState,
    answerState: ch.answerState,
    from: ch.profile.callerIdNumber,
    to: ch.profile.destinationNumber,
    application: ch.lastApplication,
    bridgedTo: ch.bridgedTo?.uuid ?? null,
    holdMusic: ch.holdMusic ?? null,
    hangupCause: ch.hangupCause ?? null,
  };
}

export function endpointView(e: EndpointSpec) {
  return {
    ext: e.ext,
    registered: e.registered,
    behaviour: e.behaviour.mode,
    ...('afterMs' in e.behaviour ? { afterMs: e.behaviour.afterMs } : {}),
    ...(e.talkMs !== undefined ? { talkMs: e.talkMs } : {}),
    contact: e.contact,
    busyWhenInUse: e.busyWhenInUse,
  };
}
