import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.js';
import { EslTestClient } from '../test-support/esl-client.js';
import { header, type Frame } from '../test-support/frames.js';
import { client, PASSWORD, startSim } from '../test-support/harness.js';

let sim: Simulator | undefined;
const clients: EslTestClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.stop();
});

async function raw(): Promise<EslTestClient> {
  const c = await EslTestClient.connect(sim?.esl.port ?? 0);
  clients.push(c);
  return c;
}

function capture(name: string): string {
  const text = readFileSync(fileURLToPath(new URL(`../../fixtures/esl/${name}`, import.meta.url)), 'utf8');
  return text.slice(text.indexOf('\n') + 1);
}

const replyText = (f: Frame) => header(f, 'Reply-Text');

describe('auth', () => {
  it('sends exactly the bytes FreeSWITCH 1.11.2 sends for a wrong password, then closes', async () => {
    sim = await startSim();
    const c = await raw();
    c.send('auth ClueCon\n\n');
    await c.waitClosed();
    expect(c.frames.map((f) => f.raw).join('')).toBe(capture('fs1.11_bad_auth.txt'));
  });

  it('answers other commands before auth with -ERR command not found, accepts exit, then auth', async () => {
    sim = await startSim();
    const c = await raw();
    expect(replyText(await c.command('api status'))).toBe('-ERR command not found');
    expect(replyText(await c.command(`auth ${PASSWORD}`))).toBe('+OK accepted');
    expect(header(c.frames[0]!, 'Content-Type')).toBe('auth/request');
    const other = await raw();
    expect(replyText(await other.command('exit'))).toBe('+OK bye');
    await other.waitClosed();
    expect(other.frames.at(-1)?.raw).toBe(
      'Content-Type: text/disconnect-notice\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n',
    );
  });
});

describe('commands after auth', () => {
  it('replies to event/nixevent/noevents/filter/log/linger/unknown with FreeSWITCH texts', async () => {
    sim = await startSim();
    const c = await client(sim, '');
    clients.push(c);
    const texts: string[] = [];
    for (const cmd of [
      'event json CHANNEL_CREATE',
      'event',
      'event plain ALL',
      'nixevent HEARTBEAT',
      'nixevent',
      'filter Unique-ID 1234',
      'filter delete Unique-ID 1234',
      'filter Unique-ID',
      'noevents',
      'noevents',
      'log info',
      'nolog',
      'nolog',
      'linger',
      'nolinger',
      'divert_events on',
      'myevents 00000000-0000-0000-0000-000000000000',
      'sendmsg 00000000-0000-4000-8000-00000000dead',
      'getvar foo',
      'frobnicate',
    ]) {
      texts.push(replyText(await c.command(cmd)) ?? '');
    }
    expect(texts).toEqual([
      '+OK event listener enabled json',
      '-ERR no keywords supplied',
      '+OK event listener enabled plain',
      '+OK events nixed',
      '-ERR no keywords supplied',
      '+OK filter added. [Unique-ID]=[1234]',
      '+OK filter deleted. [Unique-ID][1234]',
      '-ERR invalid syntax',
      '+OK no longer listening for events',
      '-ERR not listening for events',
      '+OK log level info [6]',
      '+OK no longer logging',
      '-ERR not loging',
      '-ERR not controlling a session',
      '-ERR not controlling a session',
      '-ERR not controlling a session.',
      '-ERR invalid uuid',
      '-ERR invalid session id [00000000-0000-4000-8000-00000000dead]',
      '-ERR command not found',
      '-ERR command not found',
    ]);
  });

  it('frames api/response with Content-Type first and bgapi with the Job-UUID echo and BACKGROUND_JOB', async () => {
    sim = await startSim();
    const c = await client(sim);
    clients.push(c);
    const status = await c.command('api status');
    expect(status.headers.map(([n]) => n)).toEqual(['Content-Type', 'Content-Length']);
    expect(status.body).toMatch(
      /^UP 0 years, 0 days, 0 hours, 0 minutes, 0 seconds, \d+ milliseconds, \d+ microseconds\n/,
    );
    expect(status.body).toContain('FreeSWITCH (Version 1.11.2-release  64bit) is ready\n');
    expect(status.body?.endsWith('Current Stack Size/Max 240K/8192K\n')).toBe(true);
    const unknown = await c.command('api no_such_command arg');
    expect(unknown.body).toBe('-ERR no_such_command Command not found!\n');
    expect((await c.command('api uuid_kill 00000000-0000-4000-8000-00000000dead')).body).toBe(
      '-ERR No such channel!\n',
    );
    expect((await c.command('api show channels as json')).body).toBe('{"row_count": 0}\n');
    const bg = await c.command('bgapi status', { 'Job-UUID': 'b9b90003-0000-4000-8000-000000000001' });
    expect(bg.raw).toBe(
      'Content-Type: command/reply\nReply-Text: +OK Job-UUID: b9b90003-0000-4000-8000-000000000001\n' +
        'Job-UUID: b9b90003-0000-4000-8000-000000000001\n\n',
    );
    const job = await c.waitForEvent('BACKGROUND_JOB');
    expect(job.get('Job-UUID')).toBe('b9b90003-0000-4000-8000-000000000001');
    expect(job.get('Job-Command')).toBe('status');
    expect(job.get('Job-Command-Arg')).toBeUndefined();
    expect(job.get('_body')).toMatch(/^UP /);
    const api = c
      .events()
      .filter((e) => e.name === 'API')
      .map((e) => e.get('API-Command'));
    expect(api).toEqual(['status', 'no_such_command', 'uuid_kill', 'show', 'status']);
    const own = await c.command('bgapi uuid_exists nope');
    expect(replyText(own)).toMatch(/^\+OK Job-UUID: [0-9a-f-]{36}$/);
  });

  it('sends HEARTBEAT every 20 virtual seconds, and not to a listener filtering on Unique-ID', async () => {
    sim = await startSim();
    const c = await client(sim, 'event plain HEARTBEAT');
    const filtered = await client(sim, 'event plain HEARTBEAT');
    clients.push(c, filtered);
    await filtered.command('filter Unique-ID 1234');
    await sim.clock.advance(40_000);
    await c.waitFor((f) => (f.body ?? '').includes('Event-Name: HEARTBEAT'), 0);
    const beats = c.frames.filter((f) => (f.body ?? '').startsWith('Event-Name: HEARTBEAT'));
    expect(beats).toHaveLength(2);
    expect(beats[0]?.headers.map(([n]) => n)).toEqual(['Content-Length', 'Content-Type']);
    expect(beats[1]?.body).toContain(
      'Up-Time: 0%20years,%200%20days,%200%20hours,%200%20minutes,%2040%20seconds',
    );
    expect(filtered.frames.some((f) => (f.body ?? '').includes('HEARTBEAT'))).toBe(false);
  });

  it('renders xml events the way switch_event_xmlize + switch_xml_toxml do', async () => {
    sim = await startSim();
    const c = await client(sim, 'event xml BACKGROUND_JOB');
    clients.push(c);
    await c.command('bgapi uuid_exists x');
    const frame = await c.waitFor((f) => header(f, 'Content-Type') === 'text/event-xml');
    expect(
      frame.body?.startsWith('<event>\n  <headers>\n    <Event-Name>BACKGROUND_JOB</Event-Name>\n'),
    ).toBe(true);
    expect(frame.body).toContain(
      '    <Job-Command-Arg>x</Job-Command-Arg>\n  </headers>\n  <Content-Length>5</Content-Length>\n  <body>false</body>\n</event>\n',
    );
  });
});
