/**
 * switch_core_session_execute_application: CHANNEL_EXECUTE, the application, CHANNEL_EXECUTE_COMPLETE
 * whose Application-Response is whatever the application left in current_application_response (so a
 * park that ends at hang-up reports the last sendmsg application's response, as the captures show).
 */
import { randomUUID } from 'node:crypto';
import type { Header } from '../esl/event.js';
import type { SimContext } from '../sim/context.js';
import { findApp } from '../apps/registry.js';
import type { Channel } from './channel.js';
import { AT, fireChannelEvent } from './events.js';
import { hangup } from './lifecycle.js';

export interface Execution {
  readonly app: string;
  /** undefined = no Application-Data header; '' = header present and empty. */
  readonly data?: string;
  readonly appUuid: string;
  readonly uuidName?: string;
}

/** A park that is still running: its CHANNEL_EXECUTE_COMPLETE fires when it ends. */
export interface OpenPark extends Execution {
  readonly afterComplete?: () => void;
}

function appHeaders(exec: Execution, response?: string): Header[] {
  const h: Header[] = [['Application', exec.app]];
  if (exec.data !== undefined) h.push(['Application-Data', exec.data]);
  if (response !== undefined) h.push(['Application-Response', response]);
  h.push(['Application-UUID', exec.appUuid]);
  if (exec.uuidName !== undefined) h.push(['Application-UUID-Name', exec.uuidName]);
  return h;
}

export function fireExecuteComplete(ch: Channel, exec: Execution): void {
  const response = ch.vars.get('current_application_response') ?? '_none_';
  fireChannelEvent(ch, 'CHANNEL_EXECUTE_COMPLETE', AT.executeComplete, { tail: appHeaders(exec, response) });
}

export type ExecuteResult = 'completed' | 'parked' | 'invalid';

/** Runs one application; 'parked' means it keeps running and completes at hang-up or transfer. */
export async function execute(
  sim: SimContext,
  ch: Channel,
  app: string,
  data?: string,
  appUuid: string = randomUUID(),
  uuidName?: string,
  afterParkComplete?: () => void,
): Promise<ExecuteResult> {
  const impl = findApp(app);
  if (!impl) {
    sim.log.warn(`[${ch.uuid}] Invalid Application ${app}`);
    hangup(ch, 'DESTINATION_OUT_OF_ORDER');
    return 'invalid';
  }
  const exec: Execution = {
    app: impl.name,
    ...(data !== undefined ? { data } : {}),
    appUuid,
    ...(uuidName !== undefined ? { uuidName } : {}),
  };
  ch.vars.set('current_application_response', undefined);
  ch.vars.set('current_application_data', data);
  ch.vars.set('current_application', impl.name);
  ch.lastApplication = impl.name;
  ch.lastApplicationData = data ?? '';
  fireChannelEvent(ch, 'CHANNEL_EXECUTE', AT.execute, { tail: appHeaders(exec) });
  const outcome = await impl.run({ sim, ch, data: data ?? '', appUuid });
  if (outcome === 'parked') {
    ch.parks.push({ ...exec, ...(afterParkComplete ? { afterComplete: afterParkComplete } : {}) });
    return 'parked';
  }
  fireExecuteComplete(ch, exec);
  return 'completed';
}

/** Ends every running park, innermost first: CHANNEL_UNPARK then the park's EXECUTE_COMPLETE. */
export function closeParks(ch: Channel): void {
  while (ch.parks.length > 0) {
    const park = ch.parks.pop();
    if (!park) break;
    fireChannelEvent(ch, 'CHANNEL_UNPARK', AT.unpark);
    fireExecuteComplete(ch, park);
    park.afterComplete?.();
  }
}
