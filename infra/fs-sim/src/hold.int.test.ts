/** uuid_hold [off|toggle]: a bridged caller is held (music, CHANNEL_HOLD) and resumed, the bridge stays up. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import type { EslTestClient } from './test-support/esl-client.js';
import { client, execute, startSim } from './test-support/harness.js';

let sim: Simulator | undefined;
let esl: EslTestClient | undefined;

afterEach(async () => {
  esl?.close();
  await sim?.stop();
});

const DEAD = '00000000-0000-4000-8000-00000000dead';

async function bridgedCall() {
  sim = await startSim();
  sim.directory.upsert({
    ext: '1001',
    registered: true,
    behaviour: { mode: 'answer', afterMs: 1000 },
    contact: '127.0.0.1:5090',
    busyWhenInUse: true,
  });
  esl = await client(sim);
  const call = sim.placeCall({ from: '+15551234', to: '+18005550100', talkMs: 600_000 });
  await esl.waitForEvent('CHANNEL_PARK');
  await (await execute(esl, call.uuid, 'answer')).complete();
  await execute(esl, call.uuid, 'bridge', 'user/1001');
  await sim.clock.advance(1000);
  await esl.waitForEvent('CHANNEL_BRIDGE');
  return { c: esl, call };
}

describe('uuid_hold', () => {
  it('holds and resumes a bridged caller: HELD → CHANNEL_HOLD, ACTIVE → CHANNEL_UNHOLD, bridge kept', async () => {
    const { c, call } = await bridgedCall();
    const agent = call.bridgedTo;
    expect(agent).toBeDefined();
    const from = c.frames.length;
    expect((await c.command(`api uuid_hold ${call.uuid}`)).body).toBe('+OK Success\n');
    const held = await c.waitForEvent('CHANNEL_HOLD', () => true, from);
    expect(held.get('Unique-ID')).toBe(call.uuid);
    expect(held.get('Channel-Call-State')).toBe('HELD');
    const state = await c.waitForEvent('CHANNEL_CALLSTATE', (e) => e.get('Unique-ID') === call.uuid, from);
    expect(state.get('Original-Channel-Call-State')).toBe('ACTIVE');
    expect(call.holdMusic).toBe('local_stream://moh');
    expect(call.bridgedTo).toBe(agent);

    await sim!.clock.advance(30_000);
    const mark = c.frames.length;
    expect((await c.command(`api uuid_hold off ${call.uuid}`)).body).toBe('+OK Success\n');
    const unheld = await c.waitForEvent('CHANNEL_UNHOLD', () => true, mark);
    expect(unheld.get('Unique-ID')).toBe(call.uuid);
    expect(unheld.get('Channel-Call-State')).toBe('ACTIVE');
    expect(call.holdMusic).toBeUndefined();
    expect(call.bridgedTo).toBe(agent);
    expect(c.events().filter((e) => e.name === 'CHANNEL_UNBRIDGE')).toHaveLength(0);
  });

  it('toggle flips, hold_music is honoured, repeats are no-ops, bad input is refused', async () => {
    const { c, call } = await bridgedCall();
    await c.command(`api uuid_setvar ${call.uuid} hold_music local_stream://jazz`);
    expect((await c.command(`api uuid_hold toggle ${call.uuid}`)).body).toBe('+OK Success\n');
    expect(call.holdMusic).toBe('local_stream://jazz');
    expect((await c.command(`api uuid_hold ${call.uuid}`)).body).toBe('+OK Success\n');
    expect((await c.command(`api uuid_hold toggle ${call.uuid}`)).body).toBe('+OK Success\n');
    expect(call.holdMusic).toBeUndefined();
    await c.command(`api uuid_hold off ${call.uuid}`);
    const names = c.events().map((e) => e.name);
    expect(names.filter((n) => n === 'CHANNEL_HOLD')).toHaveLength(1);
    expect(names.filter((n) => n === 'CHANNEL_UNHOLD')).toHaveLength(1);
    expect((await c.command(`api uuid_hold ${DEAD}`)).body).toBe('-ERR No such channel!\n');
    expect((await c.command(`api uuid_hold off ${DEAD}`)).body).toBe('-ERR No such channel!\n');
    expect((await c.command('api uuid_hold')).body).toBe('-USAGE: [off|toggle] <uuid>\n');
    expect((await c.command(`api uuid_hold sideways ${call.uuid}`)).body).toBe(
      '-USAGE: [off|toggle] <uuid>\n',
    );
  });
});
