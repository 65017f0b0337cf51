/** Bridge to user/<ext> endpoints: every outcome with its real hang-up cause and variables. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RingBehaviour } from './sim/directory.js';
import type { Simulator } from './simulator.js';
import type { EslTestClient } from './test-support/esl-client.js';
import { client, execute, startSim } from './test-support/harness.js';

let sim: Simulator | undefined;
let esl: EslTestClient | undefined;

afterEach(async () => {
  esl?.close();
  await sim?.stop();
});

async function answeredCall(agents: Record<string, RingBehaviour & { talkMs?: number }>, script = {}) {
  sim = await startSim();
  Object.entries(agents).forEach(([ext, b], i) =>
    sim!.directory.upsert({
      ext,
      registered: true,
      behaviour: b,
      contact: `127.0.0.1:${5100 + i}`,
      busyWhenInUse: true,
      ...(b.talkMs ? { talkMs: b.talkMs } : {}),
    }),
  );
  esl = await client(sim);
  const call = sim.placeCall({ from: '5551234', to: '9610', ...script });
  await esl.waitForEvent('CHANNEL_PARK', (e) => e.get('Unique-ID') === call.uuid);
  await (await execute(esl, call.uuid, 'answer')).complete();
  return call;
}

const hangupOf = (uuid: string) =>
  esl!.events().find((e) => e.name === 'CHANNEL_HANGUP' && e.get('Unique-ID') === uuid);

describe('bridge outcomes', () => {
  it('busy agent: USER_BUSY, and without continue_on_fail the caller is hung up with it', async () => {
    const call = await answeredCall({ '1001': { mode: 'busy', afterMs: 500 } });
    const run = await execute(esl!, call.uuid, 'bridge', 'user/1001');
    await sim!.clock.advance(500);
    const done = await run.complete();
    expect([done.get('variable_originate_disposition'), done.get('variable_DIALSTATUS')]).toEqual([
      'USER_BUSY',
      'BUSY',
    ]);
    expect(hangupOf(call.uuid)?.get('Hangup-Cause')).toBe('USER_BUSY');
  });

  it('ring timeout: NO_ANSWER at call_timeout, and the caller stays up (no answer always continues)', async () => {
    const call = await answeredCall({ '1001': { mode: 'no-answer' } });
    await (await execute(esl!, call.uuid, 'set', 'call_timeout=10')).complete();
    const run = await execute(esl!, call.uuid, 'bridge', 'user/1001');
    await sim!.clock.advance(9_999);
    expect(esl!.events().some((e) => e.name === 'CHANNEL_HANGUP')).toBe(false);
    await sim!.clock.advance(1);
    const done = await run.complete();
    expect([done.get('variable_originate_disposition'), done.get('variable_DIALSTATUS')]).toEqual([
      'NO_ANSWER',
      'NOANSWER',
    ]);
    expect(hangupOf(call.uuid)).toBeUndefined();
    expect(call.isUp).toBe(true);
  });

  it('leg_timeout beats originate_timeout; a declined call is CALL_REJECTED; unregistered and unknown users', async () => {
    const call = await answeredCall({
      '1001': { mode: 'no-answer' },
      '1002': { mode: 'reject', afterMs: 1000 },
    });
    await (await execute(esl!, call.uuid, 'set', 'continue_on_fail=true')).complete();
    const t = await execute(esl!, call.uuid, 'bridge', '{originate_timeout=30}[leg_timeout=2]user/1001');
    await sim!.clock.advance(2000);
    expect((await t.complete()).get('variable_originate_disposition')).toBe('NO_ANSWER');
    const r = await execute(esl!, call.uuid, 'bridge', 'user/1002');
    await sim!.clock.advance(1000);
    expect((await r.complete()).get('variable_DIALSTATUS')).toBe('CALL_REJECTED');
    sim!.directory.update('1001', { registered: false });
    const u = await (await execute(esl!, call.uuid, 'bridge', 'user/1001')).complete();
    expect(u.get('variable_originate_disposition')).toBe('USER_NOT_REGISTERED');
    const x = await (await execute(esl!, call.uuid, 'bridge', 'user/4040')).complete();
    expect(x.get('variable_originate_disposition')).toBe('SUBSCRIBER_ABSENT');
    const e = await (await execute(esl!, call.uuid, 'bridge', 'error/user_busy')).complete();
    expect(e.get('variable_originate_disposition')).toBe('USER_BUSY');
    expect(call.isUp).toBe(true);
  });

  it('fails over with | and rings , legs together; the losers get LOSE_RACE', async () => {
    const call = await answeredCall({
      '1001': { mode: 'busy', afterMs: 100 },
      '1002': { mode: 'answer', afterMs: 2000 },
      '1003': { mode: 'answer', afterMs: 1000 },
    });
    await execute(esl!, call.uuid, 'bridge', 'user/1001|user/1002,user/1003');
    await sim!.clock.advance(1100);
    const bridged = await esl!.waitForEvent('CHANNEL_BRIDGE');
    const b = bridged.get('Bridge-B-Unique-ID') ?? '';
    expect(sim!.core.findChannel(b)?.name).toBe('sofia/internal/1003@127.0.0.1:5102');
    const loser = esl!
      .events()
      .find((e) => e.name === 'CHANNEL_HANGUP' && e.get('Caller-Destination-Number') === '1002');
    expect(loser?.get('Hangup-Cause')).toBe('LOSE_RACE');
  });

  it('agent hangs up first: CHANNEL_UNBRIDGE, bridge completes, the caller stays parked', async () => {
    const call = await answeredCall({ '1001': { mode: 'answer', afterMs: 1000, talkMs: 5000 } });
    const run = await execute(esl!, call.uuid, 'bridge', 'user/1001');
    await sim!.clock.advance(6000);
    const done = await run.complete();
    expect(done.get('variable_bridge_hangup_cause')).toBe('NORMAL_CLEARING');
    expect(esl!.events().some((e) => e.name === 'CHANNEL_UNBRIDGE' && e.get('Unique-ID') === call.uuid)).toBe(
      true,
    );
    expect(call.isUp).toBe(true);
    expect((await esl!.command('api show channels as json')).body).toContain(`"uuid":"${call.uuid}"`);
  });

  it('caller abandons while the agent rings: the agent leg is cancelled with ORIGINATOR_CANCEL', async () => {
    const call = await answeredCall({ '1001': { mode: 'no-answer' } }, { patienceMs: 8000 });
    const run = await execute(esl!, call.uuid, 'bridge', 'user/1001');
    await sim!.clock.advance(8000);
    const done = await run.complete();
    expect(done.get('variable_DIALSTATUS')).toBe('CANCEL');
    expect(hangupOf(call.uuid)?.get('Hangup-Cause')).toBe('NORMAL_CLEARING');
    const agentLeg = esl!
      .events()
      .find((e) => e.name === 'CHANNEL_HANGUP' && e.get('Unique-ID') !== call.uuid);
    expect(agentLeg?.get('Hangup-Cause')).toBe('ORIGINATOR_CANCEL');
  });

  it('an agent already on a call answers a second offer with USER_BUSY', async () => {
    const first = await answeredCall({ '1001': { mode: 'answer', afterMs: 100 } });
    await execute(esl!, first.uuid, 'bridge', 'user/1001');
    await sim!.clock.advance(100);
    await esl!.waitForEvent('CHANNEL_BRIDGE');
    const second = sim!.placeCall({ from: '5550000', to: '9610' });
    await esl!.waitForEvent('CHANNEL_PARK', (e) => e.get('Unique-ID') === second.uuid);
    await (await execute(esl!, second.uuid, 'set', 'continue_on_fail=true')).complete();
    const run = await execute(esl!, second.uuid, 'bridge', 'user/1001');
    await sim!.clock.advance(200);
    expect((await run.complete()).get('variable_originate_disposition')).toBe('USER_BUSY');
  });
});

describe('originate, uuid_bridge and uuid_transfer', () => {
  it('originate blocks until the agent answers; uuid_bridge joins the legs; one hang-up ends both', async () => {
    const call = await answeredCall({ '1001': { mode: 'answer', afterMs: 4000 } });
    const reply = esl!.command('api originate {origination_caller_id_number=9000}user/1001 &park()');
    await sim!.clock.advance(4000);
    const body = (await reply).body ?? '';
    expect(body).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    const agent = body.slice(4, 40);
    await esl!.waitForEvent('CHANNEL_PARK', (e) => e.get('Unique-ID') === agent);
    expect((await esl!.command(`api uuid_bridge ${call.uuid} ${agent}`)).body).toBe(`+OK ${agent}\n`);
    await esl!.waitForEvent('CHANNEL_BRIDGE', (e) => e.get('Unique-ID') === call.uuid);
    sim!.callerHangup(call.uuid);
    await esl!.waitForEvent('CHANNEL_DESTROY', (e) => e.get('Unique-ID') === agent);
    expect(hangupOf(agent)?.get('Hangup-Cause')).toBe('NORMAL_CLEARING');
    expect((await esl!.command('api originate user/4040 &park()')).body).toBe('-ERR SUBSCRIBER_ABSENT\n');
    expect((await esl!.command(`api uuid_bridge ${call.uuid} nope`)).body).toBe('-ERR Invalid uuid\n');
  });

  it('uuid_transfer sends a parked caller to an agent extension through the dialplan', async () => {
    const call = await answeredCall({ '1001': { mode: 'answer', afterMs: 1000 } });
    expect((await esl!.command(`api uuid_transfer ${call.uuid} 1001 XML default`)).body).toBe('+OK\n');
    await sim!.clock.advance(1000);
    const bridged = await esl!.waitForEvent('CHANNEL_BRIDGE');
    expect(bridged.get('Caller-Destination-Number')).toBe('1001');
    expect(bridged.get('Caller-Profile-Index')).toBe('2');
    expect(esl!.events().some((e) => e.name === 'CHANNEL_UNPARK' && e.get('Unique-ID') === call.uuid)).toBe(
      true,
    );
    expect((await esl!.command('api uuid_transfer nope 1001')).body).toBe('-ERR No such channel!\n');
  });
});
