/** eavesdrop, record_session / uuid_record, export to agent legs, myevents + linger, sendevent. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import type { EslTestClient } from './test-support/esl-client.js';
import { header } from './test-support/frames.js';
import { client, execute, startSim } from './test-support/harness.js';

let sim: Simulator | undefined;
const clients: EslTestClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.stop();
  sim = undefined;
});

async function setup(subscribe = 'event json ALL'): Promise<EslTestClient> {
  sim ??= await startSim();
  sim.directory.upsert({
    ext: '1001',
    registered: true,
    behaviour: { mode: 'answer', afterMs: 1000 },
    contact: '127.0.0.1:5101',
    busyWhenInUse: true,
  });
  sim.directory.upsert({
    ext: '2001',
    registered: true,
    behaviour: { mode: 'answer', afterMs: 500 },
    contact: '127.0.0.1:5201',
    busyWhenInUse: true,
  });
  const c = await client(sim, subscribe);
  clients.push(c);
  return c;
}

describe('supervision and recording', () => {
  it('a supervisor leg eavesdrops on a bridged call until the call ends; exports reach the agent leg', async () => {
    const esl = await setup();
    const call = sim!.placeCall({ from: '5551234', to: '9610', talkMs: 30_000 });
    await esl.waitForEvent('CHANNEL_PARK');
    await (await execute(esl, call.uuid, 'answer')).complete();
    await (await execute(esl, call.uuid, 'export', 'hotline_call_id=c-42')).complete();
    await execute(esl, call.uuid, 'bridge', 'user/1001');
    await sim!.clock.advance(1000);
    const agentCreate = esl
      .events()
      .find((e) => e.name === 'CHANNEL_CREATE' && e.get('Unique-ID') !== call.uuid);
    expect(agentCreate?.get('variable_hotline_call_id')).toBe('c-42');
    const reply = esl.command(`api originate user/2001 &eavesdrop(${call.uuid})`);
    await sim!.clock.advance(500);
    const sup = ((await reply).body ?? '').slice(4, 40);
    const started = await esl.waitForEvent('CHANNEL_EXECUTE', (e) => e.get('Unique-ID') === sup);
    expect([started.get('Application'), started.get('Application-Data')]).toEqual(['eavesdrop', call.uuid]);
    sim!.pressDigits(sup, '3', 0);
    await sim!.clock.advance(30_000);
    const done = await esl.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Unique-ID') === sup);
    expect(done.get('variable_eavesdrop_mode')).toBe('barge');
    await esl.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Unique-ID') === sup);
  });

  it('record_session starts at once and stops at hang-up or limit; uuid_record starts and stops', async () => {
    const esl = await setup();
    const call = sim!.placeCall({ from: '5551234', to: '9610' });
    await esl.waitForEvent('CHANNEL_PARK');
    await (await execute(esl, call.uuid, 'answer')).complete();
    await (await execute(esl, call.uuid, 'record_session', '/rec/short.wav +2')).complete();
    expect((await esl.waitForEvent('RECORD_START')).get('Record-File-Path')).toBe('/rec/short.wav');
    await sim!.clock.advance(2000);
    expect((await esl.waitForEvent('RECORD_STOP')).get('variable_record_seconds')).toBe('2');
    expect((await esl.command(`api uuid_record ${call.uuid} start /rec/full.wav`)).body).toBe(
      '+OK Success\n',
    );
    expect((await esl.command(`api uuid_record ${call.uuid} stop /rec/none.wav`)).body).toBe(
      '-ERR Cannot stop record session!\n',
    );
    await sim!.clock.advance(7000);
    sim!.callerHangup(call.uuid);
    const stop = await esl.waitForEvent('RECORD_STOP', (e) => e.get('Record-File-Path') === '/rec/full.wav');
    expect(stop.get('variable_record_ms')).toBe('7000');
  });
});

describe('session listeners and sendevent', () => {
  it('myevents <uuid> follows one call; the socket lingers after hang-up when asked, then says goodbye', async () => {
    const other = await setup();
    const call = sim!.placeCall({ from: '5551234', to: '9610' });
    const noise = sim!.placeCall({ from: '5550000', to: '9611' });
    await other.waitForEvent('CHANNEL_PARK', (e) => e.get('Unique-ID') === noise.uuid);
    const mine = await client(sim!, '');
    clients.push(mine);
    expect(header(await mine.command(`myevents ${call.uuid} json`), 'Reply-Text')).toBe('+OK Events Enabled');
    expect(header(await mine.command('linger 5'), 'Reply-Text')).toBe('+OK will linger 5 seconds');
    await (await execute(mine, call.uuid, 'answer')).complete();
    await execute(mine, noise.uuid, 'answer');
    await other.waitForEvent('CHANNEL_ANSWER', (e) => e.get('Unique-ID') === noise.uuid);
    sim!.callerHangup(call.uuid);
    const notice = await mine.waitFor((f) => header(f, 'Content-Disposition') === 'linger');
    expect(notice.raw).toBe(
      `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${call.uuid}\nContent-Disposition: linger\n` +
        `Channel-Name: ${call.name}\nLinger-Time: 5\nContent-Length: 0\n\n`,
    );
    await sim!.clock.advance(5000);
    await mine.waitClosed();
    expect(mine.events().every((e) => e.get('Unique-ID') === call.uuid)).toBe(true);
    expect(mine.frames.at(-1)?.headers.map(([n]) => n)).toEqual([
      'Content-Type',
      'Controlled-Session-UUID',
      'Content-Disposition',
      'Content-Length',
    ]);
  });

  it('sendevent fires a CUSTOM event to listeners of its subclass', async () => {
    const listener = await setup('event plain CUSTOM hotline::probe');
    const sender = await client(sim!, '');
    clients.push(sender);
    const from = sender.frames.length;
    sender.send('sendevent CUSTOM\nEvent-Subclass: hotline::probe\nprobe-id: 7\nContent-Length: 5\n\nhello');
    const reply = await sender.waitFor((f) => header(f, 'Content-Type') === 'command/reply', from);
    expect(header(reply, 'Reply-Text')).toMatch(/^\+OK [0-9a-f-]{36}$/);
    const got = await listener.waitFor((f) => (f.body ?? '').includes('probe-id: 7'));
    expect(got.body?.match(/Event-Subclass: hotline%3A%3Aprobe\n/g)).toHaveLength(1);
    expect(got.body?.endsWith('Content-Length: 5\n\nhello')).toBe(true);
  });
});
