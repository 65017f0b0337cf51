/** Reading endpoint and call definitions from JSON (scenario files and the control API share them). */
import type { CallRequest } from '../simulator.js';
import type { EndpointSpec, RingBehaviour } from './directory.js';
import { DIGITS, PHONE, type Reader } from './validate.js';

const EXT = /^[A-Za-z0-9_.-]{1,32}$/;
const CONTACT = /^[A-Za-z0-9.-]{1,64}:\d{1,5}$/;
const BEHAVIOURS = ['answer', 'no-answer', 'busy', 'reject'] as const;

export const ENDPOINT_KEYS = [
  'ext',
  'registered',
  'behaviour',
  'afterMs',
  'talkMs',
  'contact',
  'displayName',
  'busyWhenInUse',
];

/** `base` supplies defaults (for PATCH-like updates); without it ext is required. */
export function readEndpoint(
  r: Reader,
  raw: unknown,
  path: string,
  base?: EndpointSpec,
  index = 0,
): EndpointSpec | undefined {
  const o = r.object(raw, path);
  if (!o) return undefined;
  r.only(o, path, ENDPOINT_KEYS);
  const ext = base ? base.ext : r.requiredString(o, 'ext', path, EXT);
  const mode = r.oneOf(o, 'behaviour', path, BEHAVIOURS) ?? base?.behaviour.mode ?? 'answer';
  const baseAfter = base && 'afterMs' in base.behaviour ? base.behaviour.afterMs : undefined;
  const afterMs = r.number(o, 'afterMs', path, 0, 3_600_000) ?? baseAfter ?? (mode === 'busy' ? 100 : 2000);
  const behaviour: RingBehaviour = mode === 'no-answer' ? { mode } : { mode, afterMs };
  const talkMs = r.number(o, 'talkMs', path, 0, 86_400_000) ?? base?.talkMs;
  const displayName = r.string(o, 'displayName', path) ?? base?.displayName;
  return {
    ext,
    registered: r.boolean(o, 'registered', path) ?? base?.registered ?? true,
    behaviour,
    contact: r.string(o, 'contact', path, CONTACT) ?? base?.contact ?? `127.0.0.1:${5100 + index}`,
    busyWhenInUse: r.boolean(o, 'busyWhenInUse', path) ?? base?.busyWhenInUse ?? true,
    ...(talkMs !== undefined ? { talkMs } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
  };
}

export const CALL_KEYS = [
  'from',
  'to',
  'callerName',
  'inputs',
  'patienceMs',
  'talkMs',
  'maxDurationMs',
  'variables',
  'source',
];

export function readCall(
  r: Reader,
  raw: unknown,
  path: string,
  extraKeys: readonly string[] = [],
): CallRequest | undefined {
  const o = r.object(raw, path);
  if (!o) return undefined;
  r.only(o, path, [...CALL_KEYS, ...extraKeys]);
  const inputs = r.array(o, 'inputs', path, 100).map((item, i) => {
    const p = `${path}.inputs[${i}]`;
    const io = r.object(item, p);
    if (!io) return { digits: '' };
    r.only(io, p, ['digits', 'delayMs', 'interDigitMs']);
    const delayMs = r.number(io, 'delayMs', p, 0, 3_600_000);
    const interDigitMs = r.number(io, 'interDigitMs', p, 0, 60_000);
    return {
      digits: r.requiredString(io, 'digits', p, DIGITS),
      ...(delayMs !== undefined ? { delayMs } : {}),
      ...(interDigitMs !== undefined ? { interDigitMs } : {}),
    };
  });
  const optional = {
    callerName: r.string(o, 'callerName', path),
    patienceMs: r.number(o, 'patienceMs', path, 0, 86_400_000),
    talkMs: r.number(o, 'talkMs', path, 0, 86_400_000),
    maxDurationMs: r.number(o, 'maxDurationMs', path, 0, 86_400_000),
    variables: r.stringMap(o, 'variables', path),
    source: r.string(o, 'source', path, /^[A-Za-z0-9.-]{1,64}:\d{1,5}$/),
  };
  return {
    from: r.requiredString(o, 'from', path, PHONE),
    to: r.requiredString(o, 'to', path, PHONE),
    inputs,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
