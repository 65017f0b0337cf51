/**
 * Creating an outgoing leg (switch_core_session_outgoing_channel + the endpoint module) and playing the
 * phone behind it: ringing, answering after N s, busy, declining, or ringing forever.
 */
import type { Channel } from '../channel/channel.js';
import { Channel as ChannelImpl, otherLeg } from '../channel/channel.js';
import { AT, fireChannelEvent } from '../channel/events.js';
import { answer, hangup, ringReady, setRunningState } from '../channel/lifecycle.js';
import { zeroTimes } from '../channel/profile.js';
import { CS } from '../channel/states.js';
import { runSession } from '../channel/session.js';
import type { SimContext } from '../sim/context.js';
import type { EndpointSpec } from '../sim/directory.js';
import { nextSessionId } from '../sim/session-ids.js';

export interface LegTarget {
  /** Channel name, e.g. sofia/internal/1001@127.0.0.1:5100. */
  readonly name: string;
  readonly destination: string;
  readonly endpointModule: 'sofia' | 'null';
  readonly endpoint?: EndpointSpec;
  readonly sipUrl?: string;
}

export interface LegOptions {
  readonly caller?: Channel;
  readonly vars: ReadonlyMap<string, string>;
  readonly cidName?: string;
  readonly cidNumber?: string;
}

const RING_DELAY_MS = 100;

export function createLeg(sim: SimContext, target: LegTarget, options: LegOptions): Channel {
  const a = options.caller;
  const now = sim.clock.nowMicros();
  const cidName =
    options.vars.get('origination_caller_id_name') ??
    options.cidName ??
    a?.profile.callerIdName ??
    'FreeSWITCH';
  const cidNumber =
    options.vars.get('origination_caller_id_number') ??
    options.cidNumber ??
    a?.profile.callerIdNumber ??
    '0000000000';
  const b = new ChannelImpl(sim.core, {
    ...(options.vars.get('origination_uuid') ? { uuid: options.vars.get('origination_uuid') } : {}),
    name: target.name,
    direction: 'outbound',
    hitDialplan: false,
    profile: {
      direction: 'outbound',
      logicalDirection: 'outbound',
      ...(a?.profile.username !== undefined ? { username: a.profile.username } : {}),
      dialplan: 'XML',
      callerIdName: cidName,
      callerIdNumber: cidNumber,
      origCallerIdName: cidName,
      origCallerIdNumber: cidNumber,
      calleeIdName: 'Outbound Call',
      calleeIdNumber: target.destination,
      networkAddr: a?.profile.networkAddr ?? sim.core.identity.ipv4,
      ani: cidNumber,
      destinationNumber: target.destination,
      uniqueId: '',
      source: target.endpointModule === 'null' ? 'mod_loopback' : 'mod_sofia',
      context: a?.profile.context ?? 'default',
      channelName: target.name,
      profileIndex: 1,
      times: zeroTimes(now),
    },
  });
  b.profile.uniqueId = b.uuid;
  if (a) b.other = otherLeg('originator', a);
  const v = b.vars;
  v.set('direction', 'outbound');
  v.set('is_outbound', 'true');
  v.set('uuid', b.uuid);
  v.set('session_id', String(nextSessionId()));
  if (target.endpointModule === 'sofia') {
    v.set('sip_local_network_addr', sim.core.identity.ipv4);
    v.set('sip_profile_name', 'internal');
    v.set('sofia_profile_name', 'internal');
    if (target.sipUrl) v.set('sip_destination_url', target.sipUrl);
  }
  v.set('channel_name', target.name);
  v.set('max_forwards', '69');
  if (a) {
    v.set('originator_codec', 'PCMU@8000h@20i');
    v.set('originator', a.uuid);
    v.set('signal_bond', a.uuid);
    v.set('call_uuid', a.uuid);
    for (const name of (a.vars.get('export_vars') ?? '').split(',').filter((n) => n !== '')) {
      v.set(name, a.vars.get(name));
    }
    v.set('export_vars', a.vars.get('export_vars'));
    v.set('originating_leg_uuid', a.uuid);
  }
  for (const [name, value] of options.vars) v.set(name, value);
  v.set('originate_early_media', 'true');
  v.set('originate_endpoint', target.endpointModule);
  sim.core.registerChannel(b);
  if (target.endpoint) sim.directory.claim(target.endpoint.ext);
  b.profileVisible = true;
  b.running = CS.NONE;
  b.state = CS.INIT;
  fireChannelEvent(b, 'CHANNEL_OUTGOING', AT.outgoing);
  setRunningState(b, CS.INIT);
  b.state = CS.ROUTING;
  fireChannelEvent(b, 'CHANNEL_CREATE', AT.create);
  fireChannelEvent(b, 'CHANNEL_ORIGINATE', AT.originate);
  setRunningState(b, CS.ROUTING);
  setRunningState(b, CS.CONSUME_MEDIA);
  if (target.endpoint) {
    const ext = target.endpoint.ext;
    b.listeners.add({ onDestroy: () => sim.directory.release(ext) });
  }
  void runSession(sim, b, () => Promise.resolve());
  return b;
}

/** Drives the phone: its reaction to ringing, and hanging up `talkMs` after being bridged. */
export function playEndpoint(sim: SimContext, b: Channel, target: LegTarget, inUseBefore: number): void {
  const at = (ms: number, fn: () => void): void => {
    const timer = sim.clock.setTimeout(() => {
      if (b.isUp) fn();
    }, ms);
    b.listeners.add({ onDestroy: () => sim.clock.clearTimeout(timer) });
  };
  if (target.endpointModule === 'null') {
    answer(b);
    return;
  }
  const endpoint = target.endpoint;
  if (!endpoint) {
    return; // Nothing answers: the originate timeout ends it.
  }
  if (endpoint.busyWhenInUse && inUseBefore > 0) {
    at(RING_DELAY_MS, () => hangup(b, 'USER_BUSY'));
    return;
  }
  const behaviour = endpoint.behaviour;
  switch (behaviour.mode) {
    case 'busy':
      at(behaviour.afterMs, () => hangup(b, 'USER_BUSY'));
      return;
    case 'reject':
      at(RING_DELAY_MS, () => ringReady(b));
      at(behaviour.afterMs, () => hangup(b, 'CALL_REJECTED'));
      return;
    case 'no-answer':
      at(RING_DELAY_MS, () => ringReady(b));
      return;
    case 'answer':
      at(Math.min(RING_DELAY_MS, behaviour.afterMs), () => ringReady(b));
      at(behaviour.afterMs, () => answer(b));
  }
  if (endpoint.talkMs !== undefined) {
    const talkMs = endpoint.talkMs;
    b.listeners.add({ onBridged: () => at(talkMs, () => hangup(b, 'NORMAL_CLEARING')) });
  }
}
