export * from './logger.js';
export * from './connection.js';
export * from './errors.js';
export * from './subjects.js';
export { encodeJson, decodeJson, issuesOf } from './json.js';
export * from './commands.js';
export * from './event-codec.js';
export * from './positions.js';
export * from './consumer.js';
