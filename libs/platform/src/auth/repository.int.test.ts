import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '@hotline/test-kit';
import { createKysely } from '../db/index.js';
import { migratePlatform } from './migrations.js';
import {
  createApiKey,
  createTenant,
  findKey,
  listApiKeys,
  listTenants,
  revokeApiKey,
  verifyApiKey,
  type PlatformDb,
} from './repository.js';
import type { PlatformDatabase } from './schema.js';

let schema: TestSchema;
let db: PlatformDb;

beforeAll(async () => {
  schema = await createTestSchema({ prefix: 'auth' });
  db = createKysely<PlatformDatabase>(schema.pool);
  await migratePlatform(db);
});

afterAll(async () => {
  await schema.drop();
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('migrations', () => {
  it('create the tables in the current schema and are idempotent', async () => {
    expect(await migratePlatform(db)).toEqual({ applied: [] });
    const { rows } = await schema.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema.schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'api_keys',
      'hotline_platform_migration',
      'hotline_platform_migration_lock',
      'tenants',
    ]);
  });

  it('enforce the tenant id pattern and the roles in the database too', async () => {
    await expect(schema.pool.query(`INSERT INTO tenants (id, name) VALUES ('Bad_Id', 'x')`)).rejects.toThrow(
      /check constraint/,
    );
    await schema.pool.query(`INSERT INTO tenants (id, name) VALUES ('db-check', 'x')`);
    await expect(
      schema.pool.query(
        `INSERT INTO api_keys (id, tenant_id, role, hash) VALUES ('k', 'db-check', 'root', sha256('x'))`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('tenants', () => {
  it('are created, listed, and validated', async () => {
    const tenant = await createTenant(db, { id: 'acme', name: 'Acme Corp' });
    expect(tenant).toMatchObject({ id: 'acme', name: 'Acme Corp' });
    expect(await codeOf(createTenant(db, { id: 'acme' }))).toBe('TENANT_EXISTS');
    expect(await codeOf(createTenant(db, { id: 'Acme!' }))).toBe('TENANT_ID_INVALID');
    expect(await codeOf(createTenant(db, { id: 'x'.repeat(33) }))).toBe('TENANT_ID_INVALID');
    await createTenant(db, { id: 'beta' });
    expect((await listTenants(db)).map((t) => [t.id, t.name])).toEqual([
      ['acme', 'Acme Corp'],
      ['beta', 'beta'],
      ['db-check', 'x'],
    ]);
  });
});

describe('api keys', () => {
  it('return the plaintext once and store only a SHA-256 of the secret', async () => {
    const { key, plaintext } = await createApiKey(db, { tenantId: 'acme', role: 'admin', name: 'ops' });
    expect(plaintext).toMatch(/^hl_[0-9a-f]{16}_[0-9a-f]{64}$/);
    expect(key).toMatchObject({
      tenantId: 'acme',
      role: 'admin',
      name: 'ops',
      revokedAt: null,
      lastUsedAt: null,
    });
    const secret = plaintext.split('_')[2]!;
    const stored = await findKey(db, key.id);
    expect(stored?.hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
    const { rows } = await schema.pool.query(`SELECT * FROM api_keys`);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(await listApiKeys(db, 'acme'))).not.toContain('hash');
  });

  it('refuse unknown tenants and roles', async () => {
    expect(await codeOf(createApiKey(db, { tenantId: 'nobody', role: 'admin' }))).toBe('TENANT_NOT_FOUND');
    expect(await codeOf(createApiKey(db, { tenantId: 'acme', role: 'root' }))).toBe('ROLE_INVALID');
    expect(await codeOf(listApiKeys(db, 'nobody'))).toBe('TENANT_NOT_FOUND');
  });

  it('verify only the exact, unrevoked key and record its use', async () => {
    const { key, plaintext } = await createApiKey(db, { tenantId: 'beta', role: 'agent' });
    const now = new Date('2026-02-01T10:00:00Z');
    expect(await verifyApiKey(db, plaintext, now)).toEqual({
      tenantId: 'beta',
      role: 'agent',
      keyId: key.id,
    });
    expect((await findKey(db, key.id))?.lastUsedAt?.toISOString()).toBe(now.toISOString());
    const flipped = plaintext.slice(0, -1) + (plaintext.endsWith('0') ? '1' : '0');
    expect(await verifyApiKey(db, flipped)).toBeUndefined();
    expect(await verifyApiKey(db, `hl_${'0'.repeat(16)}_${'0'.repeat(64)}`)).toBeUndefined();
    expect(await verifyApiKey(db, 'not-a-key')).toBeUndefined();
    await revokeApiKey(db, key.id);
    expect(await verifyApiKey(db, plaintext)).toBeUndefined();
  });

  it('revoke idempotently, keeping the first revocation time', async () => {
    const { key } = await createApiKey(db, { tenantId: 'beta', role: 'service' });
    const first = await revokeApiKey(db, key.id, new Date('2026-03-01T00:00:00Z'));
    const second = await revokeApiKey(db, key.id, new Date('2026-04-01T00:00:00Z'));
    expect(first.revokedAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(second.revokedAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(await codeOf(revokeApiKey(db, 'ffffffffffffffff'))).toBe('KEY_NOT_FOUND');
    expect(await codeOf(revokeApiKey(db, 'bad id'))).toBe('KEY_NOT_FOUND');
  });
});
