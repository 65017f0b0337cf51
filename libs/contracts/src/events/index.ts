import { EventRegistry, type EventDataOf } from '../registry.js';
import { agentEvents } from './agent.js';
import { callEvents } from './call.js';
import { contactEvents } from './contact.js';
import { flowEvents } from './flow.js';
import { ivrEvents } from './ivr.js';
import { queueEvents } from './queue.js';

export * from './shared.js';
export * from './call.js';
export * from './ivr.js';
export * from './contact.js';
export * from './agent.js';
export * from './queue.js';
export * from './flow.js';

/** Every event Hotline writes, by stream category. */
export const eventDefinitions = [
  ...callEvents,
  ...ivrEvents,
  ...contactEvents,
  ...agentEvents,
  ...queueEvents,
  ...flowEvents,
] as const;

type Definitions = (typeof eventDefinitions)[number];
export type EventType = Definitions['type'];
export type EventData<T extends EventType> = EventDataOf<Extract<Definitions, { type: T }>>;

/** The registry every event store validates against. */
export const eventRegistry = new EventRegistry(eventDefinitions);
