import { randomUUID } from 'node:crypto';
import { newEventId, type NewEvent } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError, type ExpectedRevision } from '../port.js';
import {
  atRevisionParams,
  atRevisionResults,
  batchParams,
  resolveStoredIds,
  takeBatch,
  valuesParams,
  type PendingAppend,
  type StoredIdRow,
} from './batch.js';

function event(id: string = newEventId()): NewEvent {
  return {
    id,
    type: 'CallAnswered',
    data: { callId: randomUUID() },
    metadata: { tenantId: 'acme', actor: 'system', occurredAt: '2026-01-01T00:00:00Z' },
  };
}

function pending(
  stream: string,
  events: NewEvent[] = [event()],
  expected: ExpectedRevision = 'any',
): PendingAppend {
  return { stream, events, expected, resolve: () => undefined, reject: () => undefined };
}

describe('takeBatch', () => {
  it('takes one append per stream and leaves the later ones of that stream queued, in order', () => {
    const queue = [
      pending('call-a'),
      pending('call-b'),
      pending('call-a'),
      pending('call-c'),
      pending('call-b'),
    ];
    const { batch, rest } = takeBatch(queue, new Set(), 1000);
    expect(batch).toEqual([queue[0], queue[1], queue[3]]);
    expect(rest).toEqual([queue[2], queue[4]]);
  });

  it('skips streams another batch is writing', () => {
    const queue = [pending('call-a'), pending('call-b')];
    const { batch, rest } = takeBatch(queue, new Set(['call-a']), 1000);
    expect(batch).toEqual([queue[1]]);
    expect(rest).toEqual([queue[0]]);
  });

  it('keeps an event id out of a batch that already carries it', () => {
    const shared = newEventId();
    const queue = [pending('call-a', [event(shared)]), pending('call-b', [event(shared.toUpperCase())])];
    const { batch, rest } = takeBatch(queue, new Set(), 1000);
    expect(batch).toEqual([queue[0]]);
    expect(rest).toEqual([queue[1]]);
  });

  it('stops at the event limit, but a lone append bigger than the limit still goes', () => {
    const big = pending('call-a', [event(), event(), event()]);
    expect(takeBatch([big], new Set(), 2).batch).toEqual([big]);
    const queue = [
      pending('call-a', [event(), event()]),
      pending('call-b', [event(), event()]),
      pending('call-c'),
    ];
    const { batch, rest } = takeBatch(queue, new Set(), 3);
    expect(batch).toEqual([queue[0], queue[2]]);
    expect(rest).toEqual([queue[1]]);
  });

  it('keeps a stream blocked behind a left-over append even when a later one would fit', () => {
    const queue = [
      pending('call-a', [event(), event()]),
      pending('call-b', [event(), event()]),
      pending('call-b'),
    ];
    const { batch, rest } = takeBatch(queue, new Set(), 3);
    expect(batch).toEqual([queue[0]]);
    expect(rest).toEqual([queue[1], queue[2]]);
  });
});

describe('batchParams', () => {
  it('lays out one entry per append and one per event, with its append and offset', () => {
    const a = pending('call-a', [event(), event()], 'no-stream');
    const b = pending('call-b', [event()], 4);
    const [names, expected, counts, ids, appendIndex, offsets, types, data, metadata] = batchParams([a, b]);
    expect(names).toBe('call-a\ncall-b');
    expect(expected).toEqual([-1, 4]);
    expect(counts).toEqual([2, 1]);
    expect(ids).toBe([...a.events, ...b.events].map((e) => e.id).join('\n'));
    expect(appendIndex).toEqual([1, 1, 2]);
    expect(offsets).toEqual([0, 1, 0]);
    expect(types).toBe('CallAnswered\nCallAnswered\nCallAnswered');
    expect((data as string).split('\n').map((d) => JSON.parse(d) as unknown)).toEqual(
      [...a.events, ...b.events].map((e) => e.data),
    );
    expect((metadata as string).split('\n')).toHaveLength(3);
  });

  it('keeps newlines inside payloads escaped, so splitting on them is safe', () => {
    const e = { ...event(), data: { note: 'line one\nline two' } };
    const [, , , , , , , data] = batchParams([pending('call-a', [e, event()])]);
    expect((data as string).split('\n').map((d) => JSON.parse(d) as unknown)[0]).toEqual(e.data);
  });

  it('refuses a stream name, id or type with a newline instead of misaligning the lists', () => {
    expect(() => batchParams([pending('call-a\nx')])).toThrow(/newline/);
    expect(() => batchParams([pending('call-a', [{ ...event(), type: 'A\nB' }])])).toThrow(/newline/);
  });
});

describe('resolveStoredIds', () => {
  const stream = 'call-a';
  const events = [event(), event()];
  const stored = (firstRevision: number, where = stream): StoredIdRow[] =>
    events.map((e, i) => ({
      event_id: e.id,
      stream_name: where,
      stream_revision: String(firstRevision + i),
      commit: '900',
      prepare: String(40 + i),
    }));

  it.each<[ExpectedRevision, number]>([
    ['any', 3],
    [2, 3],
    ['exists', 3],
    ['no-stream', 0],
  ])('returns the original result for a retry with expected %s', (expected, first) => {
    const result = resolveStoredIds(pending(stream, events, expected), stored(first));
    expect(result).toEqual({ nextExpectedRevision: first + 1, position: { commit: 900n, prepare: 41n } });
  });

  it.each<[string, ExpectedRevision, StoredIdRow[]]>([
    ['the expected revision does not fit where they landed', 1, stored(3)],
    ['no-stream, but they did not start the stream', 'no-stream', stored(3)],
    ['exists, but they started the stream', 'exists', stored(0)],
    ['they are in another stream', 'any', stored(3, 'call-b')],
    ['only some are stored', 'any', stored(3).slice(0, 1)],
    [
      'they are stored in another order',
      'any',
      stored(3).map((r, i) => ({ ...r, stream_revision: String(4 - i) })),
    ],
  ])('reports a duplicate id when %s', (_why, expected, rows) => {
    expect(() => resolveStoredIds(pending(stream, events, expected), rows)).toThrow(DuplicateEventIdError);
  });
});

