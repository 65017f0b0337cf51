import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { LauncherError } from './errors.js';

export interface Endpoint {
  host: string;
  port: number;
  /** Only a local endpoint is one the launcher may try to start. */
  local: boolean;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function endpointOf(url: string, defaultPort: number): Endpoint {
  const parsed = new URL(url);
  const host = parsed.hostname === '' ? '127.0.0.1' : parsed.hostname;
  const port = parsed.port === '' ? defaultPort : Number(parsed.port);
  return { host, port, local: LOCAL_HOSTS.has(host) };
}

/**
 * Opens a TCP connection; with `expect`, also waits for the server's first bytes to start with it
 * (NATS greets with `INFO`), so a different program on the port is not taken for the server.
 */
export function probe(
  endpoint: Endpoint,
  options: { expect?: string; timeoutMs?: number } = {},
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host.replace(/^\[|\]$/g, ''), port: endpoint.port });
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(options.timeoutMs ?? 1000, () => done(false));
    socket.on('error', () => done(false));
    socket.once('connect', () => {
      if (options.expect === undefined) done(true);
    });
    socket.once('data', (chunk: Buffer) => {
      if (options.expect !== undefined) done(chunk.toString('latin1').startsWith(options.expect));
    });
  });
}

export function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const detail = stderr.trim() || error.message;
      reject(new Error(`${command} ${args.join(' ')}: ${detail}`, { cause: error }));
    });
  });
}

export interface EnsureOptions {
  what: string;
  endpoint: Endpoint;
  isUp: () => Promise<boolean>;
  start: () => Promise<void>;
  /** How to fix it by hand, appended to the error. */
  hint: string;
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Uses a running server, or starts a local one and waits for it; says clearly what is missing. */
export async function ensureUp(options: EnsureOptions): Promise<'running' | 'started'> {
  const { what, endpoint } = options;
  const where = `${endpoint.host}:${endpoint.port}`;
  if (await options.isUp()) return 'running';
  if (!endpoint.local) {
    throw new LauncherError('INFRA_UNREACHABLE', `${what} is not reachable at ${where}. ${options.hint}`);
  }
  options.log?.(`${what} is not running on ${where}; starting it`);
  try {
    await options.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LauncherError(
      'INFRA_START_FAILED',
      `${what} is not running on ${where} and could not be started: ${reason}. ${options.hint}`,
      error,
    );
  }
  const sleep = options.sleep ?? realSleep;
  const deadline = options.waitMs ?? 30_000;
  for (let waited = 0; waited < deadline; waited += 250) {
    if (await options.isUp()) return 'started';
    await sleep(250);
  }
  throw new LauncherError(
    'INFRA_START_FAILED',
    `${what} was started but did not answer on ${where} within ${deadline / 1000}s. ${options.hint}`,
  );
}

/** The newest cluster version under /etc/postgresql (Debian's layout), if any. */
export async function postgresVersion(root = '/etc/postgresql'): Promise<string | undefined> {
  const entries = await readdir(root).catch(() => [] as string[]);
  return entries
    .filter((e) => /^\d+(\.\d+)?$/.test(e))
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
}

export async function startPostgres(): Promise<void> {
  const version = await postgresVersion();
  if (version === undefined)
    throw new Error('PostgreSQL is not installed (no cluster under /etc/postgresql)');
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
}

export async function startNats(port: number): Promise<void> {
  await run('mkdir', ['-p', '/var/lib/nats-server']);
  await run('start-stop-daemon', [
    '--start',
    '--oknodo',
    '--background',
    '--exec',
    '/usr/sbin/nats-server',
    '--',
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-js',
    '-sd',
    '/var/lib/nats-server',
    '-l',
    '/var/log/nats-server.log',
  ]);
}
