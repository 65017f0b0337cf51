/**
 * The simulator replays the sessions of fixtures/esl/0*_*.esl (FreeSWITCH 1.11.2) and must produce the
 * same event order per leg, the same header names in the same order, and the same envelopes. Values that
 * differ by nature (UUIDs, times, SIP details) are not compared.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import type { EslTestClient } from './test-support/esl-client.js';
import { client, execute, startSim } from './test-support/harness.js';
import {
  captureEvents,
  envelopeProblems,
  headerShapes,
  sequenceOf,
  type Pairs,
} from './test-support/structure.js';

let sim: Simulator | undefined;
let esl: EslTestClient | undefined;

afterEach(async () => {
  esl?.close();
  await sim?.stop();
});

const simEvents = (c: EslTestClient): Pairs[] => c.events().map((e) => e.headers);

describe('structure of a parked IVR call bridged to an agent (01_parked_ivr_bridge_sip.esl)', () => {
  it('matches the caller leg event by event and header by header', async () => {
    sim = await startSim();
    sim.directory.upsert({
      ext: 'agent1',
      registered: true,
      behaviour: { mode: 'answer', afterMs: 0 },
      contact: '127.0.0.1:5090',
      busyWhenInUse: true,
    });
    esl = await client(sim);
    const call = sim.placeCall({
      from: '5551234',
      callerName: 'Caller 5551234',
      to: '9610',
      source: '127.0.0.1:5070',
      inputs: [{ digits: '2', delayMs: 100 }],
      talkMs: 2200,
    });
    await esl.waitForEvent('CHANNEL_PARK');
    await (
      await execute(esl, call.uuid, 'answer', undefined, 'c0ffee01-0000-4000-8000-000000000001')
    ).complete();
    const speak = await execute(esl, call.uuid, 'speak', 'flite|kal|Welcome to support');
    await sim.clock.advance(2000);
    await speak.complete();
    const pagd = await execute(
      esl,
      call.uuid,
      'play_and_get_digits',
      '1 1 3 5000 # tone_stream://%(200,0,500) tone_stream://%(100,0,300) choice \\d 2000',
    );
    await sim.clock.advance(150);
    const collected = await pagd.complete();
    expect(collected.get('variable_choice')).toBe('2');
    await execute(esl, call.uuid, 'bridge', 'user/agent1');
    await sim.clock.advance(3000);
    await esl.waitForEvent('CHANNEL_DESTROY', (e) => e.get('Unique-ID') === call.uuid);

    const cap = captureEvents('01_parked_ivr_bridge_sip.esl');
    const capA = '502f2f1b-ca94-4cae-9d02-9273851d1610';
    // RECV_INFO is the SIP INFO that carried the caller's digit in the capture; the simulator uses RTP DTMF.
    expect(sequenceOf(simEvents(esl), call.uuid)).toEqual(
      sequenceOf(cap, capA).filter((n) => n !== 'RECV_INFO'),
    );
    for (const shape of headerShapes(simEvents(esl), call.uuid, cap, capA)) {
      expect({ event: shape.event, names: shape.sim }).toEqual({ event: shape.event, names: shape.capture });
    }
    expect(envelopeProblems(esl.frames)).toEqual([]);
    const first = esl.events().find((e) => e.name === 'CHANNEL_EXECUTE' && e.get('Application') === 'answer');
    expect(first?.get('Application-UUID')).toBe('c0ffee01-0000-4000-8000-000000000001');
  });
});

describe('structure of bridge failures (02_bridge_failures.esl)', () => {
  it('matches caller and ringing agent legs, and the failure variables', async () => {
    sim = await startSim();
    sim.directory.upsert({
      ext: '1000',
      registered: false,
      behaviour: { mode: 'answer', afterMs: 0 },
      contact: '127.0.0.1:5091',
      busyWhenInUse: true,
    });
    sim.directory.upsert({
      ext: 'agent2',
      registered: true,
      behaviour: { mode: 'no-answer' },
      contact: '127.0.0.1:5090',
      busyWhenInUse: true,
    });
    esl = await client(sim);
    const call = sim.placeCall({
      from: '5551234',
      callerName: 'Caller 5551234',
      to: '9610',
      source: '127.0.0.1:5070',
    });
    await esl.waitForEvent('CHANNEL_PARK');
    await (await execute(esl, call.uuid, 'answer')).complete();
    await (await execute(esl, call.uuid, 'set', 'continue_on_fail=true')).complete();
    const absent = await (await execute(esl, call.uuid, 'bridge', 'user/1999')).complete();
    const unregistered = await (await execute(esl, call.uuid, 'bridge', 'user/1000')).complete();
    const ringing = await execute(esl, call.uuid, 'bridge', '{originate_timeout=5}user/agent2');
    await sim.clock.advance(5000);
    const noAnswer = await ringing.complete();
    const sip = await execute(
      esl,
      call.uuid,
      'bridge',
      '{originate_timeout=5}sofia/internal/agent2@127.0.0.1:5090',
    );
    await sim.clock.advance(5000);
    const noAnswer2 = await sip.complete();
    await esl.command(`api uuid_kill ${call.uuid}`);
    await esl.waitForEvent('CHANNEL_DESTROY', (e) => e.get('Unique-ID') === call.uuid);

    const v = (e: typeof absent, n: string) => [
      e.get('variable_originate_disposition'),
      e.get('variable_DIALSTATUS'),
      e.get(n),
    ];
    expect(v(absent, 'variable_originate_failed_cause')).toEqual([
      'SUBSCRIBER_ABSENT',
      'SUBSCRIBER_ABSENT',
      'SUBSCRIBER_ABSENT',
    ]);
    expect(v(unregistered, 'variable_dialed_user')).toEqual([
      'USER_NOT_REGISTERED',
      'USER_NOT_REGISTERED',
      '1000',
    ]);
    expect(v(noAnswer, 'variable_last_bridge_hangup_cause')).toEqual(['NO_ANSWER', 'NOANSWER', 'NO_ANSWER']);
    expect(noAnswer.get('variable_originate_causes')).toMatch(/^[0-9a-f-]{36};NO_ANSWER$/);
    const causes = noAnswer2.headers.find(([n]) => n === 'variable_originate_causes')?.[1];
    expect(Array.isArray(causes) && causes.length).toBe(2);
    for (const e of [absent, unregistered, noAnswer, noAnswer2])
      expect(e.get('Application-Response')).toBe('_none_');

    const cap = captureEvents('02_bridge_failures.esl');
    const capA = 'cf41a9ad-f6ad-49b8-b1d2-8fa477e63fa0';
    const capB = '2da31a78-e27c-4e2e-9612-848090c7f75d';
    const events = simEvents(esl);
    expect(sequenceOf(events, call.uuid)).toEqual(sequenceOf(cap, capA));
    const lastLeg = noAnswer2.get('variable_originate_signal_bond') ?? '';
    expect(sequenceOf(events, lastLeg)).toEqual(sequenceOf(cap, capB));
    for (const [uuid, capUuid] of [
      [call.uuid, capA],
      [lastLeg, capB],
    ] as const) {
      for (const shape of headerShapes(events, uuid, cap, capUuid)) {
        expect({ event: shape.event, names: shape.sim }).toEqual({
          event: shape.event,
          names: shape.capture,
        });
      }
    }
    expect(envelopeProblems(esl.frames)).toEqual([]);
  });
});
