/** park: fires CHANNEL_PARK and keeps running; its completion comes when the leg leaves (hang-up, transfer). */
import { AT, fireChannelEvent } from '../channel/events.js';
import type { AppDef } from './registry.js';

export const parkApp: AppDef = {
  name: 'park',
  run: ({ ch }) => {
    fireChannelEvent(ch, 'CHANNEL_PARK', AT.park);
    return Promise.resolve('parked' as const);
  },
};
