/**
 * Faults on the ESL side: a dropped connection (calls still up are kept, calls that ended meanwhile get
 * MEDIA_NODE_LOST_CALL), a FreeSWITCH restart (every call ends with MEDIA_NODE_RESTARTED) and garbage
 * on the wire (skipped; the bridge keeps serving).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@hotline/test-kit';
import { LOST_CALL, NODE_RESTARTED } from './calls/resync.js';
import { Answer, Hangup } from './commands/specs.js';
import { startWorld, type World } from './test-support/world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function arrivedCall(w: World, from: string): Promise<string> {
  const callId = w.sim.placeCall({ from, to: '+18005550100', variables: { hotline_tenant: 'acme' } }).uuid;
  await waitFor(async () => (await w.facts(callId)).length === 1, { what: 'CallArrived' });
  await w.send(Answer, { callId });
  return callId;
}

async function types(w: World, callId: string, settledOn?: string): Promise<string[]> {
  if (settledOn) {
    await waitFor(async () => (await w.facts(callId)).some((f) => f.type === settledOn), { what: settledOn });
  }
  return (await w.facts(callId)).map((f) => f.type);
}

describe('faults', () => {
  it('ESL drop mid-call: the call still up is kept, the one that ended meanwhile is ended', async () => {
    const w = (world = await startWorld());
    const kept = await arrivedCall(w, '+15551110001');
    const lost = await arrivedCall(w, '+15551110002');
    const before = w.node.resyncs();
    expect(w.sim.dropConnections()).toBe(1);
    // Same tick: the caller leaves before the bridge can have reconnected.
    expect(w.sim.callerHangup(lost)).toBe(true);
    await waitFor(() => w.node.resyncs() > before && w.node.esl.connected, { what: 'reconnect + resync' });
    expect(await types(w, lost, 'CallHungUp')).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
    const ended = (await w.facts(lost)).at(-1);
    expect(ended?.data).toMatchObject({ cause: LOST_CALL, by: 'system' });
    expect(await types(w, kept, 'CallAnswered')).toEqual(['CallArrived', 'CallAnswered']);
    // The kept call is still driven after the reconnect.
    await w.send(Hangup, { callId: kept });
    expect(await types(w, kept, 'CallHungUp')).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
    expect((await w.facts(kept)).at(-1)?.data).toMatchObject({ cause: 'NORMAL_CLEARING', by: 'system' });
  });

  it('simulator restart: a new Core-UUID ends every call of the node', async () => {
    const w = (world = await startWorld());
    const a = await arrivedCall(w, '+15551110003');
    const b = await arrivedCall(w, '+15551110004');
    const before = w.node.resyncs();
    await w.sim.restart(0);
    await waitFor(() => w.node.resyncs() > before, { what: 'reconnect + resync' });
    for (const callId of [a, b]) {
      expect(await types(w, callId, 'CallHungUp')).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
      expect((await w.facts(callId)).at(-1)?.data).toMatchObject({ cause: NODE_RESTARTED, by: 'system' });
    }
    await expect(w.send(Answer, { callId: a })).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    // New calls on the restarted node are tracked as usual.
    const c = await arrivedCall(w, '+15551110005');
    expect(await types(w, c, 'CallAnswered')).toEqual(['CallArrived', 'CallAnswered']);
  });

  it('garbage frames are skipped and the bridge keeps serving', async () => {
    const w = (world = await startWorld());
    expect(w.sim.sendMalformedFrame('garbage')).toBe(1);
    expect(w.sim.sendMalformedFrame('bad-content-length')).toBe(1);
    const callId = await arrivedCall(w, '+15551110006');
    await w.send(Hangup, { callId, cause: 'CALL_REJECTED' });
    expect(await types(w, callId, 'CallHungUp')).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
    expect((await w.facts(callId)).at(-1)?.data).toMatchObject({ cause: 'CALL_REJECTED', by: 'system' });
  });

  it('bridge restart: a call still up is adopted from its stream and its hang-up recorded', async () => {
    const w = (world = await startWorld());
    const callId = await arrivedCall(w, '+15551110007');
    await types(w, callId, 'CallAnswered');
    await w.node.stop();
    const again = w.startNode();
    try {
      await waitFor(() => again.resyncs() >= 1, { what: 'new bridge resynced' });
      expect(again.book.get(callId)).toMatchObject({ tenantId: 'acme', answered: true });
      expect(w.sim.callerHangup(callId)).toBe(true);
      expect(await types(w, callId, 'CallHungUp')).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
      expect((await w.facts(callId)).at(-1)?.data).toMatchObject({ cause: 'NORMAL_CLEARING', by: 'caller' });
    } finally {
      await again.stop();
    }
  });
});
