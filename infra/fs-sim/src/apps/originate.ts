/**
 * switch_ivr_originate for the simulated endpoints: resolve each dial-string leg, ring the legs of a
 * group together, fail over group by group, time out with NO_ANSWER, cancel everything with
 * ORIGINATOR_CANCEL when the caller hangs up.
 */
import type { Channel } from '../channel/channel.js';
import { parseCause } from '../channel/causes.js';
import { hangup } from '../channel/lifecycle.js';
import type { SimContext } from '../sim/context.js';
import { fireApiEvent } from '../api/api-event.js';
import type { DialLeg, DialString } from './dial-string.js';
import { createLeg, playEndpoint, type LegTarget } from './outbound-leg.js';

export interface OriginateRequest {
  readonly dial: DialString;
  readonly caller?: Channel;
  /** Seconds when neither leg_timeout, originate_timeout nor call_timeout say otherwise. */
  readonly defaultTimeoutSec: number;
  readonly cidName?: string;
  readonly cidNumber?: string;
  /** Called for each leg created, before it rings (bridge records callee ids and originated_legs). */
  readonly onLeg?: (leg: Channel, target: LegTarget) => void;
}

export type OriginateResult =
  | { readonly ok: true; readonly leg: Channel }
  | { readonly ok: false; readonly cause: string; readonly legs: readonly Channel[] };

type Resolved = { readonly target: LegTarget } | { readonly cause: string };

function resolveLeg(sim: SimContext, leg: DialLeg, caller: Channel | undefined): Resolved {
  const slash = leg.target.indexOf('/');
  const tech = slash < 0 ? leg.target : leg.target.slice(0, slash);
  const rest = slash < 0 ? '' : leg.target.slice(slash + 1);
  switch (tech.toLowerCase()) {
    case 'error':
      return { cause: parseCause(rest, 'NORMAL_UNSPECIFIED') };
    case 'null':
      return { target: { name: `null/${rest}`, destination: rest, endpointModule: 'null' } };
    case 'user': {
      const [ext = '', domain = sim.directory.domain] = rest.split('@');
      const endpoint = sim.directory.get(ext);
      if (!endpoint) return { cause: 'SUBSCRIBER_ABSENT' };
      caller?.vars.set('dialed_user', ext);
      caller?.vars.set('dialed_domain', domain);
      // The directory dial-string expands ${sofia_contact()} and ${verto_contact()}.
      fireApiEvent(sim.core, 'sofia_contact', `*/${ext}@${domain}`);
      fireApiEvent(sim.core, 'verto_contact', `${ext}@${domain}`);
      if (!endpoint.registered) return { cause: 'USER_NOT_REGISTERED' };
      return {
        target: {
          name: `sofia/internal/${ext}@${endpoint.contact}`,
          destination: ext,
          endpointModule: 'sofia',
          endpoint,
          sipUrl: `sip:${ext}@${endpoint.contact}`,
        },
      };
    }
    case 'sofia': {
      const uri = rest.slice(rest.indexOf('/') + 1);
      const [user = '', host = ''] = uri.split('@');
      const endpoint = sim.directory.byContact(user, host);
      return {
        target: {
          name: `sofia/internal/${uri}`,
          destination: user,
          endpointModule: 'sofia',
          ...(endpoint?.registered ? { endpoint } : {}),
          sipUrl: `sip:${uri}`,
        },
      };
    }
    default:
      return { cause: 'CHAN_NOT_IMPLEMENTED' };
  }
}

function timeoutFor(req: OriginateRequest, leg: DialLeg): number {
  const pick = (v: string | undefined): number | undefined => {
    const n = Number.parseInt(v ?? '', 10);
    return n > 0 ? n : undefined;
  };
  return (
    pick(leg.vars.get('leg_timeout')) ??
    pick(req.dial.globals.get('originate_timeout')) ??
    pick(req.dial.globals.get('call_timeout')) ??
    pick(req.caller?.vars.get('call_timeout')) ??
    req.defaultTimeoutSec
  );
}

export async function originate(sim: SimContext, req: OriginateRequest): Promise<OriginateResult> {
  const legs: Channel[] = [];
  let cause = 'NORMAL_CLEARING';
  for (const group of req.dial.groups) {
    if (req.caller && !req.caller.isUp) return { ok: false, cause: 'ORIGINATOR_CANCEL', legs };
    const ringing: { leg: Channel; timeoutMs: number }[] = [];
    for (const dialLeg of group) {
      const resolved = resolveLeg(sim, dialLeg, req.caller);
      if ('cause' in resolved) {
        cause = resolved.cause;
        continue;
      }
      const inUse = resolved.target.endpoint ? sim.directory.callsOn(resolved.target.endpoint.ext) : 0;
      const vars = new Map([...req.dial.globals, ...dialLeg.vars]);
      const leg = createLeg(sim, resolved.target, {
        ...(req.caller ? { caller: req.caller } : {}),
        vars,
        ...(req.cidName !== undefined ? { cidName: req.cidName } : {}),
        ...(req.cidNumber !== undefined ? { cidNumber: req.cidNumber } : {}),
      });
      legs.push(leg);
      req.onLeg?.(leg, resolved.target);
      ringing.push({ leg, timeoutMs: timeoutFor(req, dialLeg) * 1000 });
      playEndpoint(sim, leg, resolved.target, inUse);
    }
    if (ringing.length === 0) continue;
    const winner = await race(sim, ringing, req.caller);
    if (winner.kind === 'answered') return { ok: true, leg: winner.leg };
    cause = winner.cause;
    if (cause === 'ORIGINATOR_CANCEL') break;
  }
  return { ok: false, cause, legs };
}

type RaceResult = { kind: 'answered'; leg: Channel } | { kind: 'failed'; cause: string };

function race(
  sim: SimContext,
  ringing: { leg: Channel; timeoutMs: number }[],
  caller: Channel | undefined,
): Promise<RaceResult> {
  return new Promise((resolve) => {
    let pending = ringing.length;
    let lastCause = 'NO_ANSWER';
    let done = false;
    const cleanups: (() => void)[] = [];
    const finish = (result: RaceResult): void => {
      if (done) return;
      done = true;
      for (const c of cleanups) c();
      for (const { leg } of ringing) {
        if (leg.isUp && !(result.kind === 'answered' && result.leg === leg)) {
          hangup(leg, result.kind === 'answered' ? 'LOSE_RACE' : 'ORIGINATOR_CANCEL');
        }
      }
      resolve(result);
    };
    for (const { leg, timeoutMs } of ringing) {
      if (leg.answered) {
        finish({ kind: 'answered', leg });
        return;
      }
      const timer = sim.clock.setTimeout(() => {
        if (leg.isUp && !leg.answered) hangup(leg, 'NO_ANSWER');
      }, timeoutMs);
      const listener = {
        onAnswer: () => finish({ kind: 'answered', leg }),
        onHangup: (_: Channel, cause: string) => {
          lastCause = cause;
          if (--pending === 0) finish({ kind: 'failed', cause: lastCause });
        },
      };
      leg.listeners.add(listener);
      cleanups.push(() => {
        sim.clock.clearTimeout(timer);
        leg.listeners.delete(listener);
      });
    }
    if (caller) {
      const callerListener = { onHangup: () => finish({ kind: 'failed', cause: 'ORIGINATOR_CANCEL' }) };
      caller.listeners.add(callerListener);
      cleanups.push(() => caller.listeners.delete(callerListener));
    }
  });
}
