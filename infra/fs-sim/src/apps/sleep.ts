/** sleep <ms>: uuid_break ends it early; DTMF does not. */
import type { AppDef } from './registry.js';

export const sleepApp: AppDef = {
  name: 'sleep',
  run: async ({ ch, data }) => {
    const ms = Number.parseInt(data, 10);
    if (ms > 0) await ch.media.wait({ ms, breakable: true });
  },
};
