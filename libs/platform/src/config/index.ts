export * from './load.js';
export * from './pieces.js';
