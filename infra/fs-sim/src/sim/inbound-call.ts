/**
 * A simulated caller's INVITE arriving on the SIP profile: the inbound leg with the variables mod_sofia
 * sets, the CS_NEW → CS_INIT → CHANNEL_CREATE → RINGING → CS_ROUTING → CS_EXECUTE sequence, then the dialplan.
 */
import { randomUUID } from 'node:crypto';
import { Channel } from '../channel/channel.js';
import { AT, fireChannelEvent } from '../channel/events.js';
import { firePresence, setCallState, setRunningState } from '../channel/lifecycle.js';
import { zeroTimes } from '../channel/profile.js';
import { runSession } from '../channel/session.js';
import { CS } from '../channel/states.js';
import type { SimContext } from './context.js';
import { runDialplan } from './dialplan.js';
import { nextSessionId } from './session-ids.js';

export interface InboundCallSpec {
  /** Caller number (ANI / Caller-ID). */
  readonly from: string;
  readonly callerName?: string;
  /** Dialled number (DID). */
  readonly to: string;
  /** Extra channel variables (e.g. sip_h_X-Tenant) set before CHANNEL_CREATE. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Network address the INVITE came from, host:port. */
  readonly source?: string;
  readonly uuid?: string;
}

export function placeInboundCall(sim: SimContext, spec: InboundCallSpec): Channel {
  const source = spec.source ?? '198.51.100.10:5060';
  const [host = '198.51.100.10', port = '5060'] = source.split(':');
  const local = `${sim.core.identity.ipv4}:5060`;
  const name = `sofia/internal/${spec.from}@${source}`;
  const cidName = spec.callerName ?? spec.from;
  const now = sim.clock.nowMicros();
  const ch = new Channel(sim.core, {
    ...(spec.uuid !== undefined ? { uuid: spec.uuid } : {}),
    name,
    direction: 'inbound',
    hitDialplan: true,
    presenceId: `${spec.from}@${host}`,
    profile: {
      direction: 'inbound',
      logicalDirection: 'inbound',
      username: spec.from,
      dialplan: 'XML',
      callerIdName: cidName,
      callerIdNumber: spec.from,
      origCallerIdName: cidName,
      origCallerIdNumber: spec.from,
      networkAddr: host,
      ani: spec.from,
      destinationNumber: spec.to,
      uniqueId: '',
      source: 'mod_sofia',
      context: 'public',
      channelName: name,
      profileIndex: 1,
      times: zeroTimes(now),
    },
  });
  ch.profile.uniqueId = ch.uuid;
  const tag = randomUUID().slice(0, 8);
  const vars: [string, string][] = [
    ['direction', 'inbound'],
    ['uuid', ch.uuid],
    ['call_uuid', ch.uuid],
    ['session_id', String(nextSessionId())],
    ['sip_from_user', spec.from],
    ['sip_from_port', port],
    ['sip_from_uri', `${spec.from}@${source}`],
    ['sip_from_host', host],
    ['channel_name', name],
    ['sip_call_id', `${randomUUID()}@${host}`],
    ['sip_local_network_addr', sim.core.identity.ipv4],
    ['sip_network_ip', host],
    ['sip_network_port', port],
    ['sip_invite_stamp', String(now)],
    ['sip_received_ip', host],
    ['sip_received_port', port],
    ['sip_via_protocol', 'udp'],
    ['sip_from_user_stripped', spec.from],
    ['sip_from_tag', tag],
    ['sofia_profile_name', 'internal'],
    ['sofia_profile_url', `sip:mod_sofia@${local}`],
    ['recovery_profile_name', 'internal'],
    ['sip_from_display', cidName],
    ['sip_full_from', `"${cidName}" <sip:${spec.from}@${source}>;tag=${tag}`],
    ['sip_full_to', `<sip:${spec.to}@${local}>`],
    ['sip_req_user', spec.to],
    ['sip_req_uri', `${spec.to}@${local}`],
    ['sip_req_host', sim.core.identity.ipv4],
    ['sip_to_user', spec.to],
    ['sip_to_uri', `${spec.to}@${local}`],
    ['sip_to_host', sim.core.identity.ipv4],
    ['sip_contact_user', spec.from],
    ['sip_contact_uri', `${spec.from}@${source}`],
    ['sip_contact_host', host],
    ['max_forwards', '70'],
    ['presence_id', `${spec.from}@${host}`],
    ['endpoint_disposition', 'DELAYED NEGOTIATION'],
    ...Object.entries(spec.variables ?? {}),
  ];
  for (const [k, v] of vars) ch.vars.set(k, v);
  sim.core.registerChannel(ch);
  fireChannelEvent(ch, 'CHANNEL_STATE', AT.state);
  ch.profileVisible = true;
  setRunningState(ch, CS.INIT);
  ch.state = CS.ROUTING;
  fireChannelEvent(ch, 'CHANNEL_CREATE', AT.create);
  ch.running = CS.ROUTING;
  setCallState(ch, 'RINGING');
  setRunningState(ch, CS.ROUTING);
  ch.state = CS.EXECUTE;
  firePresence(ch, 'routing');
  setRunningState(ch, CS.EXECUTE);
  void runSession(sim, ch, () => runDialplan(sim, ch, spec.to));
  return ch;
}
