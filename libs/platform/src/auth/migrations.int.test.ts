import { churnSchemas, createTestSchema } from '@hotline/test-kit';
import { describe, expect, it } from 'vitest';
import { createKysely } from '../db/index.js';
import { migratePlatform } from './migrations.js';
import type { PlatformDatabase } from './schema.js';

// Kysely's migrator finds its table by listing every schema's tables; a schema dropped meanwhile by
// someone else fails that listing (3F000). It did in CI, while other packages' tests dropped theirs.
describe('platform migrations', { timeout: 60_000 }, () => {
  it('succeed while other schemas are created and dropped all the time', async () => {
    const base = await createTestSchema({ prefix: 'pm', poolSize: 2 });
    const churn = churnSchemas(base.pool, 'pm_churn');
    const failures: unknown[] = [];
    try {
      for (let i = 0; i < 40; i += 1) {
        const schema = await createTestSchema({ prefix: 'pm', poolSize: 1 });
        const db = createKysely<PlatformDatabase>(schema.pool);
        try {
          expect((await migratePlatform(db)).applied.length).toBeGreaterThan(0);
        } catch (error) {
          failures.push(error);
        } finally {
          await schema.drop();
        }
      }
    } finally {
      expect(await churn.stop()).toBeGreaterThan(10);
      await base.drop();
    }
    expect(failures).toEqual([]);
  });
});
