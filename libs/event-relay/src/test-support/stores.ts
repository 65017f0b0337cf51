import type { RecordedEvent } from '@hotline/contracts';
import type { EventStore } from '@hotline/event-store';
import { openPostgresEventStore } from '@hotline/event-store/postgres';
import { createTestSchema } from '@hotline/test-kit';
import { MemoryEventStore } from './memory-store.js';

export interface StoreUnderTest {
  store: EventStore;
  /** Connection string of the PostgreSQL schema, for a relay in a child process. */
  url?: string;
  /** Everything stored, in global order. */
  all(): Promise<RecordedEvent[]>;
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

export const memoryStore: StoreFactory = () => {
  const store = new MemoryEventStore();
  return Promise.resolve({
    store,
    all: () => Promise.resolve([...store.all()]),
    dispose: () => store.close(),
  });
};

export const postgresStore: StoreFactory = async () => {
  const schema = await createTestSchema({ prefix: 'relay' });
  const store = await openPostgresEventStore({ connectionString: schema.url });
  return {
    store,
    url: schema.url,
    all: () => store.readAll(),
    async dispose() {
      await store.close();
      await schema.drop();
    },
  };
};
