import { parseArgs } from 'node:util';
import { Type } from '@sinclair/typebox';
import { isHotlineError, type ErrorKind } from '@hotline/contracts';
import type { PlatformDb } from '../auth/repository.js';
import type { PlatformDatabase } from '../auth/schema.js';
import { loadConfig, type Env } from '../config/load.js';
import { DatabaseUrl } from '../config/pieces.js';
import { createKysely, createPool, ensureDatabase } from '../db/index.js';
import { maskText } from '../logging/mask.js';
import * as commands from './commands.js';

export const HELP = `Usage: hotline <command>

  migrate                                         create the database if missing, apply platform migrations
  tenants create <id> [--name N]                  id: a-z, 0-9 and -, 1–32 characters
  tenants list
  keys create --tenant <id> --role <role> [--name N]   prints the key once (role: admin|supervisor|agent|service)
  keys list --tenant <id>
  keys revoke <keyId>

Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hotline)
Exit codes: 0 ok, 1 failure (e.g. database unreachable), 2 bad usage or input, 3 not found, 4 already exists`;

export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, conflict: 4 } as const;

const EXIT_BY_KIND: Partial<Record<ErrorKind, number>> = {
  invalid: EXIT.usage,
  not_found: EXIT.notFound,
  conflict: EXIT.conflict,
};

type Handler = (db: PlatformDb, args: commands.CommandArgs, io: commands.CliOutput) => Promise<void>;

const HANDLERS: Record<string, Handler> = {
  'tenants create': commands.tenantsCreateCommand,
  'tenants list': commands.tenantsListCommand,
  'keys create': commands.keysCreateCommand,
  'keys list': commands.keysListCommand,
  'keys revoke': commands.keysRevokeCommand,
};

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (isHotlineError(error) && cause !== undefined) return `${error.message}: ${describeFailure(cause)}`;
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'DATABASE_UNREACHABLE') {
    return 'cannot reach PostgreSQL; is it running, and is DATABASE_URL right?';
  }
  // 42P01 undefined_table, 3D000 invalid_catalog_name (no such database).
  if (code === '42P01' || code === '3D000') return 'the database is not set up; run `hotline migrate` first';
  return maskText(error instanceof Error ? error.message : String(error));
}

/** The whole CLI as a function, so tests run it in-process; returns the exit code. */
export async function runCli(
  argv: readonly string[],
  io: commands.CliOutput,
  env: Env = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        tenant: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`hotline: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return EXIT.usage;
  }
  const { positionals, values } = parsed;
  if (values.help === true || positionals[0] === 'help') {
    io.out(HELP);
    return EXIT.ok;
  }
  const [group, action, ...rest] = positionals;
  const isMigrate = group === 'migrate';
  const handler = HANDLERS[`${group ?? ''} ${action ?? ''}`];
  if (!isMigrate && !handler) {
    io.err(`hotline: unknown command ${JSON.stringify(positionals.slice(0, 2).join(' '))}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (isMigrate && action !== undefined) {
    io.err('hotline: migrate takes no arguments');
    return EXIT.usage;
  }
  let url: string;
  try {
    url = loadConfig(Type.Object({ DATABASE_URL: DatabaseUrl }), env).DATABASE_URL;
  } catch (error) {
    io.err(`hotline: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.usage;
  }
  const pool = createPool(url, { max: 2, applicationName: 'hotline-cli' });
  const db = createKysely<PlatformDatabase>(pool);
  try {
    if (isMigrate) {
      const { created } = await ensureDatabase(url);
      if (created) io.err(`Created database ${new URL(url).pathname.slice(1)}.`);
      await commands.migrateCommand(db, io);
    } else if (handler) {
      await handler(
        db,
        { positionals: rest, tenant: values.tenant, role: values.role, name: values.name },
        io,
      );
    }
    return EXIT.ok;
  } catch (error) {
    io.err(
      `hotline: ${isHotlineError(error) && error.kind !== 'internal' ? error.message : describeFailure(error)}`,
    );
    return isHotlineError(error) ? (EXIT_BY_KIND[error.kind] ?? EXIT.failure) : EXIT.failure;
  } finally {
    await db.destroy();
  }
}
