import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import type { ContractFixtureFactory } from '../contract/fixture.js';
import type { EventStore } from '../port.js';
import { openKurrentEventStore } from './index.js';

// Runs the shared contract suite against a real KurrentDB when EVENTSTORE_URL points at one
// (e.g. `kurrentdb://localhost:2113?tls=false`); otherwise the block is listed as skipped.
const url = process.env.EVENTSTORE_URL || undefined;

const factory: ContractFixtureFactory = async (options = {}) => {
  if (!url) throw new Error('EVENTSTORE_URL is not set');
  const connectionString = url;
  // The server is shared by every run and every test: each fixture gets its own stream prefix, and
  // the store hides it (names are validated unprefixed, readAll and subscriptions see only its
  // prefix), so the suite's stream names need no change: `streamName` is the identity.
  const streamPrefix = `ct${randomUUID().replaceAll('-', '').slice(0, 16)}-`;
  const open = () => openKurrentEventStore({ connectionString, streamPrefix, registry: options.registry });
  const store = await open();
  const others: EventStore[] = [];
  return {
    store,
    openAnother: async () => {
      const another = await open();
      others.push(another);
      return another;
    },
    // KurrentDB dedupes an event id per stream (a retry at the same place), not across appends.
    capabilities: { rejectsEventIdReuseAcrossAppends: false },
    streamName: (name) => name,
    // Streams are left on the test server: KurrentDB keeps deleted events in $all until a scavenge
    // anyway, and the prefix already keeps them out of every later run.
    dispose: async () => {
      await Promise.all([store, ...others].map((s) => s.close()));
    },
  };
};

describeEventStoreContract('kurrentdb', factory, {
  skip: url ? undefined : 'EVENTSTORE_URL not set: no KurrentDB server here',
});