describe('valuesParams', () => {
  it('lays out six parameters per event, in append and event order, then the hint', () => {
    const a = pending('call-a', [event(), event()]);
    const b = pending('call-b', [{ ...event(), type: 'CallHungUp' }], 3);
    const params = valuesParams([a, b], [5, 0], ['hotline_events_x', 'instance-1']);
    const row = (e: NewEvent, stream: string, revision: string) => [
      e.id,
      stream,
      revision,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
    ];
    expect(params).toEqual([
      ...row(a.events[0]!, 'call-a', '5'),
      ...row(a.events[1]!, 'call-a', '6'),
      ...row(b.events[0]!, 'call-b', '0'),
      'hotline_events_x',
      'instance-1',
    ]);
    expect(params).toHaveLength(3 * 6 + 2);
  });

  it('sends an empty hint when none is due', () => {
    const params = valuesParams([pending('call-a')], [0]);
    expect(params).toHaveLength(8);
    expect(params.slice(-2)).toEqual(['', '']);
  });

  it('keeps payloads exact: each value is its own parameter', () => {
    const e = { ...event(), data: { note: 'a "quoted"\nline\\ and ünïcødé 日本 🎧' } };
    const params = valuesParams([pending('call-a', [e])], [7]);
    expect(JSON.parse(params[4]!)).toEqual(e.data);
    expect(JSON.parse(params[5]!)).toEqual(e.metadata);
  });
});

describe('atRevisionParams', () => {
  it('joins one entry per event with newlines, revisions from each base, then the hint', () => {
    const a = pending('call-a', [event(), event(), event()]);
    const b = pending('call-b', [{ ...event(), type: 'CallHungUp' }]);
    const events = [...a.events, ...b.events];
    const [ids, names, revisions, types, data, metadata, ...hint] = atRevisionParams(
      [a, b],
      [10, 0],
      ['hotline_events_x', 'instance-1'],
    );
    expect(ids).toBe(events.map((e) => e.id).join('\n'));
    expect(names).toBe('call-a\ncall-a\ncall-a\ncall-b');
    expect(revisions).toBe('10\n11\n12\n0');
    expect(types).toBe('CallAnswered\nCallAnswered\nCallAnswered\nCallHungUp');
    expect(data!.split('\n').map((d) => JSON.parse(d) as unknown)).toEqual(events.map((e) => e.data));
    expect(metadata!.split('\n').map((m) => JSON.parse(m) as unknown)).toEqual(events.map((e) => e.metadata));
    expect(hint).toEqual(['hotline_events_x', 'instance-1']);
  });

  it('sends an empty hint when none is due', () => {
    const params = atRevisionParams([pending('call-a')], [0]);
    expect(params).toHaveLength(8);
    expect(params.slice(-2)).toEqual(['', '']);
  });

  it('keeps newlines inside payloads escaped, and refuses them in names, ids and types', () => {
    const e = { ...event(), data: { note: 'line one\nline two\r\n"three"\\' } };
    const [, , , , data] = atRevisionParams([pending('call-a', [e, event()])], [0]);
    expect(data!.split('\n')).toHaveLength(2);
    expect(JSON.parse(data!.split('\n')[0]!)).toEqual(e.data);
    expect(() => atRevisionParams([pending('call-a\nx')], [0])).toThrow(/newline/);
    expect(() => atRevisionParams([pending('call-a', [{ ...event(), type: 'A\nB' }])], [0])).toThrow(
      /newline/,
    );
  });
});

describe('atRevisionResults', () => {
  it("gives each append its last revision and the position of its last event, in the batch's commit", () => {
    const a = pending('call-a', [event(), event()]);
    const b = pending('call-b', [event()]);
    const c = pending('call-c', [event(), event(), event()]);
    const results = atRevisionResults([a, b, c], [4, 0, 9], {
      commit: '812',
      positions: '100,101,102,107,108,109',
    });
    expect(results).toEqual([
      { nextExpectedRevision: 5, position: { commit: 812n, prepare: 101n } },
      { nextExpectedRevision: 0, position: { commit: 812n, prepare: 102n } },
      { nextExpectedRevision: 11, position: { commit: 812n, prepare: 109n } },
    ]);
  });

  it('handles a single event', () => {
    expect(atRevisionResults([pending('call-a')], [0], { commit: '1', positions: '42' })).toEqual([
      { nextExpectedRevision: 0, position: { commit: 1n, prepare: 42n } },
    ]);
  });

  it('throws when the statement returned no row, or not one position per event', () => {
    const batch = [pending('call-a', [event(), event()]), pending('call-b')];
    expect(() => atRevisionResults(batch, [0, 0], undefined)).toThrow(/of 3 events/);
    expect(() => atRevisionResults(batch, [0, 0], { commit: '1', positions: '1,2' })).toThrow(/2 of 3/);
    expect(() => atRevisionResults(batch, [0, 0], { commit: '1', positions: '1,2,3,4' })).toThrow(/4 of 3/);
  });
});
