/**
 * Every real FreeSWITCH capture goes through the adapter's parser (the same code the live connection
 * uses) into the expected typed channel event: one row per capture.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureBytes, readFrames } from '../test-support/captures.js';
import { toChannelEvent, type ChannelEvent } from './channel-event.js';
import { parseEventBody, parsePlainBody } from './headers.js';

const own = (file: string) => fileURLToPath(new URL(`../../fixtures/esl/${file}`, import.meta.url));
const sim = (file: string) =>
  fileURLToPath(new URL(`../../../../infra/fs-sim/fixtures/esl/${file}`, import.meta.url));

function single(file: string): ChannelEvent | undefined {
  const [frame, ...rest] = readFrames(own(file));
  expect(rest).toEqual([]);
  const headers = frame && parseEventBody(frame.contentType, frame.body);
  return headers && toChannelEvent(headers);
}

const A = '298fde4b-af8e-4930-b3ee-b655641c9d21';
const B = '3a593bc1-c0e7-4e12-9880-c5b444dc572d';
const C = '303c0f9f-4b32-4b9b-9f77-df0ca215bbe7';

const rows: [string, Record<string, unknown>][] = [
  ['channel_answer.plain.txt', { kind: 'answer', uuid: A, sequence: 7117 }],
  ['channel_bridge.plain.txt', { kind: 'bridge', uuid: A, aLeg: A, bLeg: B }],
  ['channel_create.plain.txt', { kind: 'create', uuid: B, sequence: 7139 }],
  ['channel_destroy.plain.txt', { kind: 'destroy', uuid: C }],
  ['channel_execute.plain.txt', { kind: 'execute', uuid: C, application: 'park' }],
  [
    'channel_execute_complete_playback.plain.txt',
    { kind: 'execute-complete', uuid: A, application: 'playback', response: 'FILE PLAYED' },
  ],
  [
    'channel_execute_complete_read_digits.plain.txt',
    { kind: 'execute-complete', uuid: B, application: 'read', response: '_none_' },
  ],
  ['channel_hangup.plain.txt', { kind: 'hangup', uuid: B, cause: 'NORMAL_CLEARING' }],
  [
    'channel_hangup_complete_2012.plain.txt',
    { kind: 'hangup-complete', uuid: C, cause: 'ORIGINATOR_CANCEL' },
  ],
  ['channel_park.plain.txt', { kind: 'park', uuid: C, sequence: 34290 }],
  ['channel_unbridge.plain.txt', { kind: 'unbridge', uuid: A, aLeg: A, bLeg: B }],
  ['dtmf.plain.txt', { kind: 'dtmf', uuid: B, digit: '#' }],
  ['heartbeat.plain.txt', { kind: 'heartbeat', sequence: 34262 }],
];

describe('captures → typed channel events', () => {
  it.each(rows)('%s', (file, expected) => {
    expect(single(file)).toMatchObject(expected);
  });

  it('channel_execute_complete_read_digits.plain.txt: digits are in the channel variables', () => {
    expect(
      single('channel_execute_complete_read_digits.plain.txt')?.headers.get('variable_read_digits_result'),
    ).toBe('1234');
  });

  it('background_job_2019.body.plain.txt (body only, one byte short) still parses', () => {
    const headers = parsePlainBody(captureBytes(own('background_job_2019.body.plain.txt')).toString('utf8'));
    expect(headers && toChannelEvent(headers)).toMatchObject({
      kind: 'background-job',
      jobUuid: 'c2ee21ba-4cd0-413a-bcc3-7ac3f7888b61',
    });
  });

  it('outbound_connect_reply.plain.txt is a command/reply, not an event', () => {
    const [frame] = readFrames(own('outbound_connect_reply.plain.txt'));
    expect(frame && parseEventBody(frame.contentType, frame.body)).toBeUndefined();
  });

  it.each(['fs1.11_ivr_call_events.json-stream.txt', 'fs1.11_ivr_call_events.plain-stream.txt'])(
    '%s: every event maps, and the IVR call reads as expected',
    (file) => {
      const events = readFrames(sim(file))
        .filter((f) => f.contentType?.startsWith('text/event-'))
        .map((f) => {
          const headers = parseEventBody(f.contentType, f.body);
          expect(headers).toBeDefined();
          return headers && toChannelEvent(headers);
        });
      expect(events).toHaveLength(73);
      expect(events.every((e) => e !== undefined)).toBe(true);
      const kinds = events.map((e) => e?.kind);
      for (const k of ['create', 'answer', 'execute-complete', 'hangup', 'hangup-complete', 'destroy']) {
        expect(kinds).toContain(k);
      }
      expect(events.filter((e) => e?.kind === 'dtmf').map((e) => e?.kind === 'dtmf' && e.digit)).toEqual([
        '4',
        '2',
        '#',
      ]);
      const pagd = events.find(
        (e) => e?.kind === 'execute-complete' && e.application === 'play_and_get_digits',
      );
      expect(pagd?.kind === 'execute-complete' && pagd.response).toBe('_none_');
      expect(pagd?.headers.get('variable_read_result')).toBe('success');
    },
  );

  it('malformed bodies are skipped, never thrown', () => {
    expect(parseEventBody('text/event-json', '{"Event-Name":"HEART')).toBeUndefined();
    expect(parseEventBody('text/event-plain', 'NOT A HEADER\n\n')).toBeUndefined();
    expect(parsePlainBody('Event-Name: CHANNEL_ANSWER\nCore-UUID: x\nFoo: %E0%A4%A\n\n')?.get('Foo')).toBe(
      '%E0%A4%A',
    );
    expect(
      toChannelEvent(
        new Map([
          ['Event-Name', 'CHANNEL_ANSWER'],
          ['Core-UUID', 'x'],
        ]),
      ),
    ).toBeUndefined();
    expect(
      toChannelEvent(
        new Map([
          ['Event-Name', 'CUSTOM'],
          ['Core-UUID', 'x'],
        ]),
      ),
    ).toMatchObject({ kind: 'other' });
  });
});
