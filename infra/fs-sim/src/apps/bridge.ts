/**
 * bridge <dial string>: ring the agent legs from the caller, connect the first that answers
 * (CHANNEL_BRIDGE, CALL_UPDATE), stay bridged until a side hangs up or the caller is transferred away
 * (CHANNEL_UNBRIDGE). Application-Response stays _none_; outcomes live in the variables.
 */
import { otherLeg, type Channel } from '../channel/channel.js';
import { AT, fireChannelEvent } from '../channel/events.js';
import { answer, hangup, setCallState, setRunningState } from '../channel/lifecycle.js';
import { CS } from '../channel/states.js';
import { isTrue } from '../channel/truthy.js';
import { handleCause, recordFailure, recordSuccess, type TriedLeg } from './bridge-outcome.js';
import { parseDialString } from './dial-string.js';
import { originate } from './originate.js';
import type { AppDef } from './registry.js';

export const bridgeApp: AppDef = {
  name: 'bridge',
  run: async ({ sim, ch: a, data }) => {
    if (data.trim() === '') return;
    const before = a.callState;
    setCallState(a, 'RING_WAIT');
    const tried: TriedLeg[] = [];
    const result = await originate(sim, {
      dial: parseDialString(data),
      caller: a,
      defaultTimeoutSec: 60,
      onLeg: (leg, target) => {
        a.profile.calleeIdName = 'Outbound Call';
        a.profile.calleeIdNumber = target.destination;
        tried.push({ leg, destination: target.destination });
      },
    });
    const restored = before === 'RING_WAIT' ? 'ACTIVE' : before;
    if (!result.ok) {
      if (a.isUp) setCallState(a, restored);
      recordFailure(a, result.cause, tried);
      handleCause(a, result.cause);
      return;
    }
    const b = result.leg;
    if (!a.answered) answer(a);
    setCallState(a, a.answered ? 'ACTIVE' : restored);
    await connect(a, b, tried.find((t) => t.leg === b)?.destination ?? '');
  },
};

const bridgeIds = (a: Channel, b: Channel) =>
  [
    ['Bridge-A-Unique-ID', a.uuid],
    ['Bridge-B-Unique-ID', b.uuid],
  ] as const;

/** switch_ivr_multi_threaded_bridge from the caller's side. */
export async function connect(a: Channel, b: Channel, destination: string): Promise<void> {
  const now = a.core.clock.nowMicros();
  recordSuccess(a, b, destination);
  a.other = otherLeg('originatee', b);
  a.profile.times.bridged = now;
  b.profile.times.bridged = now;
  a.bridgedTo = b;
  b.bridgedTo = a;
  fireChannelEvent(a, 'CHANNEL_BRIDGE', AT.bridge, { head: bridgeIds(a, b) });
  setRunningState(b, CS.EXCHANGE_MEDIA);
  a.vars.set('bridge_to', b.uuid);
  a.vars.set('last_bridge_to', b.uuid);
  a.vars.set('bridge_channel', b.name);
  a.vars.set('bridge_uuid', b.uuid);
  a.vars.set('last_sent_callee_id_name', 'Outbound Call');
  a.vars.set('last_sent_callee_id_number', destination);
  fireChannelEvent(a, 'CALL_UPDATE', AT.callUpdate, {
    head: [
      ['Direction', 'SEND'],
      ['Sent-Callee-ID-Name', 'Outbound Call'],
      ['Sent-Callee-ID-Number', destination],
      ['Bridged-To', b.uuid],
    ],
  });
  a.notify((l) => l.onBridged?.(a, b));
  b.notify((l) => l.onBridged?.(b, a));
  const wakeA = { onHangup: () => a.media.interrupt() };
  b.listeners.add(wakeA);
  while (a.isUp && b.isUp && !a.pendingTransfer) await a.media.wait({});
  b.listeners.delete(wakeA);
  a.vars.set('last_bridge_role', 'originator');
  b.vars.set('last_bridge_to', a.uuid);
  b.vars.set('bridge_channel', a.name);
  b.vars.set('bridge_uuid', a.uuid);
  if (b.isUp) hangup(b, 'NORMAL_CLEARING');
  await b.reported;
  a.vars.set('bridge_hangup_cause', b.hangupCause ?? 'NORMAL_CLEARING');
  a.vars.set('bridge_to', undefined);
  a.bridgedTo = undefined;
  b.bridgedTo = undefined;
  fireChannelEvent(a, 'CHANNEL_UNBRIDGE', AT.unbridge, { head: bridgeIds(a, b) });
  a.notify((l) => l.onUnbridged?.(a));
  if (a.isUp && !a.pendingTransfer && isTrue(a.vars.get('hangup_after_bridge'))) hangup(a, 'NORMAL_CLEARING');
}
