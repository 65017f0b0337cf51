import { createTestSchema } from '@hotline/test-kit';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import type { ContractFixture, ContractFixtureOptions } from '../contract/fixture.js';
import { PostgresEventStore } from './store.js';

// One schema per fixture: each test gets an empty store, and the stores of parallel test files never
// see (or wake) each other.
async function postgresFixture(options: ContractFixtureOptions = {}): Promise<ContractFixture> {
  const schema = await createTestSchema({ prefix: 'es', poolSize: 1 });
  const open = () =>
    PostgresEventStore.open({
      connectionString: schema.url,
      poolSize: 6,
      pollIntervalMs: 200,
      ...(options.registry ? { registry: options.registry } : {}),
    });
  const store = await open();
  const others: PostgresEventStore[] = [];
  return {
    store,
    openAnother: async () => {
      const another = await open();
      others.push(another);
      return another;
    },
    holdAppendOpen: (stream, events) => store.holdAppendOpen(stream, events),
    awaitSubscriptionsPolled: () => store.awaitSubscriptionsPolled(),
    streamName: (name) => name,
    dispose: async () => {
      await Promise.all([store, ...others].map((s) => s.close()));
      await schema.drop();
    },
  };
}

describeEventStoreContract('PostgreSQL', postgresFixture);
