import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { endpointOf, ensureUp, probe, type Endpoint } from './infra.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A TCP server on a free loopback port that greets each connection with `greeting`. */
function tcpServer(greeting: string): Promise<Endpoint> {
  const server = createServer((socket) => {
    // The probe hangs up as soon as it has seen enough; that reset is expected.
    socket.on('error', () => undefined);
    socket.end(greeting);
  });
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        host: '127.0.0.1',
        port: typeof address === 'object' && address ? address.port : 0,
        local: true,
      });
    });
  });
}

describe('endpointOf', () => {
  it('reads host and port, with defaults, and knows which hosts are local', () => {
    expect(endpointOf('postgres://u:p@127.0.0.1:5433/hotline', 5432)).toEqual({
      host: '127.0.0.1',
      port: 5433,
      local: true,
    });
    expect(endpointOf('postgres://localhost/hotline', 5432)).toEqual({
      host: 'localhost',
      port: 5432,
      local: true,
    });
    expect(endpointOf('nats://nats.internal:4222', 4222)).toEqual({
      host: 'nats.internal',
      port: 4222,
      local: false,
    });
  });
});

describe('probe', () => {
  it('tells a listening port from a closed one, and checks the greeting when asked', async () => {
    const nats = await tcpServer('INFO {"server_id":"x"}\r\n');
    const other = await tcpServer('SSH-2.0-OpenSSH\r\n');
    expect(await probe(nats)).toBe(true);
    expect(await probe(nats, { expect: 'INFO' })).toBe(true);
    expect(await probe(other, { expect: 'INFO' })).toBe(false);
    expect(await probe({ host: '127.0.0.1', port: 1, local: true })).toBe(false);
  });
});

describe('ensureUp', () => {
  const local: Endpoint = { host: '127.0.0.1', port: 5432, local: true };
  const noSleep = () => Promise.resolve();

  it('uses a running server without starting anything', async () => {
    let started = false;
    const state = await ensureUp({
      what: 'PostgreSQL',
      endpoint: local,
      isUp: () => Promise.resolve(true),
      start: () => Promise.resolve(void (started = true)),
      hint: '',
    });
    expect([state, started]).toEqual(['running', false]);
  });

  it('starts a local server and waits until it answers', async () => {
    const answers = [false, false, false, true];
    const state = await ensureUp({
      what: 'NATS',
      endpoint: local,
      isUp: () => Promise.resolve(answers.shift() ?? false),
      start: () => Promise.resolve(),
      hint: '',
      sleep: noSleep,
    });
    expect([state, answers]).toEqual(['started', []]);
  });

  it('never tries to start a remote server, and says what is missing', async () => {
    const remote: Endpoint = { host: 'db.example', port: 5432, local: false };
    await expect(
      ensureUp({
        what: 'PostgreSQL',
        endpoint: remote,
        isUp: () => Promise.resolve(false),
        start: () => Promise.reject(new Error('no')),
        hint: 'Set DATABASE_URL.',
      }),
    ).rejects.toThrow('PostgreSQL is not reachable at db.example:5432. Set DATABASE_URL.');
  });

  it('reports a failed start with the reason and the fix', async () => {
    await expect(
      ensureUp({
        what: 'NATS',
        endpoint: local,
        isUp: () => Promise.resolve(false),
        start: () => Promise.reject(new Error('start-stop-daemon: not found')),
        hint: 'Install nats-server.',
      }),
    ).rejects.toThrow(/could not be started: start-stop-daemon: not found\. Install nats-server\./);
  });

  it('gives up when a started server never answers', async () => {
    await expect(
      ensureUp({
        what: 'NATS',
        endpoint: local,
        isUp: () => Promise.resolve(false),
        start: () => Promise.resolve(),
        hint: '',
        waitMs: 1000,
        sleep: noSleep,
      }),
    ).rejects.toThrow('was started but did not answer on 127.0.0.1:5432 within 1s');
  });
});
