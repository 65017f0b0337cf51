/** @hotline/fs-sim: a FreeSWITCH stand-in on the Event Socket wire, for development and tests. */
export { Simulator, type SimulatorOptions, type CallRequest } from './simulator.js';
export { ControlServer } from './control/http-server.js';
export { VirtualClock, type ClockMode, type ClockOptions, type TimerHandle } from './clock/virtual-clock.js';
export { parseScenario, loadScenarioFile, type Scenario } from './sim/scenario.js';
export type { EndpointSpec, RingBehaviour } from './sim/directory.js';
export type { CallerScript, DigitInput } from './sim/caller.js';
export type { MediaConfig } from './sim/media-catalog.js';
export type { TrafficConfig } from './traffic/config.js';
export type { Channel } from './channel/channel.js';
export { SimError, type Issue } from './errors.js';
export type { GarbageKind } from './esl/server.js';
