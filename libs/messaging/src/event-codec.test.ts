import { describe, expect, it } from 'vitest';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { RecordedEvent } from '@hotline/contracts';
import { EventHeaders, decodeEvent, encodeEvent, eventFilterSubject, eventSubject } from './event-codec.js';
import { encodeJson } from './json.js';
import { renderSubject } from './subjects.js';
import { InMemoryAppliedPositionStore, positionKey } from './positions.js';

const callId = '0195f3b4-7c1e-7a10-9c3e-2f5d8e9a1b2c';
const event: RecordedEvent = {
  id: '0195f3b4-7c1e-7a10-9c3e-000000000001',
  type: 'CallHungUp',
  streamName: `call-${callId}`,
  streamRevision: 3,
  globalPosition: { commit: 18446744073709551615n, prepare: 42n },
  data: { callId, cause: 'NORMAL_CLEARING', by: 'caller' },
  metadata: {
    tenantId: 'acme',
    correlationId: callId,
    actor: 'service:media-bridge',
    occurredAt: '2026-01-01T10:00:00.000Z',
  },
  recordedAt: new Date('2026-01-01T10:00:00.123Z'),
};

describe('event codec', () => {
  it('round-trips an event, bigints of the position included', () => {
    const encoded = encodeEvent('hl', event);
    expect(encoded.subject).toBe('hl.evt.acme.call.CallHungUp');
    expect(encoded.msgId).toBe(event.id);
    expect(encoded.headers.get(EventHeaders.position)).toBe('18446744073709551615/42');
    expect(encoded.headers.get(EventHeaders.revision)).toBe('3');
    expect(decodeEvent(encoded)).toEqual(event);
  });

  it('rejects bodies that are not events, and headers that disagree with the body', () => {
    const good = encodeEvent('hl', event);
    const bad =
      (data: Uint8Array, h = good.headers) =>
      () =>
        decodeEvent({ data, headers: h });
    expect(bad(new TextEncoder().encode('{'))).toThrow(
      expect.objectContaining({ code: 'EVENT_MESSAGE_INVALID' }),
    );
    expect(
      bad(encodeJson({ ...JSON.parse(new TextDecoder().decode(good.data)), streamRevision: -1 })),
    ).toThrow(expect.objectContaining({ code: 'EVENT_MESSAGE_INVALID' }));
    expect(bad(encodeJson({ hello: 'world' }))).toThrow(/not an event/);
    const h = natsHeaders();
    for (const [k, v] of good.headers) h.set(k, v[0] ?? '');
    h.set(EventHeaders.revision, '4');
    expect(bad(good.data, h)).toThrow(/headers do not match/);
    expect(() => decodeEvent({ data: good.data })).toThrow(/headers do not match/);
  });

  it('builds subjects from tenant, category and type and refuses tokens that would reroute', () => {
    expect(eventFilterSubject('p.hl', { category: 'call' })).toBe('p.hl.evt.*.call.*');
    expect(() => eventSubject('hl', { ...event, type: 'Call.HungUp' })).toThrow(
      expect.objectContaining({ code: 'SUBJECT_INVALID' }),
    );
    expect(() => eventSubject('hl', { ...event, metadata: { ...event.metadata, tenantId: '*' } })).toThrow(
      /not a subject token/,
    );
    expect(renderSubject('hl.cmd.media.{node}.play', { node: 'fs-2' }, 'x')).toBe('x.hl.cmd.media.fs-2.play');
    expect(() => renderSubject('hl.cmd.media.{node}.play', {})).toThrow(/missing \{node\}/);
    expect(() => renderSubject('hl..cmd')).toThrow(/invalid subject/);
  });
});

describe('applied positions', () => {
  it('remembers the last revision per stream in memory', async () => {
    const store = new InMemoryAppliedPositionStore();
    expect(await store.get('call-a')).toBeUndefined();
    await store.set('call-a', 4);
    await store.set('call-b', 1);
    expect(await store.get('call-a')).toBe(4);
    expect(await store.get('call-b')).toBe(1);
  });

  it('uses stream names as KV keys where they are safe and encodes the rest', () => {
    expect(positionKey('agent-acme.a_1')).toBe('agent-acme.a_1');
    expect(positionKey('weird name/é')).toMatch(/^_b64_[A-Za-z0-9_-]+$/);
    expect(positionKey('_b64_x')).not.toBe('_b64_x');
    expect(positionKey('a..b')).not.toBe(positionKey('a.b'));
  });
});
