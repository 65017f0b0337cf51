// Everything, for convenience; the subpaths (`@hotline/platform/http`, …) load only what they name.
export * from './auth/index.js';
export * from './config/index.js';
export * from './db/index.js';
export * from './http/index.js';
export * from './logging/index.js';
export * from './service/index.js';
export * from './shutdown/index.js';
