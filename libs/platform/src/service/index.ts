export * from './run.js';
export * from './runtime.js';
