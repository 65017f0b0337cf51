export * from './errors.js';
export * from './ids.js';
export * from './position.js';
export * from './streams.js';
export * from './envelope.js';
export * from './registry.js';
export * from './events/index.js';
