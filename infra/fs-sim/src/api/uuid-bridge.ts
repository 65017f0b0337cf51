/**
 * uuid_bridge and uuid_transfer. uuid_bridge connects two existing legs (typically the parked caller and
 * an agent leg from `originate ... &park()`); when one side leaves, the other is hung up unless it has
 * park_after_bridge=true. uuid_transfer sends a leg (or -bleg / -both) to the simulator's dialplan.
 */
import { otherLeg, type Channel } from '../channel/channel.js';
import { AT, fireChannelEvent } from '../channel/events.js';
import { hangup, setRunningState } from '../channel/lifecycle.js';
import { CS } from '../channel/states.js';
import { isTrue } from '../channel/truthy.js';
import { transferLegs } from '../apps/transfer.js';
import type { SimContext } from '../sim/context.js';
import { NO_SUCH_CHANNEL } from './uuid-commands.js';

function bridgePair(a: Channel, b: Channel): void {
  const now = a.core.clock.nowMicros();
  const ids = [
    ['Bridge-A-Unique-ID', a.uuid],
    ['Bridge-B-Unique-ID', b.uuid],
  ] as const;
  a.other = otherLeg('originatee', b);
  b.other = otherLeg('originator', a);
  a.bridgedTo = b;
  b.bridgedTo = a;
  a.profile.times.bridged = now;
  b.profile.times.bridged = now;
  a.vars.set('bridge_to', b.uuid);
  a.vars.set('last_bridge_to', b.uuid);
  b.vars.set('last_bridge_to', a.uuid);
  a.media.interrupt();
  b.media.interrupt();
  fireChannelEvent(a, 'CHANNEL_BRIDGE', AT.bridge, { head: ids });
  setRunningState(b, CS.EXCHANGE_MEDIA);
  a.notify((l) => l.onBridged?.(a, b));
  b.notify((l) => l.onBridged?.(b, a));
  const end = (gone: Channel, other: Channel) => () => {
    if (a.bridgedTo !== b) return;
    a.bridgedTo = undefined;
    b.bridgedTo = undefined;
    a.vars.set('bridge_to', undefined);
    a.vars.set('bridge_hangup_cause', gone.hangupCause);
    fireChannelEvent(a, 'CHANNEL_UNBRIDGE', AT.unbridge, { head: ids });
    a.notify((l) => l.onUnbridged?.(a));
    b.notify((l) => l.onUnbridged?.(b));
    if (other.isUp && !isTrue(other.vars.get('park_after_bridge'))) hangup(other, 'NORMAL_CLEARING');
  };
  a.listeners.add({ onHangup: end(a, b) });
  b.listeners.add({ onHangup: end(b, a) });
}

export function uuidBridgeCommand(sim: SimContext, args: string): string {
  const argv = args.split(' ').filter((x) => x !== '');
  if (argv.length < 2) return '-USAGE: <uuid> <other_uuid>\n';
  const a = sim.core.findChannel(argv[0] ?? '');
  const candidates = [argv[1], argv[2]].filter((x): x is string => x !== undefined);
  const b = candidates.map((u) => sim.core.findChannel(u)).find((c) => c !== undefined && c !== a);
  if (!a || !b || !a.isUp || !b.isUp || a.bridgedTo || b.bridgedTo) return '-ERR Invalid uuid\n';
  sim.clock.defer(() => {
    if (a.isUp && b.isUp) bridgePair(a, b);
  });
  return `+OK ${b.uuid}\n`;
}

export function uuidTransferCommand(sim: SimContext, args: string): string {
  const argv = args.split(' ').filter((x) => x !== '');
  if (argv.length < 2) return '-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n';
  const ch = sim.core.findChannel(argv[0] ?? '');
  if (!ch) return NO_SUCH_CHANNEL;
  return transferLegs(ch, argv.slice(1))
    ? '+OK\n'
    : '-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n';
}
