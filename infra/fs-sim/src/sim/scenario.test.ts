import { describe, expect, it } from 'vitest';
import { SimError } from '../errors.js';
import { MediaCatalog } from './media-catalog.js';
import { parseScenario } from './scenario.js';

describe('scenario files', () => {
  it('reads media, endpoints, calls and traffic with defaults', () => {
    const s = parseScenario({
      media: { files: { '/p/welcome.wav': 4200 }, strictFiles: true },
      endpoints: [{ ext: '1001' }, { ext: '1002', behaviour: 'no-answer', registered: false }],
      calls: [{ atMs: 500, from: '+15551234', to: '9610', inputs: [{ digits: '1#' }], patienceMs: 30000 }],
      traffic: {
        seed: 3,
        dids: [{ did: '9610', callsPerHour: 120 }],
        handleTime: { dist: 'fixed', value: 60000 },
      },
    });
    expect(s.endpoints[0]).toMatchObject({
      ext: '1001',
      registered: true,
      behaviour: { mode: 'answer', afterMs: 2000 },
    });
    expect(s.endpoints[1]?.behaviour).toEqual({ mode: 'no-answer' });
    expect(s.calls[0]).toMatchObject({
      atMs: 500,
      from: '+15551234',
      inputs: [{ digits: '1#' }],
      patienceMs: 30000,
    });
    expect(s.traffic?.handleTime).toEqual({ dist: 'fixed', value: 60000 });
    const media = new MediaCatalog(s.media);
    expect(media.lengthOf('/p/welcome.wav')).toEqual({ kind: 'ms', ms: 4200 });
    expect(media.lengthOf('/p/other.wav')).toEqual({ kind: 'missing' });
  });

  it('lists every problem with its path', () => {
    try {
      parseScenario({
        endpoints: [{ behaviour: 'maybe' }],
        calls: [{ from: 'a b', to: '1', inputs: [{ digits: 'xyz' }] }],
        bogus: 1,
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SimError);
      const e = err as SimError;
      expect(e.code).toBe('SCENARIO_INVALID');
      expect(e.issues.map((i) => i.path).sort()).toEqual([
        '$.bogus',
        '$.calls[0].from',
        '$.calls[0].inputs[0].digits',
        '$.endpoints[0].behaviour',
        '$.endpoints[0].ext',
      ]);
    }
  });
});

describe('media lengths', () => {
  const media = new MediaCatalog();
  it('derives tone and silence lengths from their spec and plays local streams until broken', () => {
    expect(media.lengthOf('tone_stream://%(200,0,500)')).toEqual({ kind: 'ms', ms: 200 });
    expect(media.lengthOf('tone_stream://%(1000,4000,440,480);loops=3')).toEqual({ kind: 'ms', ms: 15000 });
    expect(media.lengthOf('tone_stream://%(2000,4000,440,480);loops=-1')).toEqual({ kind: 'forever' });
    expect(media.lengthOf('silence_stream://250')).toEqual({ kind: 'ms', ms: 250 });
    expect(media.lengthOf('local_stream://moh')).toEqual({ kind: 'forever' });
    expect(media.lengthOf('local_stream://jazz')).toEqual({ kind: 'missing' });
    expect(media.lengthOf('file_string://silence_stream://100!tone_stream://%(200,0,1)')).toEqual({
      kind: 'ms',
      ms: 300,
    });
    expect(media.lengthOf('/any.wav')).toEqual({ kind: 'ms', ms: 3000 });
  });
});
