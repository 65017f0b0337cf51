/**
 * Agent-side hold against the simulator, real PostgreSQL and NATS: a caller bridged to an answering
 * agent is held (uuid_hold, the bridge stays up), resumed (uuid_hold off), then hangs up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@hotline/test-kit';
import { Bridge, Hold, Resume } from './commands/specs.js';
import { startWorld, type World, addAgentPhone } from './test-support/world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('hold inside a bridge', () => {
  it('bridge (answered) → hold → resume → caller hangs up: exact facts, bridge kept', async () => {
    const w = (world = await startWorld());
    addAgentPhone(w.sim, '1001', { mode: 'answer', afterMs: 2000 });
    const call = w.sim.placeCall({
      from: '+15551234567',
      to: '+18005550100',
      variables: { hotline_tenant: 'acme' },
      talkMs: 60_000,
    });
    const callId = call.uuid;
    await waitFor(async () => (await w.facts(callId)).length === 1, { what: 'CallArrived' });
    const bridged = w.send(Bridge, {
      callId,
      agentId: 'agent-7',
      endpoint: 'user/1001',
      ringTimeoutMs: 15_000,
    });
    await w.advanceOnceRunning(callId, 'bridge', 2000);
    expect(await bridged).toEqual({ result: 'answered', ringMs: 2000 });
    const agentLeg = call.bridgedTo;
    expect(agentLeg).toBeDefined();

    await w.sim.clock.advance(5000);
    expect(await w.send(Hold, { callId, music: 'local_stream://jazz' })).toEqual({ ok: true });
    expect(await w.send(Hold, { callId })).toEqual({ ok: true });
    const held = await w.facts(callId);
    expect(held.map((f) => f.type)).toEqual(['CallArrived', 'CallAnswered', 'CallBridged', 'CallHeld']);
    // The agent leg is the held one: FreeSWITCH plays its hold_music to the partner, the caller.
    expect(agentLeg?.callState).toBe('HELD');
    expect(agentLeg?.holdMusic).toBe('local_stream://jazz');
    expect(call.callState).toBe('ACTIVE');
    expect(call.bridgedTo).toBe(agentLeg);
    expect(agentLeg?.isUp).toBe(true);

    await w.sim.clock.advance(12_000);
    expect(await w.send(Resume, { callId })).toEqual({ ok: true });
    expect(await w.send(Resume, { callId })).toEqual({ ok: true });
    expect(agentLeg?.callState).toBe('ACTIVE');
    expect(agentLeg?.holdMusic).toBeUndefined();
    expect(call.bridgedTo).toBe(agentLeg);

    await w.sim.clock.advance(60_000);
    await waitFor(async () => (await w.facts(callId)).some((f) => f.type === 'CallHungUp'), {
      what: 'CallHungUp',
    });
    const facts = await w.facts(callId);
    expect(facts.map((f) => f.type)).toEqual([
      'CallArrived',
      'CallAnswered',
      'CallBridged',
      'CallHeld',
      'CallResumed',
      'CallUnbridged',
      'CallHungUp',
    ]);
    expect(facts[4]?.data).toMatchObject({ heldMs: 12_000 });
    expect(facts[5]?.data).toMatchObject({ bridgedMs: 60_000, by: 'caller' });
    expect(facts[6]?.data).toMatchObject({ cause: 'NORMAL_CLEARING', by: 'caller' });
  });
});
