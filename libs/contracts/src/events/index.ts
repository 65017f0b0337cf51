import { EventRegistry, type EventDataOf } from '../registry.js';
import { callEvents } from './call.js';

export * from './call.js';

/** Every event Hotline writes, by stream category. */
export const eventDefinitions = [...callEvents] as const;

type Definitions = (typeof eventDefinitions)[number];
export type EventType = Definitions['type'];
export type EventData<T extends EventType> = EventDataOf<Extract<Definitions, { type: T }>>;

/** The registry every event store validates against. */
export const eventRegistry = new EventRegistry(eventDefinitions);
