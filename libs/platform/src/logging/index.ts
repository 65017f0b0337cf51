export * from './logger.js';
export * from './mask.js';
