import type { Kysely } from 'kysely';
import { ValidationError } from '@hotline/contracts';
import { migratePlatform } from '../auth/migrations.js';
import {
  createApiKey,
  createTenant,
  listApiKeys,
  listTenants,
  revokeApiKey,
  type ApiKeyInfo,
  type PlatformDb,
} from '../auth/repository.js';
import { ROLES } from '../auth/schema.js';

/** Where a command writes: `out` is the result (scriptable), `err` is for people. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface CommandArgs {
  positionals: string[];
  tenant?: string;
  role?: string;
  name?: string;
}

function usage(message: string): ValidationError {
  return new ValidationError('USAGE', message);
}

function only(args: CommandArgs, count: number, what: string): string[] {
  if (args.positionals.length !== count) throw usage(`expected ${what}`);
  return args.positionals;
}

function date(value: Date | null): string {
  return value === null ? '-' : value.toISOString();
}

/** Fixed-width columns; no dependency for a handful of rows. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

export async function migrateCommand<DB>(db: Kysely<DB>, io: CliOutput): Promise<void> {
  const { applied } = await migratePlatform(db);
  if (applied.length === 0) io.err('Platform tables are up to date.');
  for (const name of applied) io.err(`Applied ${name}`);
}

export async function tenantsCreateCommand(db: PlatformDb, args: CommandArgs, io: CliOutput): Promise<void> {
  const [id] = only(args, 1, 'one tenant id: hotline tenants create <id> [--name N]');
  const tenant = await createTenant(db, { id: id ?? '', name: args.name });
  io.out(tenant.id);
  io.err(`Created tenant ${tenant.id} (${tenant.name}).`);
}

export async function tenantsListCommand(db: PlatformDb, args: CommandArgs, io: CliOutput): Promise<void> {
  only(args, 0, 'no arguments: hotline tenants list');
  const tenants = await listTenants(db);
  for (const line of table(
    ['ID', 'NAME', 'CREATED'],
    tenants.map((t) => [t.id, t.name, date(t.createdAt)]),
  )) {
    io.out(line);
  }
}

function requireOption(value: string | undefined, option: string, command: string): string {
  if (value === undefined || value === '') throw usage(`missing --${option}: ${command}`);
  return value;
}

const KEYS_CREATE = `hotline keys create --tenant <id> --role <${ROLES.join('|')}> [--name N]`;

export async function keysCreateCommand(db: PlatformDb, args: CommandArgs, io: CliOutput): Promise<void> {
  only(args, 0, `options only: ${KEYS_CREATE}`);
  const tenantId = requireOption(args.tenant, 'tenant', KEYS_CREATE);
  const role = requireOption(args.role, 'role', KEYS_CREATE);
  const { key, plaintext } = await createApiKey(db, { tenantId, role, name: args.name });
  io.out(plaintext);
  io.err(`Created ${key.role} key ${key.id} for tenant ${key.tenantId}.`);
  io.err('Store it now: it is shown only once and cannot be recovered (create a new one if lost).');
}

export async function keysListCommand(db: PlatformDb, args: CommandArgs, io: CliOutput): Promise<void> {
  only(args, 0, 'options only: hotline keys list --tenant <id>');
  const tenantId = requireOption(args.tenant, 'tenant', 'hotline keys list --tenant <id>');
  const keys: ApiKeyInfo[] = await listApiKeys(db, tenantId);
  const rows = keys.map((k) => [
    k.id,
    k.role,
    k.name || '-',
    date(k.createdAt),
    date(k.lastUsedAt),
    date(k.revokedAt),
  ]);
  for (const line of table(['ID', 'ROLE', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'], rows)) io.out(line);
}

export async function keysRevokeCommand(db: PlatformDb, args: CommandArgs, io: CliOutput): Promise<void> {
  const [keyId] = only(args, 1, 'one key id: hotline keys revoke <keyId>');
  const key = await revokeApiKey(db, keyId ?? '');
  io.out(key.id);
  io.err(`Key ${key.id} (tenant ${key.tenantId}, role ${key.role}) revoked at ${date(key.revokedAt)}.`);
}
