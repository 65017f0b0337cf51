/** play_and_get_digits and read: results only in channel variables, FreeSWITCH's quirks included. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import type { EslTestClient } from './test-support/esl-client.js';
import { client, execute, startSim } from './test-support/harness.js';

let sim: Simulator | undefined;
const clients: EslTestClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.stop();
});

async function setup(): Promise<EslTestClient> {
  sim = await startSim();
  const c = await client(sim);
  clients.push(c);
  return c;
}

describe('play_and_get_digits and read report through variables, quirks included', () => {
  async function collect(args: string, digits: string, advanceMs: number) {
    const esl = await setup();
    const call = sim!.placeCall({
      from: '5551234',
      to: '9610',
      inputs: [{ digits, delayMs: 100, interDigitMs: 200 }],
    });
    await esl.waitForEvent('CHANNEL_PARK');
    await (await execute(esl, call.uuid, 'answer')).complete();
    const run = await execute(esl, call.uuid, 'play_and_get_digits', args);
    await sim!.clock.advance(advanceMs);
    return { esl, done: await run.complete() };
  }

  it('enough digits then silence: read_result=timeout, yet the variable holds them (success)', async () => {
    const { done } = await collect(
      '2 4 1 3000 # silence_stream://500 silence_stream://100 pin \\d+ 1500',
      '12',
      5000,
    );
    expect([done.get('variable_pin'), done.get('variable_read_result')]).toEqual(['12', 'timeout']);
  });

  it('too few digits on the last try: partial digits stay with read_result=failure', async () => {
    const { esl, done } = await collect(
      '3 4 1 3000 # silence_stream://500 tone_stream://%(100,0,300) pin \\d+ 1500',
      '12',
      5000,
    );
    expect([done.get('variable_pin'), done.get('variable_read_result')]).toEqual(['12', 'failure']);
    expect(
      esl
        .events()
        .filter((e) => e.name === 'PLAYBACK_START')
        .map((e) => e.get('Playback-File-Path')),
    ).toEqual(['silence_stream://500', 'tone_stream://%(100,0,300)']);
  });

  it('a regex mismatch clears the variable and keeps the input in <var>_invalid', async () => {
    const { done } = await collect(
      '1 1 1 3000 # silence_stream://500 silence_stream://100 choice [12] 1500',
      '7',
      5000,
    );
    expect([
      done.get('variable_choice'),
      done.get('variable_choice_invalid'),
      done.get('variable_read_result'),
    ]).toEqual([undefined, '7', 'success']);
  });

  it('read sets the variable and read_result', async () => {
    const esl = await setup();
    const call = sim!.placeCall({ from: '5551234', to: '9610', inputs: [{ digits: '1234#', delayMs: 100 }] });
    await esl.waitForEvent('CHANNEL_PARK');
    await (await execute(esl, call.uuid, 'answer')).complete();
    const run = await execute(
      esl,
      call.uuid,
      'read',
      '3 4 tone_stream://%(10000,0,350,440) read_digits_result 30000 #',
    );
    await sim!.clock.advance(2000);
    const done = await run.complete();
    expect([
      done.get('variable_read_digits_result'),
      done.get('variable_read_result'),
      done.get('Application-Response'),
    ]).toEqual(['1234', 'success', '_none_']);
  });
});
