import { describe, expect, it } from 'vitest';
import { header, loadCapture, orderedJson, plainEvent } from '../test-support/frames.js';
import type { EslEvent } from './event.js';
import { serializeJson, serializePlain } from './serialize.js';
import { fsUrlEncode } from './url-encode.js';

describe('event serialisation against FreeSWITCH 1.11.2 captures', () => {
  it('re-encodes every header value of the plain capture byte for byte', () => {
    const frames = loadCapture('fs1.11_ivr_call_events.plain-stream.txt').filter(
      (f) => header(f, 'Content-Type') === 'text/event-plain',
    );
    expect(frames.length).toBeGreaterThan(70);
    let values = 0;
    for (const frame of frames) {
      const lines = (frame.body ?? '').split('\n\n')[0]?.split('\n') ?? [];
      for (const line of lines) {
        const encoded = line.slice(line.indexOf(': ') + 2);
        if (encoded === '_undef_') continue;
        expect(fsUrlEncode(decodeURIComponent(encoded))).toBe(encoded);
        values++;
      }
    }
    expect(values).toBeGreaterThan(5000);
  });

  it('serialises each plain event exactly as captured', () => {
    const frames = loadCapture('fs1.11_ivr_call_events.plain-stream.txt').filter(
      (f) => header(f, 'Content-Type') === 'text/event-plain',
    );
    for (const frame of frames) {
      const parsed = plainEvent(frame.body ?? '');
      const event: EslEvent = {
        name: parsed.headers[0]?.[1] ?? '',
        headers: parsed.headers,
        ...(parsed.body !== undefined ? { body: parsed.body } : {}),
      };
      expect(serializePlain(event)).toBe(frame.body);
    }
  });

  it('serialises each JSON event exactly as captured, duplicates and arrays included', () => {
    const frames = ['01_parked_ivr_bridge_sip.esl', '02_bridge_failures.esl'].flatMap((name) =>
      loadCapture(name).filter((f) => header(f, 'Content-Type') === 'text/event-json'),
    );
    let arrays = 0;
    let duplicates = 0;
    for (const frame of frames) {
      const pairs = orderedJson(frame.body ?? '');
      const bodyAt = pairs.findIndex(([n]) => n === '_body');
      const body = bodyAt >= 0 ? (pairs[bodyAt]?.[1] as string) : undefined;
      const headers = pairs.filter(([n], i) => n !== '_body' && !(bodyAt >= 0 && i === bodyAt - 1));
      arrays += headers.filter(([, v]) => Array.isArray(v)).length;
      duplicates += headers.length - new Set(headers.map(([n]) => n)).size;
      const event: EslEvent = { name: '', headers, ...(body !== undefined ? { body } : {}) };
      expect(serializeJson(event)).toBe(frame.body);
    }
    expect(arrays).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
  });

  it('encodes the unsafe set, control bytes and UTF-8, leaves upper-case %XX alone', () => {
    expect(fsUrlEncode('a b:c#d%e&f+g;h<i=j>k?l@m[n\\o]p^q`r{s|t}u"v')).toBe(
      'a%20b%3Ac%23d%25e%26f%2Bg%3Bh%3Ci%3Dj%3Ek%3Fl%40m%5Bn%5Co%5Dp%5Eq%60r%7Bs%7Ct%7Du%22v',
    );
    expect(fsUrlEncode("/(),'!*~-_.")).toBe("/(),'!*~-_.");
    expect(fsUrlEncode('%41%4a%(')).toBe('%41%254a%25(');
    expect(fsUrlEncode('\r\n\t\u007f')).toBe('%0D%0A%09%7F');
    expect(fsUrlEncode('é')).toBe('%C3%A9');
  });

  it('prints an empty value as _undef_ and a multi-value header as ARRAY::', () => {
    const event: EslEvent = {
      name: 'X',
      headers: [
        ['Empty', ''],
        ['Multi', ['a;b', 'c']],
      ],
    };
    expect(serializePlain(event)).toBe('Empty: _undef_\nMulti: ARRAY%3A%3Aa%3Bb%7C%3Ac\n\n');
    expect(serializeJson(event)).toBe('{"Empty":"","Multi":["a;b","c"]}');
  });
});
