export { openPostgresEventStore, type PostgresEventStoreOptions } from './store.js';
export { migrateEventStore } from './migrations.js';
