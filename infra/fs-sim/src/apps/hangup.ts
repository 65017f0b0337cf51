/** hangup [cause]: CHANNEL_HANGUP fires before the application completes, as in the captures. */
import { parseCause } from '../channel/causes.js';
import { hangup } from '../channel/lifecycle.js';
import type { AppDef } from './registry.js';

export const hangupApp: AppDef = {
  name: 'hangup',
  run: ({ ch, data }) => {
    hangup(ch, parseCause(data));
    return Promise.resolve();
  },
};
