import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '@hotline/test-kit';
import { EXIT, runCli } from './run.js';

let schema: TestSchema;

beforeAll(async () => {
  schema = await createTestSchema({ prefix: 'cli' });
});

afterAll(async () => {
  await schema.drop();
});

async function hotline(...argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { DATABASE_URL: schema.url },
  );
  return { code, out, err: err.join('\n') };
}

describe('hotline CLI', () => {
  it('explains a missing database setup before migrate', async () => {
    const res = await hotline('tenants', 'list');
    expect(res.code).toBe(EXIT.failure);
    expect(res.err).toContain('run `hotline migrate` first');
  });

  it('migrates, idempotently', async () => {
    const first = await hotline('migrate');
    expect(first.code).toBe(EXIT.ok);
    expect(first.err).toContain('Applied 0001_tenants_and_api_keys');
    const again = await hotline('migrate');
    expect([again.code, again.err]).toEqual([EXIT.ok, 'Platform tables are up to date.']);
  });

  it('creates and lists tenants, refusing bad and duplicate ids', async () => {
    expect((await hotline('tenants', 'create', 'acme', '--name', 'Acme Corp')).out).toEqual(['acme']);
    const dup = await hotline('tenants', 'create', 'acme');
    expect([dup.code, dup.err]).toEqual([EXIT.conflict, 'hotline: Tenant acme already exists']);
    const bad = await hotline('tenants', 'create', 'Not_OK');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('Invalid tenant id "Not_OK"');
    const list = await hotline('tenants', 'list');
    expect(list.out[0]).toMatch(/^ID\s+NAME\s+CREATED$/);
    expect(list.out[1]).toMatch(/^acme\s+Acme Corp\s+\d{4}-/);
  });

  it('creates a key once, lists it without the secret, and revokes it', async () => {
    const created = await hotline(
      'keys',
      'create',
      '--tenant',
      'acme',
      '--role',
      'supervisor',
      '--name',
      'wall',
    );
    expect(created.code).toBe(EXIT.ok);
    const [key] = created.out;
    expect(key).toMatch(/^hl_[0-9a-f]{16}_[0-9a-f]{64}$/);
    expect(created.err).toContain('shown only once');
    const keyId = key!.split('_')[1]!;
    const secret = key!.split('_')[2]!;
    const listed = await hotline('keys', 'list', '--tenant', 'acme');
    expect(listed.out[1]).toMatch(new RegExp(`^${keyId}\\s+supervisor\\s+wall\\s+\\S+\\s+-\\s+-$`));
    expect(listed.out.join('\n')).not.toContain(secret);
    const revoked = await hotline('keys', 'revoke', keyId);
    expect([revoked.code, revoked.out]).toEqual([EXIT.ok, [keyId]]);
    expect((await hotline('keys', 'list', '--tenant', 'acme')).out[1]).not.toMatch(/-$/);
  });

  it('reports bad input with clear messages and exit codes', async () => {
    const cases: [string[], number, string][] = [
      [
        ['keys', 'create', '--tenant', 'nobody', '--role', 'admin'],
        EXIT.notFound,
        'Tenant "nobody" does not exist',
      ],
      [['keys', 'create', '--tenant', 'acme', '--role', 'root'], EXIT.usage, 'Invalid role "root"'],
      [['keys', 'create', '--role', 'admin'], EXIT.usage, 'missing --tenant'],
      [['keys', 'list', '--tenant', 'nobody'], EXIT.notFound, 'Tenant "nobody" does not exist'],
      [['keys', 'revoke', 'ffffffffffffffff'], EXIT.notFound, 'does not exist'],
      [['keys', 'revoke'], EXIT.usage, 'expected one key id'],
      [['tenants', 'delete', 'x'], EXIT.usage, 'unknown command "tenants delete"'],
      [['tenants', 'list', '--bogus'], EXIT.usage, "Unknown option '--bogus'"],
      [[], EXIT.usage, 'Usage: hotline'],
    ];
    for (const [argv, code, message] of cases) {
      const res = await hotline(...argv);
      expect([argv, res.code]).toEqual([argv, code]);
      expect(res.err).toContain(message);
    }
  });

  it('prints help on --help and refuses a malformed DATABASE_URL', async () => {
    const help = await hotline('--help');
    expect([help.code, help.out[0]]).toEqual([EXIT.ok, expect.stringContaining('Usage: hotline')]);
    const out: string[] = [];
    const code = await runCli(
      ['tenants', 'list'],
      { out: (l) => out.push(l), err: (l) => out.push(l) },
      {
        DATABASE_URL: 'mysql://x',
      },
    );
    expect(code).toBe(EXIT.usage);
    expect(out.join('\n')).toContain('DATABASE_URL: invalid value "mysql://x"');
  });
});
