/**
 * The pure mapping from an ESL event's headers to a typed channel event. Unknown event names become
 * `{ kind: 'other' }` and events missing a header the kind needs become `undefined`: the caller logs
 * and skips them, nothing here throws.
 */
import type { EslHeaders } from './headers.js';

interface Base {
  /** FreeSWITCH instance; a new one means the node restarted. */
  readonly coreUuid: string;
  /** Per-instance event counter: with coreUuid, a stable identity for the event. */
  readonly sequence: number;
  /** Event-Date-Timestamp in ms since the epoch. */
  readonly at: number;
  readonly headers: EslHeaders;
}
interface Leg extends Base {
  readonly uuid: string;
}

export type ChannelEvent =
  | (Leg & { kind: 'create' | 'park' | 'answer' | 'destroy' })
  | (Leg & { kind: 'hangup' | 'hangup-complete'; cause: string })
  | (Leg & { kind: 'bridge' | 'unbridge'; aLeg: string; bLeg: string })
  | (Leg & { kind: 'execute'; application: string; applicationUuid: string | undefined })
  | (Leg & {
      kind: 'execute-complete';
      application: string;
      applicationUuid: string | undefined;
      response: string;
    })
  | (Leg & { kind: 'dtmf'; digit: string })
  | (Leg & { kind: 'record-start' | 'record-stop'; path: string })
  | (Leg & { kind: 'playback-start'; file: string })
  | (Leg & { kind: 'playback-stop'; file: string; status: string })
  | (Base & { kind: 'background-job'; jobUuid: string; body: string })
  | (Base & { kind: 'heartbeat' })
  | (Base & { kind: 'other'; name: string });

export type ChannelEventKind = ChannelEvent['kind'];

const LEG_KINDS: Readonly<Record<string, 'create' | 'park' | 'answer' | 'destroy'>> = {
  CHANNEL_CREATE: 'create',
  CHANNEL_PARK: 'park',
  CHANNEL_ANSWER: 'answer',
  CHANNEL_DESTROY: 'destroy',
};

/** µs timestamp → ms; a missing one falls back to Event-Date-GMT, then 0. */
function timestamp(h: EslHeaders): number {
  const micros = Number(h.get('Event-Date-Timestamp'));
  if (Number.isFinite(micros) && micros > 0) return Math.floor(micros / 1000);
  const gmt = Date.parse(h.get('Event-Date-GMT') ?? '');
  return Number.isFinite(gmt) ? gmt : 0;
}

/** Maps one event; `undefined` = malformed (a header the kind needs is missing). */
export function toChannelEvent(h: EslHeaders): ChannelEvent | undefined {
  const name = h.get('Event-Name');
  const coreUuid = h.get('Core-UUID');
  if (name === undefined || coreUuid === undefined) return undefined;
  const sequence = Number(h.get('Event-Sequence') ?? '0');
  const base: Base = {
    coreUuid,
    sequence: Number.isFinite(sequence) ? sequence : 0,
    at: timestamp(h),
    headers: h,
  };
  if (name === 'HEARTBEAT') return { ...base, kind: 'heartbeat' };
  if (name === 'BACKGROUND_JOB') {
    const jobUuid = h.get('Job-UUID');
    return jobUuid === undefined
      ? undefined
      : { ...base, kind: 'background-job', jobUuid, body: h.get('_body') ?? '' };
  }
  const uuid = h.get('Unique-ID');
  const legKind = LEG_KINDS[name];
  if (legKind !== undefined) return uuid === undefined ? undefined : { ...base, uuid, kind: legKind };
  switch (name) {
    case 'CHANNEL_HANGUP':
    case 'CHANNEL_HANGUP_COMPLETE': {
      const cause = h.get('Hangup-Cause') ?? h.get('variable_hangup_cause');
      if (uuid === undefined || cause === undefined) return undefined;
      return { ...base, uuid, cause, kind: name === 'CHANNEL_HANGUP' ? 'hangup' : 'hangup-complete' };
    }
    case 'CHANNEL_BRIDGE':
    case 'CHANNEL_UNBRIDGE': {
      const aLeg = h.get('Bridge-A-Unique-ID') ?? uuid;
      const bLeg = h.get('Bridge-B-Unique-ID') ?? h.get('Other-Leg-Unique-ID');
      if (uuid === undefined || aLeg === undefined || bLeg === undefined) return undefined;
      return { ...base, uuid, aLeg, bLeg, kind: name === 'CHANNEL_BRIDGE' ? 'bridge' : 'unbridge' };
    }
    case 'CHANNEL_EXECUTE':
    case 'CHANNEL_EXECUTE_COMPLETE': {
      const application = h.get('Application');
      if (uuid === undefined || application === undefined) return undefined;
      const applicationUuid = h.get('Application-UUID');
      return name === 'CHANNEL_EXECUTE'
        ? { ...base, uuid, kind: 'execute', application, applicationUuid }
        : {
            ...base,
            uuid,
            kind: 'execute-complete',
            application,
            applicationUuid,
            response: h.get('Application-Response') ?? '_none_',
          };
    }
    case 'DTMF': {
      const digit = h.get('DTMF-Digit');
      return uuid === undefined || digit === undefined ? undefined : { ...base, uuid, kind: 'dtmf', digit };
    }
    case 'RECORD_START':
    case 'RECORD_STOP': {
      const path = h.get('Record-File-Path') ?? h.get('variable_record_file_path');
      if (uuid === undefined || path === undefined) return undefined;
      return { ...base, uuid, path, kind: name === 'RECORD_START' ? 'record-start' : 'record-stop' };
    }
    case 'PLAYBACK_START':
    case 'PLAYBACK_STOP': {
      const file = h.get('Playback-File-Path');
      if (uuid === undefined || file === undefined) return undefined;
      return name === 'PLAYBACK_START'
        ? { ...base, uuid, kind: 'playback-start', file }
        : { ...base, uuid, kind: 'playback-stop', file, status: h.get('Playback-Status') ?? 'done' };
    }
    default:
      return { ...base, kind: 'other', name };
  }
}
