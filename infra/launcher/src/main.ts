import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isHotlineError } from '@hotline/contracts';
import { ConfigError, infrastructureConfigSchema, loadConfig } from '@hotline/platform/config';
import { ensureDatabase } from '@hotline/platform/db';
import { LauncherError } from './errors.js';
import { endpointOf, ensureUp, probe, startNats, startPostgres } from './infra.js';
import { migrations } from './migrations.js';
import { formatLogLine, prefixFor } from './output.js';
import { spawnChild, stopAll, type Child } from './processes.js';
import { waitForReady } from './ready.js';
import { baseUrl, HOST, REPO_ROOT, SERVICES, WORKERS } from './services.js';
import { summary } from './summary.js';

const color = process.stdout.isTTY;
const raw = process.env.LAUNCHER_RAW_LOGS === '1';
const log = (line: string) => process.stdout.write(`${prefixFor('launcher', 4, 12, color)}${line}\n`);

async function prepareInfrastructure(databaseUrl: string, natsUrl: string): Promise<void> {
  const pg = endpointOf(databaseUrl, 5432);
  const pgState = await ensureUp({
    what: 'PostgreSQL',
    endpoint: pg,
    isUp: () => probe(pg),
    start: startPostgres,
    hint: 'Install it (apt-get install postgresql) and start it, or set DATABASE_URL to a running server.',
    log,
  });
  const nats = endpointOf(natsUrl, 4222);
  const natsState = await ensureUp({
    what: 'NATS',
    endpoint: nats,
    isUp: () => probe(nats, { expect: 'INFO' }),
    start: () => startNats(nats.port),
    hint: 'Install nats-server (apt-get install nats-server) and run it with JetStream (-js), or set NATS_URL.',
    log,
  });
  log(`PostgreSQL ${pgState} on ${pg.host}:${pg.port}, NATS ${natsState} on ${nats.host}:${nats.port}`);
  const { created } = await ensureDatabase(databaseUrl);
  if (created) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  for (const migration of migrations) {
    log(`migrating: ${migration.name}`);
    await migration.run(databaseUrl);
  }
}

/** Services first (their index is their place in SERVICES), then the workers. */
function startProcesses(env: NodeJS.ProcessEnv): Child[] {
  const all = [...SERVICES, ...WORKERS];
  const width = Math.max(...all.map((s) => s.name.length), 'launcher'.length);
  return all.map((spec, index) => {
    const prefix = prefixFor(spec.name, index, width, color);
    const port = 'port' in spec ? { PORT: String(spec.port), HOST } : {};
    return spawnChild({
      name: spec.name,
      command: process.execPath,
      args: [join(REPO_ROOT, spec.entry)],
      cwd: REPO_ROOT,
      env: { ...env, ...port },
      onLine: (line) => process.stdout.write(`${prefix}${raw ? line : formatLogLine(line)}\n`),
    });
  });
}

async function main(): Promise<number> {
  const config = loadConfig(infrastructureConfigSchema);
  const missing = [...SERVICES, ...WORKERS].filter((s) => !existsSync(join(REPO_ROOT, s.entry)));
  if (missing.length > 0) {
    throw new LauncherError(
      'NOT_BUILT',
      `not built: ${missing.map((s) => s.entry).join(', ')}. Run \`npm run build\` (\`npm start\` does).`,
    );
  }
  await prepareInfrastructure(config.DATABASE_URL, config.NATS_URL);

  const children = startProcesses({ ...process.env, ...config });
  let stopping: Promise<number> | undefined;
  // The first reason to stop wins (Ctrl-C, a service exiting, a failed start); later callers wait.
  const stop = (reason: string, code: number): Promise<number> => {
    stopping ??= (async () => {
      log(`${reason}; stopping the services`);
      await stopAll(children, 15_000, log);
      log('all services stopped');
      return code;
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stop(`${signal} received`, 0));
  }

  const ready = await Promise.all(
    SERVICES.map((spec, i) =>
      waitForReady(`${baseUrl(spec)}/readyz`, {
        gaveUp: () => stopping !== undefined || children[i]?.running() !== true,
      }),
    ),
  );
  const notReady = SERVICES.filter((_, i) => !ready[i]).map((s) => s.name);
  if (notReady.length > 0) return stop(`not ready: ${notReady.join(', ')} (see their output above)`, 1);
  for (const line of summary({
    services: SERVICES,
    databaseUrl: config.DATABASE_URL,
    natsUrl: config.NATS_URL,
    workers: WORKERS,
  })) {
    log(line);
  }
  const first = await Promise.race(children.map((c) => c.exited.then((code) => ({ name: c.name, code }))));
  return stop(`${first.name} exited (${first.code})`, 1);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || isHotlineError(error) ? error.message : String(error);
    process.stderr.write(`launcher: ${message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
