import { migrateUnderChurn } from '@hotline/test-kit';
import { describe, expect, it } from 'vitest';
import { createKysely } from '../db/index.js';
import { migratePlatform } from './migrations.js';
import type { PlatformDatabase } from './schema.js';

// Kysely's migrator finds its table by listing every schema's tables; a schema dropped meanwhile by
// someone else fails that listing (3F000). It did in CI, while other packages' tests dropped theirs.
describe('platform migrations', { timeout: 60_000 }, () => {
  it('succeed while other schemas are created and dropped all the time', async () => {
    const { failures, churned } = await migrateUnderChurn('pm', 40, async (schema) => {
      const db = createKysely<PlatformDatabase>(schema.pool);
      expect((await migratePlatform(db)).applied.length).toBeGreaterThan(0);
    });
    expect(churned).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
