/**
 * End to end against the simulator, real PostgreSQL and real NATS: a call arrives, is answered, hears
 * TTS, enters digits, is bridged to an agent who answers, and the caller hangs up — the call stream
 * holds exactly the expected facts in order.
 */
import { startRelay } from '@hotline/event-relay';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@hotline/test-kit';
import { RemoteCommandError } from '@hotline/messaging';
import { Answer, Bridge, Collect, Hangup, Speak } from './commands/specs.js';
import { startWorld, type World, addAgentPhone } from './test-support/world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const hungUp = async (w: World, callId: string) => {
  await waitFor(async () => (await w.facts(callId)).some((f) => f.type === 'CallHungUp'), {
    what: 'CallHungUp',
  });
  return w.facts(callId);
};

describe('media bridge call flow', () => {
  it('arrive → answer → speak → collect → bridge (answered) → caller hangs up', async () => {
    const w = (world = await startWorld());
    addAgentPhone(w.sim, '1001', { mode: 'answer', afterMs: 3000 });
    const call = w.sim.placeCall({
      from: '+15551234567',
      to: '+18005550100',
      variables: { hotline_tenant: 'acme' },
      inputs: [{ digits: '42#', delayMs: 500 }],
      talkMs: 20_000,
    });
    const callId = call.uuid;
    await waitFor(async () => (await w.facts(callId)).length === 1, { what: 'CallArrived' });
    const [arrived] = await w.facts(callId);
    expect(arrived?.type).toBe('CallArrived');
    expect(arrived?.data).toMatchObject({
      tenantId: 'acme',
      dialledNumber: '+18005550100',
      callerNumber: '+15551234567',
      mediaNode: 'fs1',
    });

    expect(await w.send(Answer, { callId })).toEqual({ ok: true });
    const spoken = w.send(Speak, { callId, text: 'Welcome to Hotline' });
    await w.advanceOnceRunning(callId, 'speak', 10_000);
    expect(await spoken).toEqual({ ok: true });

    const collected = w.send(Collect, {
      callId,
      minDigits: 1,
      maxDigits: 4,
      tries: 3,
      timeoutMs: 5000,
      terminators: '#',
      prompt: 'tone_stream://%(2000,0,500)',
    });
    await w.advanceOnceRunning(callId, 'play_and_get_digits', 5000);
    expect(await collected).toEqual({ outcome: 'match', digits: '42', terminator: '#' });

    const bridged = w.send(Bridge, {
      callId,
      agentId: 'agent-7',
      endpoint: 'user/1001',
      ringTimeoutMs: 15_000,
    });
    await w.advanceOnceRunning(callId, 'bridge', 3000);
    expect(await bridged).toEqual({ result: 'answered', ringMs: 3000 });

    await w.sim.clock.advance(20_000);
    const facts = await hungUp(w, callId);
    expect(facts.map((f) => f.type)).toEqual([
      'CallArrived',
      'CallAnswered',
      'CallBridged',
      'CallUnbridged',
      'CallHungUp',
    ]);
    expect(facts[2]?.data).toMatchObject({ agentId: 'agent-7', endpoint: 'user/1001' });
    expect(facts[3]?.data).toMatchObject({ bridgedMs: 20_000, by: 'caller' });
    expect(facts[4]?.data).toMatchObject({ cause: 'NORMAL_CLEARING', by: 'caller' });
    expect(facts.every((f) => f.metadata.tenantId === 'acme' && f.metadata.correlationId === callId)).toBe(
      true,
    );
  });

  it('bridge outcomes: not registered, busy, no answer — the caller stays up', async () => {
    const w = (world = await startWorld());
    addAgentPhone(w.sim, '1002', { mode: 'answer', afterMs: 1000 }, false);
    addAgentPhone(w.sim, '1003', { mode: 'busy', afterMs: 200 });
    addAgentPhone(w.sim, '1004', { mode: 'no-answer' });
    const callId = w.sim.placeCall({
      from: '+15551230000',
      to: '+18005550100',
      variables: { hotline_tenant: 'acme' },
    }).uuid;
    await waitFor(async () => (await w.facts(callId)).length === 1, { what: 'CallArrived' });
    await w.send(Answer, { callId });
    const req = (ext: string) => ({ callId, agentId: 'a1', endpoint: `user/${ext}`, ringTimeoutMs: 5000 });
    const nr = await w.send(Bridge, req('1002'));
    expect(nr).toMatchObject({ result: 'not-registered' });
    const busy = w.send(Bridge, req('1003'));
    await w.advanceOnceRunning(callId, 'bridge', 200, 2);
    const b = await busy;
    expect(b).toMatchObject({ result: 'busy', ringMs: 200 });
    const none = w.send(Bridge, req('1004'));
    await w.advanceOnceRunning(callId, 'bridge', 5000, 3);
    const n = await none;
    expect(n).toMatchObject({ result: 'no-answer', ringMs: 5000 });

    await w.send(Hangup, { callId, cause: 'NORMAL_CLEARING' });
    const facts = await hungUp(w, callId);
    expect(facts.map((f) => f.type)).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
    expect(facts[2]?.data).toMatchObject({ cause: 'NORMAL_CLEARING', by: 'system' });
    const unknown = w.send(Answer, { callId });
    await expect(unknown).rejects.toBeInstanceOf(RemoteCommandError);
    await expect(unknown).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
  });

  it('the facts reach JetStream through the relay, in order, on hl.evt.{tenant}.call.{type}', async () => {
    const w = (world = await startWorld());
    const stream = `${w.nats.prefix}_HOTLINE_EVENTS`;
    const relay = startRelay({
      store: w.store,
      nc: w.nats.nc,
      instanceId: 'media-bridge-test',
      streamName: stream,
      subjectPrefix: `${w.nats.prefix}.hl`,
      leaseBucket: `${w.nats.prefix}_relay_lease`,
      leaseTtlMs: 5000,
      retryDelayMs: 20,
    });
    try {
      const callId = w.sim.placeCall({
        from: '+15557654321',
        to: '+18005550100',
        variables: { hotline_tenant: 'acme' },
      }).uuid;
      await waitFor(async () => (await w.facts(callId)).length === 1, { what: 'CallArrived' });
      await w.send(Answer, { callId });
      await w.send(Hangup, { callId });
      const jsm = await jetstreamManager(w.nats.nc);
      await waitFor(() => relay.status().published >= 3, { what: 'three facts relayed' });
      expect((await jsm.streams.info(stream)).state.messages).toBe(3);
      const subjects: string[] = [];
      for (let seq = 1; seq <= 3; seq++)
        subjects.push((await jsm.streams.getMessage(stream, { seq }))?.subject ?? '');
      const base = `${w.nats.prefix}.hl.evt.acme.call`;
      expect(subjects).toEqual([`${base}.CallArrived`, `${base}.CallAnswered`, `${base}.CallHungUp`]);
    } finally {
      await relay.stop();
    }
  });
});
