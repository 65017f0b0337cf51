import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError, ValidationError, isTenantId } from '@hotline/contracts';
import { generateKey, isKeyId, parseKey, secretMatches } from './keys.js';
import { ROLES, isRole, type PlatformDatabase, type Role } from './schema.js';

export type PlatformDb = Kysely<PlatformDatabase>;

export interface Tenant {
  id: string;
  name: string;
  createdAt: Date;
}

export interface ApiKeyInfo {
  id: string;
  tenantId: string;
  role: Role;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AuthContext {
  tenantId: string;
  role: Role;
  keyId: string;
}

const keyColumns = ['id', 'tenant_id', 'role', 'name', 'created_at', 'last_used_at', 'revoked_at'] as const;

interface KeyRow {
  id: string;
  tenant_id: string;
  role: Role;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    role: row.role,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function createTenant(db: PlatformDb, input: { id: string; name?: string }): Promise<Tenant> {
  if (!isTenantId(input.id)) {
    throw new ValidationError('TENANT_ID_INVALID', `Invalid tenant id ${JSON.stringify(input.id)}`, [
      { path: 'id', message: 'lower-case letters, digits and dashes, 1–32 characters' },
    ]);
  }
  const row = await db
    .insertInto('tenants')
    .values({ id: input.id, name: input.name ?? input.id })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirst();
  if (!row) throw new ConflictError('TENANT_EXISTS', `Tenant ${input.id} already exists`);
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function listTenants(db: PlatformDb): Promise<Tenant[]> {
  const rows = await db.selectFrom('tenants').select(['id', 'name', 'created_at']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

export async function findTenant(db: PlatformDb, id: string): Promise<Tenant | undefined> {
  if (!isTenantId(id)) return undefined;
  const row = await db
    .selectFrom('tenants')
    .select(['id', 'name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

function tenantNotFound(id: string): NotFoundError {
  return new NotFoundError('TENANT_NOT_FOUND', `Tenant ${JSON.stringify(id)} does not exist`);
}

/** Creates a key and returns its plaintext: the only time it exists outside the caller's hands. */
export async function createApiKey(
  db: PlatformDb,
  input: { tenantId: string; role: string; name?: string },
): Promise<{ key: ApiKeyInfo; plaintext: string }> {
  const { role } = input;
  if (!isRole(role)) {
    throw new ValidationError('ROLE_INVALID', `Invalid role ${JSON.stringify(role)}`, [
      { path: 'role', message: `one of ${ROLES.join(', ')}` },
    ]);
  }
  if (!(await findTenant(db, input.tenantId))) throw tenantNotFound(input.tenantId);
  const generated = generateKey();
  const row = await db
    .insertInto('api_keys')
    .values({
      id: generated.keyId,
      tenant_id: input.tenantId,
      role,
      name: input.name ?? '',
      hash: generated.hash,
    })
    .returning(keyColumns)
    .executeTakeFirstOrThrow();
  return { key: toInfo(row), plaintext: generated.plaintext };
}

export async function listApiKeys(db: PlatformDb, tenantId: string): Promise<ApiKeyInfo[]> {
  if (!(await findTenant(db, tenantId))) throw tenantNotFound(tenantId);
  const rows = await db
    .selectFrom('api_keys')
    .select(keyColumns)
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toInfo);
}

/** Revokes a key; revoking a revoked key is a no-op that keeps the first revocation time. */
export async function revokeApiKey(db: PlatformDb, keyId: string, now = new Date()): Promise<ApiKeyInfo> {
  const notFound = new NotFoundError('KEY_NOT_FOUND', `API key ${JSON.stringify(keyId)} does not exist`);
  if (!isKeyId(keyId)) throw notFound;
  await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db.selectFrom('api_keys').select(keyColumns).where('id', '=', keyId).executeTakeFirst();
  if (!row) throw notFound;
  return toInfo(row);
}

/** The stored record of a key by id, hash included (for verification). */
export async function findKey(
  db: PlatformDb,
  keyId: string,
): Promise<(ApiKeyInfo & { hash: Buffer }) | undefined> {
  if (!isKeyId(keyId)) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .select([...keyColumns, 'hash'])
    .where('id', '=', keyId)
    .executeTakeFirst();
  return row && { ...toInfo(row), hash: row.hash };
}

/** last_used_at is informational: writing it at most once a minute keeps requests read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Checks a presented key: well-formed, known, secret matches (constant time), not revoked.
 * Returns the auth context or undefined; why it failed is deliberately not returned.
 */
export async function verifyApiKey(
  db: PlatformDb,
  presented: string,
  now = new Date(),
): Promise<AuthContext | undefined> {
  const parsed = parseKey(presented);
  if (!parsed) return undefined;
  const record = await findKey(db, parsed.keyId);
  if (!record || !secretMatches(parsed.secret, record.hash) || record.revokedAt !== null) return undefined;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', record.id).execute();
  }
  return { tenantId: record.tenantId, role: record.role, keyId: record.id };
}
