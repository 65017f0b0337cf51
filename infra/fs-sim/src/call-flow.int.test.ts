/** A whole inbound call driven over ESL the way the media bridge will drive it, and the media apps. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import type { EslTestClient, ReceivedEvent } from './test-support/esl-client.js';
import { header } from './test-support/frames.js';
import { client, execute, startSim } from './test-support/harness.js';

let sim: Simulator | undefined;
const clients: EslTestClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.stop();
});

async function setup(): Promise<EslTestClient> {
  sim = await startSim();
  sim.directory.upsert({
    ext: '1001',
    registered: true,
    behaviour: { mode: 'answer', afterMs: 3000 },
    contact: '127.0.0.1:5090',
    busyWhenInUse: true,
  });
  const c = await client(sim);
  clients.push(c);
  return c;
}

/** Asserts `steps` occur in this order (other events may sit between them). */
function expectInOrder(
  events: readonly ReceivedEvent[],
  steps: readonly [string, (e: ReceivedEvent) => boolean][],
): void {
  let at = 0;
  for (const [label, match] of steps) {
    const found = events.findIndex((e, i) => i >= at && match(e));
    expect(found, `${label} after #${at}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

describe('scripted inbound call (ESL.md B7 order)', () => {
  it('park → answer → playback → play_and_get_digits → bridge to an answering agent → caller hangs up', async () => {
    const esl = await setup();
    const plain = await client(sim!, 'event plain ALL');
    clients.push(plain);
    const call = sim!.placeCall({
      from: '+15551234',
      to: '+18005550100',
      inputs: [{ digits: '2#', delayMs: 400 }],
      talkMs: 20_000,
    });
    const a = call.uuid;
    expect((await esl.waitForEvent('CHANNEL_PARK')).get('Answer-State')).toBe('ringing');
    await (await execute(esl, a, 'answer')).complete();
    const play = await execute(esl, a, 'playback', 'tone_stream://%(1000,0,440)');
    await sim!.clock.advance(1000);
    expect((await play.complete()).get('Application-Response')).toBe('FILE PLAYED');
    const pagd = await execute(
      esl,
      a,
      'play_and_get_digits',
      '1 4 3 5000 # tone_stream://%(2000,0,500) silence_stream://250 choice \\d+ 2000',
    );
    await sim!.clock.advance(1000);
    const collected = await pagd.complete();
    expect([
      collected.get('variable_choice'),
      collected.get('variable_read_result'),
      collected.get('variable_read_terminator_used'),
    ]).toEqual(['2', 'success', '#']);
    expect(collected.get('Application-Response')).toBe('_none_');
    const bridge = await execute(esl, a, 'bridge', 'user/1001');
    await sim!.clock.advance(3000);
    expect((await esl.waitForEvent('CHANNEL_BRIDGE')).get('Bridge-A-Unique-ID')).toBe(a);
    await sim!.clock.advance(20_000);
    expect((await bridge.complete()).get('variable_bridge_hangup_cause')).toBe('NORMAL_CLEARING');
    const complete = await esl.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === a);
    await esl.waitForEvent(
      'CHANNEL_STATE',
      (e) => e.get('Unique-ID') === a && e.get('Channel-State') === 'CS_DESTROY',
    );

    const on = (
      name: string,
      extra: (e: ReceivedEvent) => boolean = () => true,
    ): [string, (e: ReceivedEvent) => boolean] => [
      name,
      (e) => e.name === name && e.get('Unique-ID') === a && extra(e),
    ];
    const state = (s: string) => on('CHANNEL_STATE', (e) => e.get('Channel-State') === s);
    const app = (n: string, app: string) => on(n, (e) => e.get('Application') === app);
    const bLeg = (name: string): [string, (e: ReceivedEvent) => boolean] => [
      `B ${name}`,
      (e) => e.name === name && e.get('Unique-ID') !== a,
    ];
    expectInOrder(esl.events(), [
      state('CS_NEW'),
      state('CS_INIT'),
      on('CHANNEL_CREATE'),
      on('CHANNEL_CALLSTATE', (e) => e.get('Channel-Call-State') === 'RINGING'),
      state('CS_ROUTING'),
      state('CS_EXECUTE'),
      app('CHANNEL_EXECUTE', 'park'),
      on('CHANNEL_PARK'),
      app('CHANNEL_EXECUTE', 'answer'),
      on('CHANNEL_ANSWER'),
      on('CHANNEL_CALLSTATE', (e) => e.get('Channel-Call-State') === 'ACTIVE'),
      app('CHANNEL_EXECUTE_COMPLETE', 'answer'),
      app('CHANNEL_EXECUTE', 'playback'),
      on('PLAYBACK_START'),
      on('PLAYBACK_STOP', (e) => e.get('Playback-Status') === 'done'),
      app('CHANNEL_EXECUTE_COMPLETE', 'playback'),
      app('CHANNEL_EXECUTE', 'play_and_get_digits'),
      on('PLAYBACK_START'),
      on('DTMF', (e) => e.get('DTMF-Digit') === '2'),
      on('PLAYBACK_STOP', (e) => e.get('Playback-Status') === 'break'),
      on('DTMF', (e) => e.get('DTMF-Digit') === '#'),
      app('CHANNEL_EXECUTE_COMPLETE', 'play_and_get_digits'),
      app('CHANNEL_EXECUTE', 'bridge'),
      bLeg('CHANNEL_CREATE'),
      bLeg('CHANNEL_PROGRESS'),
      bLeg('CHANNEL_ANSWER'),
      on('CHANNEL_BRIDGE'),
      on('CHANNEL_HANGUP', (e) => e.get('Hangup-Cause') === 'NORMAL_CLEARING'),
      bLeg('CHANNEL_HANGUP'),
      on('CHANNEL_UNBRIDGE'),
      app('CHANNEL_EXECUTE_COMPLETE', 'bridge'),
      on('CHANNEL_UNPARK'),
      app('CHANNEL_EXECUTE_COMPLETE', 'park'),
      state('CS_HANGUP'),
      state('CS_REPORTING'),
      on('CHANNEL_HANGUP_COMPLETE'),
      on('CHANNEL_DESTROY'),
      state('CS_DESTROY'),
    ]);
    expect(complete.headers.filter(([n]) => n === 'Hangup-Cause')).toHaveLength(2);
    expect([
      complete.get('variable_hangup_cause'),
      complete.get('variable_hangup_cause_q850'),
      complete.get('variable_billsec'),
    ]).toEqual(['NORMAL_CLEARING', '16', '25']);
    expect(complete.get('variable_sip_hangup_disposition')).toBe('recv_bye');
    const bodies = plain.frames
      .filter((f) => header(f, 'Content-Type') === 'text/event-plain')
      .map((f) => f.body ?? '');
    expect(bodies.some((b) => b.includes('DTMF-Digit: %23\n'))).toBe(true);
    expect(bodies.some((b) => b.includes('Caller-Caller-ID-Number: %2B15551234\n'))).toBe(true);
  });

  it('music on hold until uuid_break; a missing stream is FILE NOT FOUND; park completes with the stale response', async () => {
    const esl = await setup();
    const call = sim!.placeCall({ from: '5551234', to: '9610' });
    await esl.waitForEvent('CHANNEL_PARK');
    await (await execute(esl, call.uuid, 'answer')).complete();
    const missing = await (await execute(esl, call.uuid, 'playback', 'local_stream://nope')).complete();
    expect(missing.get('Application-Response')).toBe('FILE NOT FOUND');
    expect(esl.events().some((e) => e.name === 'PLAYBACK_START')).toBe(false);
    const moh = await execute(esl, call.uuid, 'playback', 'local_stream://moh');
    await esl.waitForEvent('PLAYBACK_START');
    await sim!.clock.advance(600_000);
    expect((await esl.command(`api uuid_break ${call.uuid}`)).body).toBe('+OK\n');
    const stop = await esl.waitForEvent('PLAYBACK_STOP');
    expect([
      stop.get('Playback-Status'),
      stop.get('Playback-File-Type'),
      stop.get('variable_playback_seconds'),
    ]).toEqual(['break', 'local_stream', '600']);
    expect((await moh.complete()).get('Application-Response')).toBe('FILE PLAYED');
    expect((await esl.command(`api uuid_kill ${call.uuid}`)).body).toBe('+OK\n');
    const park = await esl.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application') === 'park');
    expect(park.get('Application-Response')).toBe('FILE PLAYED');
  });
});
