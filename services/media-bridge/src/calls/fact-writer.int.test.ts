/** One writer per call stream, expected revisions, and ids that make a retried append a no-op. */
import { eventRegistry, streams } from '@hotline/contracts';
import type { EventStore } from '@hotline/event-store';
import { openEventStore } from '@hotline/event-store/factory';
import { createTestSchema, type TestSchema } from '@hotline/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactWriter, type AnyCallFact } from './fact-writer.js';
import { nameUuid } from './ids.js';

let schema: TestSchema;
let store: EventStore;
beforeEach(async () => {
  schema = await createTestSchema({ prefix: 'mbfacts' });
  store = await openEventStore({ databaseUrl: schema.url, registry: eventRegistry });
});
afterEach(async () => {
  await store.close();
  await schema.drop();
});

const callId = '0195f7a4-1111-7000-8000-000000000001';
const at = Date.UTC(2026, 10, 24, 3, 41, 36);
const arrived: AnyCallFact = {
  id: nameUuid('core-1/10/CallArrived'),
  type: 'CallArrived',
  at,
  data: {
    callId,
    tenantId: 'acme',
    dialledNumber: '+18005550100',
    callerNumber: '+15551234567',
    mediaNode: 'fs1',
  },
};
const answered: AnyCallFact = {
  id: nameUuid('core-1/12/CallAnswered'),
  type: 'CallAnswered',
  at: at + 1000,
  data: { callId },
};

describe('FactWriter', () => {
  it('appends in order with expected revisions; the same facts again are no-ops, also from a fresh writer', async () => {
    const problems: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (_: object, m?: string) => void problems.push(m ?? ''),
    };
    const writer = new FactWriter(store, logger);
    await Promise.all([writer.write(callId, 'acme', arrived), writer.write(callId, 'acme', answered)]);
    await writer.write(callId, 'acme', answered);
    // A restarted bridge does not know the revision: the store tells it the fact is already there.
    const fresh = new FactWriter(store, logger);
    await fresh.write(callId, 'acme', arrived);
    const stored = await store.readStream(streams.call(callId));
    expect(stored.map((e) => [e.type, e.streamRevision])).toEqual([
      ['CallArrived', 0],
      ['CallAnswered', 1],
    ]);
    expect(problems).toEqual([]);
    expect(stored[0]?.metadata).toMatchObject({
      tenantId: 'acme',
      correlationId: callId,
      actor: 'service:media-bridge',
    });
  });

  it('ids are name-based: the same ESL event gives the same id, another event another id', () => {
    expect(nameUuid('core-1/10/CallArrived')).toBe(arrived.id);
    expect(nameUuid('core-1/11/CallArrived')).not.toBe(arrived.id);
    expect(arrived.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
