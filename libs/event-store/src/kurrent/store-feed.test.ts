import { describe, expect, it } from 'vitest';
import { eventRegistry, type RecordedEvent } from '@hotline/contracts';
import { AccessDeniedError, UnavailableError } from '@kurrent/kurrentdb-client';
import { FakeKurrentClient } from './test-support/fake-client.js';
import { KurrentEventStore, READ_ALL_PAGE } from './store.js';

const CALL = '0190f3a0-7b1c-7cc2-9d3e-4f5a6b7c8d9e';
const meta = { tenantId: 'acme', actor: 'system', occurredAt: '2026-03-02T09:00:00Z' };

function setup() {
  const client = new FakeKurrentClient();
  const drops: number[] = [];
  const store = new KurrentEventStore(client, {
    registry: eventRegistry,
    streamPrefix: 'run1-',
    sleep: () => Promise.resolve(),
    onSubscriptionDrop: (_e, n) => void drops.push(n),
  });
  // Interleaved: ours, another run's, the system's, a foreign application's.
  const ours = (stream: string, type: string) => client.record(`run1-${stream}`, type, {}, meta);
  return { client, store, drops, ours };
}

const names = (events: RecordedEvent[]) => events.map((e) => `${e.streamName}:${e.type}`);

describe('KurrentEventStore.readAll', () => {
  it('returns only this store’s events, without prefix, strictly after the checkpoint', async () => {
    const { client, store, ours } = setup();
    const first = ours(`call-${CALL}`, 'CallArrived');
    client.record(`run2-call-${CALL}`, 'CallArrived', {}, meta);
    client.record('$settings', '$settings');
    client.record(`run1-$$call-${CALL}`, '$metadata');
    client.record('run1-orders-1', 'OrderPlaced');
    ours(`contact-${CALL}`, 'ContactQueued');
    ours('agent-acme.alice', 'AgentLoggedIn');

    const all = await store.readAll();
    expect(names(all)).toEqual([
      `call-${CALL}:CallArrived`,
      `contact-${CALL}:ContactQueued`,
      'agent-acme.alice:AgentLoggedIn',
    ]);
    // The fake server treats fromPosition as inclusive, like a readAll from a position.
    const after = await store.readAll({ after: all[0]!.globalPosition });
    expect(names(after)).toEqual([`contact-${CALL}:ContactQueued`, 'agent-acme.alice:AgentLoggedIn']);
    expect(all[0]!.globalPosition).toEqual(first.position);
    expect(await store.readAll({ after: all[2]!.globalPosition })).toEqual([]);
  });

  it('applies stream prefixes on the server (with the store prefix) and types on the client', async () => {
    const { client, store, ours } = setup();
    ours(`call-${CALL}`, 'CallArrived');
    ours(`call-${CALL}`, 'CallAnswered');
    ours(`contact-${CALL}`, 'ContactQueued');
    const events = await store.readAll({
      filter: { streamPrefixes: ['call-'], eventTypes: ['CallAnswered'] },
    });
    expect(names(events)).toEqual([`call-${CALL}:CallAnswered`]);
    expect(client.readAllCalls[0]!.filter).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['run1-call-'],
    });
  });

  it('pages through the log until the limit is met, however many records it skips', async () => {
    const { client, store, ours } = setup();
    for (let i = 0; i < READ_ALL_PAGE + 5; i++) client.record(`run2-call-${CALL}`, 'CallArrived', {}, meta);
    ours(`call-${CALL}`, 'CallArrived');
    ours(`call-${CALL}`, 'CallAnswered');
    ours(`call-${CALL}`, 'CallHungUp');
    const two = await store.readAll({ limit: 2 });
    expect(names(two)).toEqual([`call-${CALL}:CallArrived`, `call-${CALL}:CallAnswered`]);
    expect(client.readAllCalls.every((c) => Number(c.maxCount) <= READ_ALL_PAGE + 1)).toBe(true);
    const rest = await store.readAll({ after: two[1]!.globalPosition, limit: 10 });
    expect(names(rest)).toEqual([`call-${CALL}:CallHungUp`]);
    expect(await store.readAll({ limit: 0 })).toEqual([]);
  });
});

describe('KurrentEventStore.subscribeAll', () => {
  it('resubscribes from the last checkpoint after a drop and delivers each event once', async () => {
    const { client, store, drops, ours } = setup();
    const a = ours(`call-${CALL}`, 'CallArrived');
    const other = client.record(`run2-call-${CALL}`, 'CallArrived', {}, meta);
    const b = ours(`call-${CALL}`, 'CallAnswered');
    const c = ours(`call-${CALL}`, 'CallHungUp');
    client.subscriptionScripts.push(
      { records: [a, other], then: new UnavailableError() },
      { records: [other, b, c], then: 'hang' },
    );
    const sub = store.subscribeAll();
    const seen: RecordedEvent[] = [];
    for await (const e of sub) {
      seen.push(e);
      if (seen.length === 2) break;
    }
    expect(names(seen)).toEqual([`call-${CALL}:CallArrived`, `call-${CALL}:CallAnswered`]);
    expect(client.subscribeCalls.map((s) => s.fromPosition)).toEqual(['start', other.position]);
    expect(drops).toEqual([1]);
    expect(client.subscriptions.every((s) => s.unsubscribed)).toBe(true);
    expect(client.subscribeCalls[0]!.filter).toMatchObject({ filterOn: 'streamName', prefixes: ['run1-'] });
  });

  it('surfaces a non-recoverable error to the consumer', async () => {
    const { client, store } = setup();
    client.subscriptionScripts.push({ records: [], then: new AccessDeniedError() });
    await expect(
      (async () => {
        for await (const _e of store.subscribeAll()) break;
      })(),
    ).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('close() stops open subscriptions and disposes of the client', async () => {
    const { client, store, ours } = setup();
    const a = ours(`call-${CALL}`, 'CallArrived');
    client.subscriptionScripts.push({ records: [a], then: 'hang' });
    const sub = store.subscribeAll({ after: { commit: 0n, prepare: 0n } });
    const iterator = sub[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: 'CallArrived' });
    const pending = iterator.next();
    await store.close();
    expect((await pending).done).toBe(true);
    expect(client.subscriptions[0]!.unsubscribed).toBe(true);
    expect(client.disposed).toBe(true);
  });
});
