export * from './relay.js';
export * from './lease.js';
export * from './session.js';
export * from './stream.js';
export * from './kv.js';
export * from './timers.js';
export * from './config.js';
