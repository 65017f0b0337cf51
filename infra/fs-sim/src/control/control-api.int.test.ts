import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.js';
import { client, startSim } from '../test-support/harness.js';
import type { EslTestClient } from '../test-support/esl-client.js';
import { ControlServer } from './http-server.js';

let sim: Simulator | undefined;
let control: ControlServer | undefined;
let esl: EslTestClient | undefined;
let base = '';

afterEach(async () => {
  esl?.close();
  await control?.close();
  await sim?.stop();
});

async function start(): Promise<void> {
  sim = await startSim();
  control = new ControlServer(sim);
  base = `http://127.0.0.1:${await control.listen('127.0.0.1', 0)}`;
  esl = await client(sim);
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(base + path, {
    method,
    ...(body !== undefined
      ? {
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('control API', () => {
  it('places a call, lists it, presses digits and hangs it up', async () => {
    await start();
    const placed = await call('POST', '/calls', { from: '+15551234', to: '+18005550100', callerName: 'Ada' });
    expect(placed.status).toBe(201);
    const uuid = (placed.json as { uuid: string }).uuid;
    await esl!.waitForEvent('CHANNEL_PARK');
    const listed = await call('GET', '/channels');
    expect(listed.json).toMatchObject([
      { uuid, from: '+15551234', to: '+18005550100', answerState: 'ringing', application: 'park' },
    ]);
    expect((await call('POST', `/calls/${uuid}/dtmf`, { digits: '12#', interDigitMs: 0 })).status).toBe(200);
    await sim!.clock.advance(0);
    await esl!.waitForEvent('DTMF', (e) => e.get('DTMF-Digit') === '#');
    expect((await call('POST', `/calls/${uuid}/hangup`)).status).toBe(200);
    const hangup = await esl!.waitForEvent('CHANNEL_HANGUP');
    expect(hangup.get('Hangup-Cause')).toBe('ORIGINATOR_CANCEL');
    expect((await call('POST', `/calls/${uuid}/hangup`)).json).toEqual({
      error: { code: 'CHANNEL_NOT_FOUND', message: `no channel ${uuid}` },
    });
  });

  it('manages endpoints and rejects bad input with stable codes', async () => {
    await start();
    expect((await call('PUT', '/endpoints/1001', { behaviour: 'busy', afterMs: 200 })).json).toMatchObject({
      ext: '1001',
      behaviour: 'busy',
      afterMs: 200,
      registered: true,
    });
    expect((await call('POST', '/endpoints/1001/unregister')).json).toMatchObject({ registered: false });
    expect(
      (await call('PATCH', '/endpoints/1001', { behaviour: 'answer', afterMs: 1000, talkMs: 5000 })).json,
    ).toMatchObject({ behaviour: 'answer', talkMs: 5000, registered: false });
    expect((await call('GET', '/endpoints')).json).toHaveLength(1);
    expect((await call('DELETE', '/endpoints/1001')).status).toBe(204);
    expect((await call('DELETE', '/endpoints/1001')).status).toBe(404);
    const bad = await call('PUT', '/endpoints/1002', { behaviour: 'sometimes', talkMs: -1, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'ENDPOINT_INVALID' } });
    expect((bad.json as { error: { issues: unknown[] } }).error.issues).toHaveLength(3);
    expect((await call('POST', '/calls', { from: 'x y', to: '' })).json).toMatchObject({
      error: { code: 'CALL_INVALID' },
    });
    expect((await call('POST', '/calls', '{nope')).json).toMatchObject({ error: { code: 'BODY_NOT_JSON' } });
    expect((await call('GET', '/nowhere')).status).toBe(404);
    expect((await call('DELETE', '/channels')).json).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    expect((await call('POST', '/calls', 'x'.repeat(1024 * 1024 + 1))).status).toBe(413);
  });

  it('advances the manual clock, injects faults and loads scenarios', async () => {
    await start();
    expect((await call('POST', '/clock/advance', { ms: 60_000 })).json).toEqual({
      now: '2026-11-24T03:42:36.000Z',
    });
    expect((await call('POST', '/clock/advance', {})).json).toMatchObject({
      error: { code: 'ADVANCE_INVALID' },
    });
    expect((await call('POST', '/faults/slow-consumer', { delayMs: 5 })).json).toEqual({ delayMs: 5 });
    expect((await call('POST', '/faults/slow-consumer', { delayMs: 0 })).status).toBe(200);
    expect((await call('POST', '/faults/malformed-frame', { kind: 'nope' })).status).toBe(400);
    const before = sim!.core.coreUuid;
    expect((await call('POST', '/faults/drop-connections')).json).toEqual({ dropped: 1 });
    const restarted = await call('POST', '/faults/restart', {});
    expect((restarted.json as { coreUuid: string }).coreUuid).not.toBe(before);
    const loaded = await call('POST', '/scenario', {
      endpoints: [{ ext: '2001', behaviour: 'answer', afterMs: 1000 }],
      calls: [{ atMs: 1000, from: '5550001', to: '9610' }],
      traffic: { seed: 7, dids: [{ did: '9610', callsPerHour: 3600 }] },
    });
    expect(loaded.json).toEqual({ endpoints: 1, calls: 1, traffic: true });
    await call('POST', '/clock/advance', { ms: 1000 });
    expect((await call('GET', '/channels')).json).toHaveLength(1);
    expect((await call('POST', '/traffic/start')).json).toMatchObject({ running: true });
    await call('POST', '/clock/advance', { ms: 60_000 });
    const stats = (await call('POST', '/traffic/stop')).json as { placed: number; running: boolean };
    expect(stats.running).toBe(false);
    expect(stats.placed).toBeGreaterThan(30);
    expect((await call('POST', '/scenario', { calls: [{ to: '1' }] })).json).toMatchObject({
      error: { code: 'SCENARIO_INVALID' },
    });
  });
});
