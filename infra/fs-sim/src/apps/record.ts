/**
 * record_session / stop_record_session: a media bug, so the application returns at once; RECORD_START
 * fires now, RECORD_STOP when stopped, when the optional +<seconds> limit is reached or at hang-up.
 */
import type { Channel } from '../channel/channel.js';
import { AT, fireChannelEvent } from '../channel/events.js';
import type { SimContext } from '../sim/context.js';
import type { AppDef } from './registry.js';

interface Recording {
  readonly path: string;
  readonly startedAt: number;
  stop(): void;
}

const active = new WeakMap<Channel, Recording[]>();

export function startRecording(sim: SimContext, ch: Channel, path: string, limitSec = 0): void {
  const list = active.get(ch) ?? [];
  active.set(ch, list);
  const startedAt = sim.clock.now();
  let stopped = false;
  const timer = limitSec > 0 ? sim.clock.setTimeout(() => recording.stop(), limitSec * 1000) : undefined;
  const recording: Recording = {
    path,
    startedAt,
    stop: () => {
      if (stopped) return;
      stopped = true;
      sim.clock.clearTimeout(timer);
      list.splice(list.indexOf(recording), 1);
      const ms = Math.floor(sim.clock.now() - startedAt);
      ch.vars.set('record_seconds', String(Math.floor(ms / 1000)));
      ch.vars.set('record_ms', String(ms));
      ch.vars.set('record_samples', String(ms * 8));
      fireChannelEvent(ch, 'RECORD_STOP', AT.recordStop, { tail: [['Record-File-Path', path]] });
    },
  };
  list.push(recording);
  ch.teardownHooks.push(() => recording.stop());
  fireChannelEvent(ch, 'RECORD_START', AT.recordStart, { tail: [['Record-File-Path', path]] });
}

/** `all` or a path; true when something was recording. */
export function stopRecording(ch: Channel, which: string): boolean {
  const list = [...(active.get(ch) ?? [])];
  const hits = which === 'all' ? list : list.filter((r) => r.path === which);
  for (const r of hits) r.stop();
  return hits.length > 0;
}

/** "path +limit" as record_session_function splits it. */
export function parseRecordArgs(data: string): { path: string; limitSec: number } {
  const m = /^(.*?)\s+\+(\d+)\s*$/.exec(data);
  return m ? { path: m[1] ?? '', limitSec: Number(m[2]) } : { path: data.trim(), limitSec: 0 };
}

export const recordApps: readonly AppDef[] = [
  {
    name: 'record_session',
    run: ({ sim, ch, data }) => {
      const { path, limitSec } = parseRecordArgs(data);
      if (path !== '') startRecording(sim, ch, path, limitSec);
      return Promise.resolve();
    },
  },
  {
    name: 'stop_record_session',
    run: ({ ch, data }) => {
      stopRecording(ch, data.trim());
      return Promise.resolve();
    },
  },
];
