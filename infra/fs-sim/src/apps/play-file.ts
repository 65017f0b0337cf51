/**
 * switch_ivr_play_file without audio: PLAYBACK_START, a wait as long as the media, PLAYBACK_STOP with
 * Playback-Status done|break and the playback_* variables. A missing file fires no playback events.
 */
import type { Channel } from '../channel/channel.js';
import { AT, fireChannelEvent } from '../channel/events.js';
import type { Header } from '../esl/event.js';
import type { SimContext } from '../sim/context.js';

export type PlayResult = 'done' | 'break' | 'digit' | 'missing' | 'hangup';

export interface PlayOptions {
  /** Offered each DTMF digit; true stops the playback (an input callback returning BREAK). */
  readonly onDigit?: (digit: string) => boolean;
}

export async function playFile(
  sim: SimContext,
  ch: Channel,
  path: string,
  options: PlayOptions = {},
): Promise<PlayResult> {
  if (!ch.isUp) return 'hangup';
  const length = sim.media.lengthOf(path);
  if (length.kind === 'missing') return 'missing';
  const fileHeaders: Header[] = [];
  if (path.startsWith('local_stream:')) fileHeaders.push(['Playback-File-Type', 'local_stream']);
  if (path.startsWith('tone_stream:')) fileHeaders.push(['Playback-File-Type', 'tone_stream']);
  fileHeaders.push(['Playback-File-Path', path]);
  fireChannelEvent(ch, 'PLAYBACK_START', AT.playbackStart, { tail: fileHeaders });
  const started = sim.clock.now();
  const outcome = await ch.media.wait({
    ...(length.kind === 'ms' ? { ms: length.ms } : {}),
    breakable: true,
    ...(options.onDigit ? { onDigit: options.onDigit } : {}),
  });
  const ms = Math.floor(sim.clock.now() - started);
  const samples = ms * 8;
  ch.vars.set('playback_last_offset_pos', String(samples));
  ch.vars.set('playback_seconds', String(Math.floor(ms / 1000)));
  ch.vars.set('playback_ms', String(ms));
  ch.vars.set('playback_samples', String(samples));
  const interrupted = outcome.kind === 'break' || outcome.kind === 'dtmf';
  fireChannelEvent(ch, 'PLAYBACK_STOP', AT.playbackStop, {
    tail: [...fileHeaders, ['Playback-Status', interrupted ? 'break' : 'done']],
  });
  switch (outcome.kind) {
    case 'timeout':
      return 'done';
    case 'break':
      return 'break';
    case 'dtmf':
      return 'digit';
    case 'hangup':
      return 'hangup';
  }
}
