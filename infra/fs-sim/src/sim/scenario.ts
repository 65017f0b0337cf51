/**
 * Scenario files (JSON): media lengths, agent endpoints, scripted calls at given virtual times and the
 * traffic generator settings. Everything is validated before anything is applied.
 */
import { readFileSync } from 'node:fs';
import { SimError } from '../errors.js';
import type { CallRequest } from '../simulator.js';
import { readTraffic, type TrafficConfig } from '../traffic/config.js';
import type { EndpointSpec } from './directory.js';
import type { MediaConfig } from './media-catalog.js';
import { readCall, readEndpoint } from './specs.js';
import { Reader } from './validate.js';

export interface Scenario {
  readonly media?: MediaConfig;
  readonly endpoints: readonly EndpointSpec[];
  readonly calls: readonly (CallRequest & { readonly atMs: number })[];
  readonly traffic?: TrafficConfig;
}

function readMedia(r: Reader, raw: unknown): MediaConfig | undefined {
  if (raw === undefined) return undefined;
  const o = r.object(raw, '$.media');
  if (!o) return undefined;
  r.only(o, '$.media', ['files', 'defaultFileMs', 'strictFiles', 'localStreams', 'speakMsPerChar']);
  const files: Record<string, number> = {};
  const rawFiles = o['files'] === undefined ? {} : r.object(o['files'], '$.media.files');
  for (const [path, ms] of Object.entries(rawFiles ?? {})) {
    if (typeof ms === 'number' && ms >= 0) files[path] = ms;
    else r.issues.push({ path: `$.media.files.${path}`, message: 'must be a duration in ms' });
  }
  const streams = r
    .array(o, 'localStreams', '$.media', 100)
    .filter((s): s is string => typeof s === 'string');
  const defaultFileMs = r.number(o, 'defaultFileMs', '$.media', 0, 3_600_000);
  const strictFiles = r.boolean(o, 'strictFiles', '$.media');
  const speakMsPerChar = r.number(o, 'speakMsPerChar', '$.media', 0, 10_000);
  return {
    files,
    ...(o['localStreams'] !== undefined ? { localStreams: streams } : {}),
    ...(defaultFileMs !== undefined ? { defaultFileMs } : {}),
    ...(strictFiles !== undefined ? { strictFiles } : {}),
    ...(speakMsPerChar !== undefined ? { speakMsPerChar } : {}),
  };
}

export function parseScenario(raw: unknown): Scenario {
  const r = new Reader('SCENARIO_INVALID');
  const o = r.object(raw, '$') ?? {};
  r.only(o, '$', ['media', 'endpoints', 'calls', 'traffic']);
  const media = readMedia(r, o['media']);
  const endpoints = r
    .array(o, 'endpoints', '$', 10_000)
    .map((e, i) => readEndpoint(r, e, `$.endpoints[${i}]`, undefined, i))
    .filter((e): e is EndpointSpec => e !== undefined);
  const calls = r.array(o, 'calls', '$', 100_000).flatMap((c, i) => {
    const path = `$.calls[${i}]`;
    const call = readCall(r, c, path, ['atMs']);
    const atMs = r.number((c ?? {}) as Record<string, unknown>, 'atMs', path, 0, 30 * 86_400_000) ?? 0;
    return call ? [{ ...call, atMs }] : [];
  });
  const traffic = o['traffic'] === undefined ? undefined : readTraffic(r, o['traffic'], '$.traffic');
  r.done('scenario is invalid');
  return { endpoints, calls, ...(media ? { media } : {}), ...(traffic ? { traffic } : {}) };
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SimError('SCENARIO_UNREADABLE', 400, `cannot read scenario ${path}: ${String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SimError('SCENARIO_NOT_JSON', 400, `scenario ${path} is not JSON: ${String(err)}`);
  }
  return parseScenario(json);
}
