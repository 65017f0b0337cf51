export * from './errors.js';
export * from './keys.js';
export * from './migrations.js';
export * from './plugin.js';
export * from './repository.js';
export * from './schema.js';
