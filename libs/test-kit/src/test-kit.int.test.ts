import { describe, expect, it } from 'vitest';
import { createTestSchema } from './postgres.js';
import { createTestNats } from './nats.js';
import { jetstreamManager } from '@nats-io/jetstream';

describe('test kit', () => {
  it('gives each caller its own schema and drops it', async () => {
    const a = await createTestSchema();
    const b = await createTestSchema();
    expect(a.schema).not.toBe(b.schema);
    await a.pool.query('CREATE TABLE thing (id int)');
    await a.pool.query('INSERT INTO thing VALUES (1)');
    await expect(b.pool.query('SELECT * FROM thing')).rejects.toThrow(/does not exist/);
    const { rows } = await a.pool.query<{ s: string }>('SELECT current_schema() AS s');
    expect(rows[0]?.s).toBe(a.schema);
    await a.drop();
    const check = await b.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [a.schema]);
    expect(check.rowCount).toBe(0);
    await b.drop();
  });

  it('cleans up only the streams carrying its prefix', async () => {
    const mine = await createTestNats();
    const other = await createTestNats();
    const jsm = await jetstreamManager(mine.nc);
    await jsm.streams.add({ name: `${mine.prefix}_S`, subjects: [`${mine.prefix}.>`] });
    await jsm.streams.add({ name: `${other.prefix}_S`, subjects: [`${other.prefix}.>`] });
    await mine.cleanup();
    const jsm2 = await jetstreamManager(other.nc);
    const names: string[] = [];
    for await (const n of jsm2.streams.names()) names.push(n);
    expect(names).toContain(`${other.prefix}_S`);
    expect(names).not.toContain(`${mine.prefix}_S`);
    await other.cleanup();
  });
});
