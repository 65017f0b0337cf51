/** log [level] <message>: FreeSWITCH writes to its log; the simulator has no log stream, only the events. */
import type { AppDef } from './registry.js';

export const logApp: AppDef = { name: 'log', run: () => Promise.resolve() };
