export * from './postgres.js';
export * from './nats.js';
export * from './clock.js';
export * from './wait.js';
