import { describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';

const dropped = (schema: string) =>
  Object.assign(new Error(`schema "${schema}" does not exist`), { code: '3F000' });

/** A migrator that fails with the given errors, in turn, then succeeds. */
function migrator(errors: unknown[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    migrateToLatest() {
      const error = errors[calls];
      calls += 1;
      return Promise.resolve(error === undefined ? { results: ['ok'] } : { error });
    },
  };
}

describe('migrateToLatest', () => {
  it('tries again while another schema vanished under the listing, then succeeds', async () => {
    const m = migrator([dropped('other_1'), dropped('other_2')]);
    expect(await migrateToLatest(m, 'mine')).toEqual({ results: ['ok'] });
    expect(m.calls).toBe(3);
  });

  it('does not retry when its own schema is missing, or on any other error', async () => {
    for (const error of [dropped('mine'), Object.assign(new Error('boom'), { code: '42P01' })]) {
      const m = migrator([error]);
      expect(await migrateToLatest(m, 'mine')).toEqual({ error });
      expect(m.calls).toBe(1);
    }
  });

  it('gives up after 20 retries and returns the last error', async () => {
    const errors = Array.from({ length: 30 }, (_, i) => dropped(`other_${i}`));
    const m = migrator(errors);
    expect(await migrateToLatest(m, 'mine')).toEqual({ error: errors[20] });
    expect(m.calls).toBe(21);
  });
});
