/** Faults on demand: dropped connections, restart, slow consumer, malformed frames. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import { EslTestClient } from './test-support/esl-client.js';
import { header } from './test-support/frames.js';
import { client, execute, PASSWORD, startSim } from './test-support/harness.js';

let sim: Simulator | undefined;
const clients: EslTestClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.stop();
});

async function connected(): Promise<EslTestClient> {
  const c = await client(sim!);
  clients.push(c);
  return c;
}

describe('faults', () => {
  it('drop: connections close without a notice, calls survive and show up after reconnecting', async () => {
    sim = await startSim();
    const c = await connected();
    const call = sim.placeCall({ from: '5551234', to: '9610' });
    await c.waitForEvent('CHANNEL_PARK');
    await (await execute(c, call.uuid, 'answer')).complete();
    expect(sim.dropConnections()).toBe(1);
    await c.waitClosed();
    expect(c.frames.some((f) => header(f, 'Content-Type') === 'text/disconnect-notice')).toBe(false);
    const again = await connected();
    const rows = JSON.parse((await again.command('api show channels as json')).body ?? '{}') as {
      rows: { uuid: string; application: string }[];
    };
    expect(rows.rows.map((r) => [r.uuid, r.application])).toEqual([[call.uuid, 'answer']]);
  });

  it('restart: new Core-UUID, every call gone without events, listener back after downMs', async () => {
    sim = await startSim();
    const c = await connected();
    sim.placeCall({ from: '5551234', to: '9610' });
    const before = (await c.waitForEvent('CHANNEL_PARK')).get('Core-UUID');
    const port = sim.esl.port ?? 0;
    await sim.restart(5000);
    await c.waitClosed();
    expect(c.events().some((e) => e.name === 'CHANNEL_HANGUP')).toBe(false);
    await expect(EslTestClient.connect(port)).rejects.toThrow();
    await sim.clock.advance(5000);
    const after = await EslTestClient.ready(port, PASSWORD, 'event json HEARTBEAT API');
    clients.push(after);
    expect((await after.command('api show channels as json')).body).toBe('{"row_count": 0}\n');
    expect((await after.waitForEvent('API')).get('Event-Sequence')).toBe('1');
    await sim.clock.advance(20_000);
    const beat = await after.waitForEvent('HEARTBEAT');
    expect(beat.get('Core-UUID')).not.toBe(before);
    expect(beat.get('Core-UUID')).toBe(sim.core.coreUuid);
  });

  it('slow consumer: writes are held back by the delay and arrive in order', async () => {
    sim = await startSim();
    const c = await connected();
    sim.setSlowConsumer(2000);
    sim.placeCall({ from: '5551234', to: '9610' });
    await sim.clock.advance(1999);
    expect(sim.esl.pendingWrites).toBeGreaterThan(10);
    expect(c.events()).toEqual([]);
    await sim.clock.advance(1);
    expect(sim.esl.pendingWrites).toBe(0);
    await c.waitForEvent('CHANNEL_PARK');
    const seqs = c.events().map((e) => Number(e.get('Event-Sequence')));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs.length).toBeGreaterThan(10);
  });

  it('malformed frame: garbage reaches authenticated listeners only', async () => {
    sim = await startSim();
    const authed = await connected();
    const anonymous = await EslTestClient.connect(sim.esl.port ?? 0);
    clients.push(anonymous);
    await anonymous.waitFor((f) => header(f, 'Content-Type') === 'auth/request');
    const got: Buffer[] = [];
    authed.socket.on('data', (b: Buffer) => got.push(b));
    expect(sim.sendMalformedFrame('garbage')).toBe(1);
    await authed.waitFor((f) => f.raw.includes('NOT-AN-ESL-FRAME'));
    expect(Buffer.concat(got).includes(Buffer.from([0x00, 0xff, 0xfe]))).toBe(true);
    expect(sim.sendMalformedFrame('truncated')).toBe(1);
  });
});
