/** The dialplan applications the simulator implements, looked up case-insensitively by name. */
import type { Channel } from '../channel/channel.js';
import type { SimContext } from '../sim/context.js';
import { answerApps } from './answer.js';
import { bridgeApp } from './bridge.js';
import { eavesdropApp } from './eavesdrop.js';
import { hangupApp } from './hangup.js';
import { logApp } from './log.js';
import { parkApp } from './park.js';
import { playbackApps } from './playback.js';
import { digitApps } from './digits.js';
import { recordApps } from './record.js';
import { sleepApp } from './sleep.js';
import { transferApp } from './transfer.js';
import { variableApps } from './variables.js';

export interface AppContext {
  readonly sim: SimContext;
  readonly ch: Channel;
  /** execute-app-arg, '' when none was given. */
  readonly data: string;
  readonly appUuid: string;
}

/** 'parked' = the application keeps running (park) and completes when the channel leaves it. */
export type AppOutcome = void | 'parked';

export interface AppDef {
  readonly name: string;
  run(ctx: AppContext): Promise<AppOutcome>;
}

let table: Map<string, AppDef> | undefined;

/** Built on first use: the application modules import the executor, which imports this module. */
export function findApp(name: string): AppDef | undefined {
  table ??= new Map(
    [
      ...answerApps,
      parkApp,
      hangupApp,
      sleepApp,
      logApp,
      bridgeApp,
      eavesdropApp,
      ...playbackApps,
      ...digitApps,
      ...recordApps,
      transferApp,
      ...variableApps,
    ].map((app) => [app.name, app]),
  );
  return table.get(name.toLowerCase());
}
