/**
 * The bridge process itself goes away (crash, deploy) while calls are up. A call that ends on
 * FreeSWITCH while no bridge runs vanishes from `show channels`; only the durable call registry still
 * knows it, and the next bridge must end its stream. A call still up is adopted, not ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@hotline/test-kit';
import { LOST_CALL } from './calls/resync.js';
import { Answer } from './commands/specs.js';
import type { RunningMediaNode } from './media-node.js';
import { NODE, startWorld, type World } from './test-support/world.js';

let world: World | undefined;
let again: RunningMediaNode | undefined;
afterEach(async () => {
  await again?.stop();
  await world?.close();
  world = again = undefined;
});

async function arrivedCall(w: World, from: string): Promise<string> {
  const callId = w.sim.placeCall({ from, to: '+18005550100', variables: { hotline_tenant: 'acme' } }).uuid;
  await waitFor(async () => (await w.facts(callId)).length === 1, { what: 'CallArrived' });
  await w.send(Answer, { callId });
  await waitFor(async () => (await w.facts(callId)).length === 2, { what: 'CallAnswered' });
  return callId;
}

const registered = async (node: RunningMediaNode): Promise<string[]> =>
  (await node.registry.list(NODE)).map((c) => c.callId);

const types = async (w: World, callId: string): Promise<string[]> =>
  (await w.facts(callId)).map((f) => f.type);

describe('bridge restart', () => {
  it('ends a call that hung up while no bridge ran, exactly once, and adopts the one still up', async () => {
    const w = (world = await startWorld());
    const kept = await arrivedCall(w, '+15551110011');
    const lost = await arrivedCall(w, '+15551110012');
    await waitFor(async () => (await registered(w.node)).length === 2, { what: 'both calls registered' });
    expect((await w.node.registry.list(NODE)).find((c) => c.callId === lost)).toMatchObject({
      tenantId: 'acme',
    });

    // The bridge goes away without ending anything; the caller leaves while nothing listens.
    await w.node.stop();
    expect(w.sim.callerHangup(lost)).toBe(true);

    const next = (again = w.startNode());
    await waitFor(() => next.resyncs() >= 1, { what: 'new bridge resynced' });
    expect(await types(w, lost)).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
    expect((await w.facts(lost)).at(-1)?.data).toMatchObject({ cause: LOST_CALL, by: 'system' });
    expect(await registered(next)).toEqual([kept]);
    expect(next.book.get(kept)).toMatchObject({ tenantId: 'acme', answered: true });
    expect(await types(w, kept)).toEqual(['CallArrived', 'CallAnswered']);

    // Another resync (ESL drop) changes nothing: the lost call stays ended once, the kept one up.
    expect(w.sim.dropConnections()).toBe(1);
    await waitFor(() => next.resyncs() >= 2 && next.esl.connected, { what: 'second resync' });
    expect(await types(w, lost)).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
    expect(await types(w, kept)).toEqual(['CallArrived', 'CallAnswered']);

    // The adopted call's own hang-up is recorded and unregisters it.
    expect(w.sim.callerHangup(kept)).toBe(true);
    await waitFor(async () => (await types(w, kept)).includes('CallHungUp'), { what: 'kept hung up' });
    expect((await w.facts(kept)).at(-1)?.data).toMatchObject({ cause: 'NORMAL_CLEARING', by: 'caller' });
    await waitFor(async () => (await registered(next)).length === 0, { what: 'registry empty' });
  });

  it('a repeated end of the same lost call is a no-op that only removes the entry', async () => {
    const w = (world = await startWorld());
    const lost = await arrivedCall(w, '+15551110013');
    await waitFor(async () => (await registered(w.node)).length === 1, { what: 'registered' });
    await w.node.stop();
    expect(w.sim.callerHangup(lost)).toBe(true);
    const entry = (await w.node.registry.list(NODE))[0];
    const start = () => w.startNode();
    const first = (again = start());
    await waitFor(() => first.resyncs() >= 1, { what: 'first bridge resynced' });
    await first.stop();
    // As if the first bridge crashed after storing CallHungUp but before deleting its entry.
    if (entry) await first.registry.put(NODE, entry);
    const second = (again = start());
    await waitFor(() => second.resyncs() >= 1, { what: 'second bridge resynced' });
    expect(await types(w, lost)).toEqual(['CallArrived', 'CallAnswered', 'CallHungUp']);
    expect(await registered(second)).toEqual([]);
  });
});
