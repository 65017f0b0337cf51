export * from './errors.js';
export * from './readiness.js';
export * from './server.js';
export { validatorCompiler } from './validation.js';
