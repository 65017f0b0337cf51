/**
 * playback and speak (mod_dptools): DTMF in `playback_terminators` (default "*", "any", "none") stops
 * them and is stored in playback_terminator_used; Application-Response is FILE PLAYED (also after
 * uuid_break), FILE NOT FOUND or PLAYBACK ERROR.
 */
import type { Channel } from '../channel/channel.js';
import { playFile } from './play-file.js';
import type { AppDef } from './registry.js';

/** The on_dtmf input callback of mod_dptools. */
export function terminatorCallback(ch: Channel): (digit: string) => boolean {
  return (digit) => {
    let terminators: string | undefined = ch.vars.get('playback_terminators') ?? '*';
    if (terminators.toLowerCase() === 'any') terminators = '1234567890*#';
    if (terminators.toLowerCase() === 'none') terminators = undefined;
    if (terminators === undefined || !terminators.includes(digit)) return false;
    ch.vars.set('playback_terminator_used', digit);
    return true;
  };
}

export const playbackApps: readonly AppDef[] = [
  {
    name: 'playback',
    run: async ({ sim, ch, data }) => {
      ch.vars.set('playback_terminator_used', undefined);
      // "file@@samples" starts at an offset; the length model ignores the offset.
      const path = data.split('@@')[0] ?? '';
      const result = await playFile(sim, ch, path, { onDigit: terminatorCallback(ch) });
      const response =
        result === 'missing' ? 'FILE NOT FOUND' : result === 'hangup' ? 'PLAYBACK ERROR' : 'FILE PLAYED';
      ch.vars.set('current_application_response', response);
    },
  },
  {
    // speak engine|voice|text (or tts_engine/tts_voice variables + text); no PLAYBACK_* events.
    name: 'speak',
    run: async ({ sim, ch, data }) => {
      const parts = data.split('|');
      const text = parts.length >= 3 ? parts.slice(2).join('|') : data;
      if (parts.length >= 3) {
        ch.vars.set('tts_engine', parts[0]);
        ch.vars.set('tts_voice', parts[1]);
      }
      ch.vars.set('playback_terminator_used', undefined);
      await ch.media.wait({ ms: sim.media.speakMs(text), breakable: true, onDigit: terminatorCallback(ch) });
    },
  },
];
