/**
 * An in-process world for integration tests: the FreeSWITCH simulator on a manual virtual clock, a
 * fresh PostgreSQL schema as the event store, real NATS with a per-test subject prefix, and one media
 * node of the bridge connected to the simulator.
 */
import { eventRegistry, streams, type RecordedEvent } from '@hotline/contracts';
import type { EventStore } from '@hotline/event-store';
import { openEventStore } from '@hotline/event-store/factory';
import { Simulator } from '@hotline/fs-sim';
import { sendCommand, type CommandSpec } from '@hotline/messaging';
import { createTestNats, createTestSchema, waitFor, type TestNats, type TestSchema } from '@hotline/test-kit';
import type { Static, TSchema } from '@sinclair/typebox';
import type { ChannelEvent } from '../esl/channel-event.js';
import { startMediaNode, type RunningMediaNode } from '../media-node.js';

export const PASSWORD = 'test-secret';
export const NODE = 'fs1';

type PhoneBehaviour = Parameters<Simulator['directory']['upsert']>[0]['behaviour'];

/** An agent phone `user/<ext>` in the simulator's directory (contact port derived from the extension). */
export function addAgentPhone(
  sim: Simulator,
  ext: string,
  behaviour: PhoneBehaviour,
  registered = true,
): void {
  sim.directory.upsert({
    ext,
    registered,
    behaviour,
    contact: `127.0.0.1:${4089 + Number(ext)}`,
    busyWhenInUse: true,
  });
}

/** The test's registry bucket: carries the NATS prefix so `nats.cleanup()` deletes it. */
export const callsBucket = (nats: TestNats): string => `${nats.prefix}_media_calls`;

export interface World {
  readonly sim: Simulator;
  readonly store: EventStore;
  readonly nats: TestNats;
  readonly node: RunningMediaNode;
  readonly events: ChannelEvent[];
  send<Req extends TSchema, Res extends TSchema>(
    spec: CommandSpec<Req, Res>,
    payload: Static<Req>,
  ): Promise<Static<Res>>;
  facts(callId: string): Promise<RecordedEvent[]>;
  /** Another media node on this world's simulator, store and NATS (a restarted bridge); the caller stops it. */
  startNode(): RunningMediaNode;
  /** Waits until the node has seen CHANNEL_EXECUTE of `app` on `uuid` (the n-th time), then advances the clock. */
  advanceOnceRunning(uuid: string, app: string, ms: number, nth?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const sim = await Simulator.start({
    esl: { host: '127.0.0.1', port: 0, password: PASSWORD },
    clock: { mode: 'manual', startAt: Date.UTC(2026, 10, 24, 3, 41, 36) },
    heartbeatMs: 0,
  });
  const schema: TestSchema = await createTestSchema({ prefix: 'mediabridge' });
  const store = await openEventStore({ databaseUrl: schema.url, registry: eventRegistry });
  const nats = await createTestNats();
  const startNode = (): RunningMediaNode =>
    startMediaNode({
      node: { name: NODE, host: '127.0.0.1', port: sim.esl.port ?? 0, password: PASSWORD },
      store,
      nc: nats.nc,
      subjectPrefix: nats.prefix,
      backoff: { initialMs: 5, maxMs: 50 },
      callsBucket: callsBucket(nats),
    });
  const node = startNode();
  const events: ChannelEvent[] = [];
  node.esl.onEvent((e) => events.push(e));
  await waitFor(() => node.resyncs() >= 1, { what: 'bridge connected and resynced' });
  return {
    sim,
    store,
    nats,
    node,
    events,
    send: (spec, payload) =>
      sendCommand(nats.nc, spec, payload, {
        timeoutMs: 10_000,
        subjectPrefix: nats.prefix,
        params: { node: NODE },
      }),
    facts: (callId) => store.readStream(streams.call(callId)),
    startNode,
    async advanceOnceRunning(uuid, app, ms, nth = 1) {
      const count = () =>
        events.filter((e) => e.kind === 'execute' && e.uuid === uuid && e.application === app).length;
      await waitFor(() => count() >= nth, { what: `${app} running` });
      await sim.clock.advance(ms);
    },
    async close() {
      await node.stop();
      await sim.stop();
      await nats.cleanup();
      await store.close();
      await schema.drop();
    },
  };
}
