/**
 * The ESL client against the simulator: a reply that does not come in time resets the connection (so it
 * can never be matched to a later request), the client reconnects, re-subscribes and serves again; a
 * wrong password is reported and retried, never crashing.
 */
import { Simulator } from '@hotline/fs-sim';
import type { Logger } from '@hotline/messaging';
import { waitFor } from '@hotline/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { EslClient } from './client.js';

const PASSWORD = 'test-secret';
let sim: Simulator | undefined;
let client: EslClient | undefined;

afterEach(async () => {
  client?.stop();
  await sim?.stop();
});

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (_fields: object, message?: string) => void lines.push(message ?? '');
  return { logger: { debug: push, info: push, warn: push, error: push }, lines };
}

async function setup(password = PASSWORD) {
  sim = await Simulator.start({
    esl: { host: '127.0.0.1', port: 0, password: PASSWORD },
    clock: { mode: 'manual' },
    heartbeatMs: 0,
  });
  const log = capture();
  client = new EslClient({
    host: '127.0.0.1',
    port: sim.esl.port ?? 0,
    password,
    requestTimeoutMs: 300,
    backoff: { initialMs: 5, maxMs: 20 },
    logger: log.logger,
  });
  let connects = 0;
  client.onConnected(() => connects++);
  client.start();
  return { sim, client, log, connects: () => connects };
}

describe('EslClient', () => {
  it('a lost reply resets the connection instead of shifting later replies', async () => {
    const { sim, client, connects, log } = await setup();
    await waitFor(() => client.connected, { what: 'connected' });
    expect(await client.api('uuid_exists 00000000-0000-0000-0000-000000000000')).toBe('false');
    // FreeSWITCH stops answering: every frame is held back on the (manual) simulator clock.
    sim.setSlowConsumer(3_600_000);
    await expect(client.api('status')).rejects.toMatchObject({ code: 'ESL_TIMEOUT' });
    expect(log.lines).toContain('ESL replies out of step; resetting the connection');
    sim.setSlowConsumer(0);
    await waitFor(() => connects() >= 2 && client.connected, { what: 'reconnected and re-subscribed' });
    // The held replies of the old connection never reach the new one.
    await sim.clock.advance(3_600_000);
    expect(await client.api('uuid_exists 00000000-0000-0000-0000-000000000000')).toBe('false');
    expect(await client.api('hostname')).toBe(sim.core.identity.hostname);
  });

  it('execute results are matched by Application-UUID, also when several run at once', async () => {
    const { sim, client } = await setup();
    await waitFor(() => client.connected, { what: 'connected' });
    const parked = new Promise<string>((resolve) => {
      const off = client.onEvent((e) => {
        if (e.kind === 'park') {
          off();
          resolve(e.uuid);
        }
      });
    });
    sim.placeCall({ from: '5551234', to: '9610' });
    const uuid = await parked;
    const [a, b] = await Promise.all([
      client.execute(uuid, 'set', 'x=1', 2000),
      client.execute(uuid, 'set', 'y=2', 2000),
    ]);
    expect([a.headers.get('Application-Data'), b.headers.get('Application-Data')]).toEqual(['x=1', 'y=2']);
    await expect(
      client.execute('00000000-0000-0000-0000-000000000000', 'answer', undefined, 2000),
    ).rejects.toMatchObject({
      code: 'ESL_COMMAND_FAILED',
    });
  });

  it('a wrong password is logged and retried with backoff, never thrown', async () => {
    const { client, log } = await setup('wrong');
    await waitFor(
      () => log.lines.filter((l) => l === 'ESL authentication failed (check the password)').length >= 2,
      {
        what: 'two failed attempts',
      },
    );
    expect(client.connected).toBe(false);
  });
});
