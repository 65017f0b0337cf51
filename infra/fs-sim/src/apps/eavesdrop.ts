/**
 * eavesdrop <uuid>: the supervisor's leg listens to a call until either side leaves or uuid_break.
 * Whisper/barge are DTMF-driven in FreeSWITCH (2 / 1 / 3 / 0); the simulator records the mode the
 * supervisor's digits select in eavesdrop_mode but carries no audio.
 */
import { answer } from '../channel/lifecycle.js';
import type { AppDef } from './registry.js';

const MODES: Record<string, string> = { '0': 'listen', '1': 'whisper-other', '2': 'whisper', '3': 'barge' };

export const eavesdropApp: AppDef = {
  name: 'eavesdrop',
  run: async ({ ch, data }) => {
    const target = ch.core.findChannel(data.trim());
    if (!target || !target.isUp || target === ch) return;
    answer(ch);
    ch.vars.set('eavesdrop_target_uuid', target.uuid);
    ch.vars.set('eavesdrop_mode', 'listen');
    const wake = { onHangup: () => ch.media.interrupt() };
    target.listeners.add(wake);
    while (ch.isUp && target.isUp) {
      const outcome = await ch.media.wait({ breakable: true, onDigit: (d) => d in MODES });
      if (outcome.kind === 'dtmf') {
        ch.vars.set('eavesdrop_mode', MODES[outcome.digit]);
        continue;
      }
      break;
    }
    target.listeners.delete(wake);
  },
};
