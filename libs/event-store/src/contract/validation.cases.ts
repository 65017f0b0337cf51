import { ValidationError, type NewEvent } from '@hotline/contracts';
import { expect, it } from 'vitest';
import type { ExpectedRevision } from '../port.js';
import type { ContractContext } from './event-store.contract.js';
import type { ContractFixture } from './fixture.js';
import { TENANT, callAnswered, callArrived, newCall, probeEvent, probeRegistry } from './support.js';

interface BadAppend {
  stream: string;
  events: NewEvent[];
  expectedRevision?: ExpectedRevision;
}

// Each case builds its bad append for a fixture; the append must fail with the code, write nothing.
const cases: [string, string, (f: ContractFixture) => BadAppend][] = [
  [
    'an unknown event type',
    'EVENT_TYPE_UNKNOWN',
    (f) => {
      const { callId, stream } = newCall(f);
      return { stream, events: [callArrived(callId), { ...callAnswered(callId), type: 'CallTeleported' }] };
    },
  ],
  [
    'data that does not match the schema',
    'EVENT_INVALID',
    (f) => {
      const { callId, stream } = newCall(f);
      return { stream, events: [callArrived(callId), { ...callAnswered(callId), data: { callId: 42 } }] };
    },
  ],
  [
    'metadata that does not match the schema',
    'EVENT_INVALID',
    (f) => {
      const { callId, stream } = newCall(f);
      const event = callArrived(callId);
      return { stream, events: [{ ...event, metadata: { ...event.metadata, tenantId: 'Not A Tenant' } }] };
    },
  ],
  [
    'an event id that is not a UUID',
    'EVENT_INVALID',
    (f) => {
      const { callId, stream } = newCall(f);
      return { stream, events: [{ ...callArrived(callId), id: 'not-a-uuid' }] };
    },
  ],
  [
    'an invalid stream name',
    'STREAM_NAME_INVALID',
    (f) => {
      const { callId } = newCall(f);
      return { stream: f.streamName(`call-${callId}/x`), events: [callArrived(callId)] };
    },
  ],
  [
    'an event of another category',
    'EVENT_CATEGORY_MISMATCH',
    (f) => ({ stream: f.streamName(`agent-${TENANT}.a1`), events: [callArrived(newCall(f).callId)] }),
  ],
  ['an empty batch', 'APPEND_EMPTY', (f) => ({ stream: newCall(f).stream, events: [] })],
  [
    'an id repeated in one append',
    'EVENT_ID_REPEATED',
    (f) => {
      const { callId, stream } = newCall(f);
      const event = callArrived(callId);
      return { stream, events: [event, { ...callAnswered(callId), id: event.id.toUpperCase() }] };
    },
  ],
  [
    'a negative expected revision',
    'EXPECTED_REVISION_INVALID',
    (f) => {
      const { callId, stream } = newCall(f);
      return { stream, events: [callArrived(callId)], expectedRevision: -1 };
    },
  ],
];

async function expectRejected(f: ContractFixture, bad: BadAppend, code: string): Promise<void> {
  const error: unknown = await f.store
    .append(
      bad.stream,
      bad.events,
      bad.expectedRevision === undefined ? {} : { expectedRevision: bad.expectedRevision },
    )
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ code, kind: 'invalid' });
  expect(await f.store.readAll()).toEqual([]);
}

export function validationCases(ctx: ContractContext): void {
  it.each(cases)('rejects %s with %s and writes nothing', async (_name, code, build) => {
    const f = ctx.fixture();
    await expectRejected(f, build(f), code);
  });

  it('rejects an event whose tenant is not the stream tenant, and writes nothing', async () => {
    const f = await ctx.open({ registry: probeRegistry });
    const stream = f.streamName(`agent-${TENANT}.a1`);
    await expectRejected(
      f,
      { stream, events: [probeEvent(TENANT), probeEvent('globex')] },
      'EVENT_TENANT_MISMATCH',
    );
    // The same append with the right tenant goes through: the registry reached the store.
    await f.store.append(stream, [probeEvent(TENANT)], { expectedRevision: 'no-stream' });
    expect(await f.store.readStream(stream)).toHaveLength(1);
  });
}
