/**
 * transfer <ext> [dialplan] [context] (and -bleg/-both): the leg leaves its parks, gets a new caller
 * profile (Caller-Profile-Index + 1, transfer time), goes through CS_ROUTING / CS_EXECUTE again and runs
 * the simulator's dialplan for the new extension.
 */
import type { Channel } from '../channel/channel.js';
import { setRunningState } from '../channel/lifecycle.js';
import { CS } from '../channel/states.js';
import type { SimContext } from '../sim/context.js';
import { runDialplan } from '../sim/dialplan.js';
import type { AppDef } from './registry.js';

export function transferRoute(ext: string, dialplan?: string, context?: string) {
  return async (sim: SimContext, ch: Channel): Promise<void> => {
    const now = sim.clock.nowMicros();
    const from = ch.profile.destinationNumber;
    ch.profile = {
      ...ch.profile,
      destinationNumber: ext,
      dialplan: dialplan ?? ch.profile.dialplan,
      context: context ?? ch.profile.context,
      profileIndex: ch.profile.profileIndex + 1,
      times: { ...ch.profile.times, profileCreated: now, transfer: now },
    };
    ch.vars.push(
      'transfer_history',
      `${Math.floor(now / 1_000_000)}:${ch.uuid}:bl_xfer:${ext}/${ch.profile.context}/${ch.profile.dialplan}`,
    );
    ch.vars.set('transfer_source', `${Math.floor(now / 1_000_000)}:${ch.uuid}:bl_xfer:${from}`);
    setRunningState(ch, CS.ROUTING);
    setRunningState(ch, CS.EXECUTE);
    await runDialplan(sim, ch, ext);
  };
}

/** Parses "[-bleg|-both] <ext> [dialplan] [context]" and transfers the right legs. */
export function transferLegs(ch: Channel, args: readonly string[]): boolean {
  let rest = [...args];
  let which: 'self' | 'bleg' | 'both' = 'self';
  if (rest[0] === '-bleg' || rest[0] === '-both') {
    which = rest[0] === '-bleg' ? 'bleg' : 'both';
    rest = rest.slice(1);
  }
  const [ext, dialplan, context] = rest;
  if (ext === undefined || ext === '') return false;
  const targets = which === 'self' ? [ch] : which === 'bleg' ? [ch.bridgedTo] : [ch, ch.bridgedTo];
  for (const target of targets) {
    if (target?.isUp) target.requestTransfer(transferRoute(ext, dialplan, context));
  }
  return true;
}

export const transferApp: AppDef = {
  name: 'transfer',
  run: ({ ch, data }) => {
    transferLegs(ch, data.trim().split(/\s+/));
    return Promise.resolve();
  },
};
