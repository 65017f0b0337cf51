import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { HotlineError, TENANT_ID_PATTERN } from '@hotline/contracts';
import { ROLES } from './schema.js';
import { migrateToLatest } from '../db/migrate.js';

export const PLATFORM_MIGRATION_TABLE = 'hotline_platform_migration';

const migrations: Record<string, Migration> = {
  '0001_tenants_and_api_keys': {
    async up(db) {
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ ${sql.lit(TENANT_ID_PATTERN)}`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('restrict'))
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role IN (${sql.join(ROLES.map((r) => sql.lit(r)))})`),
        )
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('hash', 'bytea', (c) => c.notNull().check(sql`octet_length(hash) = 32`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_used_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('api_keys_tenant_idx').on('api_keys').column('tenant_id').execute();
    },
    async down(db) {
      await db.schema.dropTable('api_keys').execute();
      await db.schema.dropTable('tenants').execute();
    },
  },
};

/**
 * Brings the platform tables up to date. The migration table is pinned to the connection's
 * current schema: Kysely otherwise looks for it in every schema and, finding another schema's copy,
 * would skip creating its own (parallel test schemas share one database).
 */
export async function migratePlatform<DB>(db: Kysely<DB>): Promise<{ applied: string[] }> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined) throw new HotlineError('MIGRATION_FAILED', 'internal', 'no current schema');
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: PLATFORM_MIGRATION_TABLE,
    migrationLockTableName: `${PLATFORM_MIGRATION_TABLE}_lock`,
    migrationTableSchema: schema,
  });
  const { error, results } = await migrateToLatest(migrator, schema);
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new HotlineError('MIGRATION_FAILED', 'internal', `platform migration ${failed} failed`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
