/** Traffic generator settings and their validation. */
import type { DigitInput } from '../sim/caller.js';
import { DIGITS, PHONE, type Reader } from '../sim/validate.js';
import type { Distribution } from './random.js';

export interface DidTraffic {
  readonly did: string;
  /** Mean arrival rate (Poisson). */
  readonly callsPerHour: number;
  /** Caller numbers are this prefix plus random digits up to 11 digits. */
  readonly callerPrefix: string;
}

export interface InputScript {
  readonly weight: number;
  readonly inputs: readonly DigitInput[];
}

export interface TrafficConfig {
  readonly seed: number;
  readonly dids: readonly DidTraffic[];
  /** How long a connected caller stays (virtual ms). */
  readonly handleTime: Distribution;
  /** How long a caller waits for an agent before abandoning (virtual ms). */
  readonly patience: Distribution;
  readonly inputs: readonly InputScript[];
}

function readDistribution(r: Reader, raw: unknown, path: string, fallback: Distribution): Distribution {
  if (raw === undefined) return fallback;
  const o = r.object(raw, path);
  if (!o) return fallback;
  const dist = r.oneOf(o, 'dist', path, ['fixed', 'uniform', 'exponential', 'lognormal'] as const);
  const max = 86_400_000;
  switch (dist) {
    case 'fixed':
      return { dist, value: r.number(o, 'value', path, 0, max) ?? 0 };
    case 'uniform': {
      const min = r.number(o, 'min', path, 0, max) ?? 0;
      return { dist, min, max: Math.max(min, r.number(o, 'max', path, 0, max) ?? min) };
    }
    case 'exponential':
      return { dist, mean: r.number(o, 'mean', path, 1, max) ?? 1 };
    case 'lognormal':
      return { dist, mean: r.number(o, 'mean', path, 1, max) ?? 1, sd: r.number(o, 'sd', path, 0, max) ?? 0 };
    case undefined:
      r.issues.push({ path: `${path}.dist`, message: 'is required' });
      return fallback;
  }
}

export function readTraffic(r: Reader, raw: unknown, path: string): TrafficConfig | undefined {
  const o = r.object(raw, path);
  if (!o) return undefined;
  r.only(o, path, ['seed', 'dids', 'handleTime', 'patience', 'inputs']);
  const dids = r.array(o, 'dids', path, 1000).map((item, i) => {
    const p = `${path}.dids[${i}]`;
    const d = r.object(item, p) ?? {};
    r.only(d, p, ['did', 'callsPerHour', 'callerPrefix']);
    return {
      did: r.requiredString(d, 'did', p, PHONE),
      callsPerHour: r.number(d, 'callsPerHour', p, 0, 1_000_000) ?? 60,
      callerPrefix: r.string(d, 'callerPrefix', p, /^\+?\d{0,10}$/) ?? '+1555',
    };
  });
  if (dids.length === 0) r.issues.push({ path: `${path}.dids`, message: 'needs at least one DID' });
  const inputs = r.array(o, 'inputs', path, 100).map((item, i) => {
    const p = `${path}.inputs[${i}]`;
    const s = r.object(item, p) ?? {};
    r.only(s, p, ['weight', 'digits']);
    return {
      weight: r.number(s, 'weight', p, 0, 1_000_000) ?? 1,
      inputs: r.array(s, 'digits', p, 20).map((d, j) => ({
        digits:
          typeof d === 'string' && DIGITS.test(d)
            ? d
            : (r.issues.push({ path: `${p}.digits[${j}]`, message: 'must be DTMF digits' }), ''),
      })),
    };
  });
  return {
    seed: r.number(o, 'seed', path, 0, 2 ** 32 - 1) ?? 1,
    dids,
    handleTime: readDistribution(r, o['handleTime'], `${path}.handleTime`, {
      dist: 'lognormal',
      mean: 180_000,
      sd: 90_000,
    }),
    patience: readDistribution(r, o['patience'], `${path}.patience`, { dist: 'exponential', mean: 120_000 }),
    inputs,
  };
}
