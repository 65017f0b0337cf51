// Conformance suites for services' own tests (imports vitest: use from *.test.ts files only).
export * from './service-app.js';
export * from './service-config.js';
