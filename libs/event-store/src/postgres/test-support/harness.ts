import { createTestSchema, type TestSchema } from '@hotline/test-kit';
import { afterEach } from 'vitest';
import { PostgresEventStore, type StoreTuning } from '../store.js';

export interface StoreHarness {
  /** A fresh schema and a store on it, both gone after the test. */
  open(tuning?: StoreTuning): Promise<{ store: PostgresEventStore; schema: TestSchema }>;
  /** Another store on the same schema: another process, as far as the first can tell. */
  another(schema: TestSchema, tuning?: StoreTuning): Promise<PostgresEventStore>;
  /** Runs after the test, before the stores close and the schema is dropped. */
  defer(fn: () => Promise<void>): void;
}

/** The PostgreSQL adapter's integration tests: a schema per test, everything closed after each. */
export function storeHarness(prefix: string): StoreHarness {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  const another = async (schema: TestSchema, tuning: StoreTuning = {}): Promise<PostgresEventStore> => {
    const store = await PostgresEventStore.open({ connectionString: schema.url, poolSize: 6 }, tuning);
    cleanup.push(() => store.close());
    return store;
  };
  return {
    async open(tuning = {}) {
      const schema = await createTestSchema({ prefix, poolSize: 1 });
      cleanup.push(() => schema.drop());
      return { store: await another(schema, tuning), schema };
    },
    another,
    defer: (fn) => cleanup.push(fn),
  };
}

/** A new call's id and stream name. */
export function newCallStream(): { callId: string; stream: string } {
  const callId = crypto.randomUUID();
  return { callId, stream: `call-${callId}` };
}
