export * from './app.js';
export * from './config.js';
export * from './commands/specs.js';
