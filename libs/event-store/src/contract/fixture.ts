import type { EventRegistry, NewEvent } from '@hotline/contracts';
import type { EventStore } from '../port.js';

/** An append held open inside its transaction: it has taken its place in the log but is not committed. */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * What the contract suite needs from an adapter under test. Every call to the factory gives a
 * fresh, empty store (its own PostgreSQL schema, its own KurrentDB stream prefix, …).
 */
export interface ContractFixture {
  store: EventStore;
  /** Opens a second store on the same storage (a second process, as far as the adapter can tell). */
  openAnother(): Promise<EventStore>;
  /**
   * Adapters whose global order can differ from commit order (PostgreSQL) provide this: start an
   * append and hold its transaction open after the rows are written, so a test can commit it after
   * later appends. Adapters where that cannot happen (KurrentDB) leave it out and the test says so.
   */
  holdAppendOpen?(stream: string, events: readonly NewEvent[]): Promise<HeldAppend>;
  /**
   * Resolves once every open subscription of `store` has finished a poll that began after the call.
   * Lets a test prove a subscription did not deliver something (rather than wait and hope); without
   * it the suite watches for a while instead.
   */
  awaitSubscriptionsPolled?(): Promise<void>;
  /** What the adapter's storage guarantees beyond the common core; every member defaults to true. */
  capabilities?: ContractCapabilities;
  /** Makes the stream name unique to this fixture where the storage is shared (KurrentDB). */
  streamName(name: string): string;
  dispose(): Promise<void>;
}

export interface ContractCapabilities {
  /**
   * An event id stored by one append is rejected in any other append (DuplicateEventIdError), in
   * any stream. KurrentDB deduplicates per stream only (a retry at the same place), so its fixture
   * sets this false and the cross-append duplicate-id cases are skipped with that reason.
   */
  rejectsEventIdReuseAcrossAppends?: boolean;
}

export interface ContractFixtureOptions {
  /** Catalogue the store validates against (the suite adds a probe event for tenant streams). */
  registry?: EventRegistry;
}

export type ContractFixtureFactory = (options?: ContractFixtureOptions) => Promise<ContractFixture>;
