/**
 * The two Node ESL clients the media bridge may use drive the simulator unmodified: connect, auth,
 * subscribe, api, bgapi (Job-UUID echo), execute (Event-UUID → Application-UUID) and events.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import { PASSWORD, startSim } from './test-support/harness.js';

interface EslEvent {
  getHeader(name: string): string | undefined;
  getBody(): string;
}
interface EslConnection {
  api(cmd: string, cb: (e: EslEvent) => void): void;
  bgapi(cmd: string, args: string, cb: (e: EslEvent) => void): void;
  subscribe(events: string[], cb?: () => void): void;
  execute(app: string, arg: string, uuid: string, cb: (e: EslEvent) => void): string;
  on(name: string, cb: (e: EslEvent) => void): void;
  once(name: string, cb: (e: EslEvent) => void): void;
  disconnect(): void;
}
type EslModule = {
  Connection: new (host: string, port: number, password: string, ready: () => void) => EslConnection;
};

const require = createRequire(import.meta.url);
const libraries: [string, EslModule][] = [
  ['modesl 1.2.1', require('modesl') as EslModule],
  ['drachtio-modesl 1.3.1', require('drachtio-modesl') as EslModule],
];

let sim: Simulator | undefined;
let conn: EslConnection | undefined;

afterEach(async () => {
  conn?.disconnect();
  await sim?.stop();
});

const promised = <T>(fn: (resolve: (v: T) => void) => void): Promise<T> => new Promise(fn);

describe.each(libraries)('%s', (_name, esl) => {
  it('connects, authenticates, subscribes, runs api/bgapi, executes and receives events', async () => {
    sim = await startSim();
    const port = sim.esl.port ?? 0;
    conn = await promised<EslConnection>((resolve) => {
      const c: EslConnection = new esl.Connection('127.0.0.1', port, PASSWORD, () => resolve(c));
    });
    const c = conn;
    // Socket errors at teardown (the simulator closes first) are not what this test is about.
    c.on('error', () => undefined);
    const events = [
      'CHANNEL_PARK',
      'CHANNEL_ANSWER',
      'CHANNEL_EXECUTE_COMPLETE',
      'BACKGROUND_JOB',
      'PLAYBACK_START',
    ];
    await promised<void>((resolve) => c.subscribe(events, resolve));
    const status = await promised<EslEvent>((resolve) => c.api('status', resolve));
    expect(status.getBody()).toContain('is ready');
    const job = await promised<EslEvent>((resolve) => c.bgapi('uuid_exists', 'nope', resolve));
    expect(job.getBody()).toBe('false');
    expect(job.getHeader('Job-Command')).toBe('uuid_exists');

    const parked = promised<EslEvent>((resolve) => c.once('esl::event::CHANNEL_PARK::*', resolve));
    const call = sim.placeCall({ from: '5551234', to: '9610' });
    expect((await parked).getHeader('Unique-ID')).toBe(call.uuid);
    const answered = promised<EslEvent>((resolve) =>
      c.once(`esl::event::CHANNEL_ANSWER::${call.uuid}`, resolve),
    );
    const done = await promised<EslEvent>((resolve) => c.execute('answer', '', call.uuid, resolve));
    expect(done.getHeader('Application')).toBe('answer');
    expect(done.getHeader('Application-Response')).toBe('_none_');
    expect((await answered).getHeader('Answer-State')).toBe('answered');
    const started = promised<EslEvent>((resolve) =>
      c.once(`esl::event::PLAYBACK_START::${call.uuid}`, resolve),
    );
    const played = promised<EslEvent>((resolve) =>
      c.execute('playback', 'tone_stream://%(500,0,440)', call.uuid, resolve),
    );
    expect((await started).getHeader('Playback-File-Type')).toBe('tone_stream');
    await sim.clock.advance(500);
    expect((await played).getHeader('Application-Response')).toBe('FILE PLAYED');
  });
});
