import { describe, expect, it } from 'vitest';
import { eventStoreConfigFromEnv, openEventStore, selectEventStoreBackend } from './factory.js';
import { KurrentEventStore } from './kurrent/store.js';
import { kurrentConnectionString, openKurrentEventStore } from './kurrent/index.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
}

describe('event store selection', () => {
  it('reads DATABASE_URL and EVENTSTORE_URL, an empty one counting as unset', () => {
    expect(eventStoreConfigFromEnv({ DATABASE_URL: 'postgres://db/h', EVENTSTORE_URL: '' })).toEqual({
      databaseUrl: 'postgres://db/h',
      eventStoreUrl: undefined,
    });
    expect(eventStoreConfigFromEnv({ EVENTSTORE_URL: 'kurrentdb://k:2113' })).toEqual({
      databaseUrl: undefined,
      eventStoreUrl: 'kurrentdb://k:2113',
    });
  });

  it('picks KurrentDB when its URL is set, else PostgreSQL, else refuses', () => {
    expect(selectEventStoreBackend({ databaseUrl: 'postgres://db/h', eventStoreUrl: 'kurrentdb://k' })).toBe(
      'kurrentdb',
    );
    expect(selectEventStoreBackend({ databaseUrl: 'postgres://db/h' })).toBe('postgres');
    expect(() => selectEventStoreBackend({})).toThrow(
      expect.objectContaining({ code: 'EVENT_STORE_CONFIG_MISSING' }),
    );
  });

  it('opens the KurrentDB adapter for an EVENTSTORE_URL without needing the server until first use', async () => {
    const store = await openEventStore({
      databaseUrl: 'postgres://unused/h',
      eventStoreUrl: 'kurrentdb://localhost:1?tls=false',
    });
    expect(store).toBeInstanceOf(KurrentEventStore);
    await store.close();
  });

  it('refuses a configuration with neither URL', async () => {
    expect(await codeOf(openEventStore({}))).toBe('EVENT_STORE_CONFIG_MISSING');
  });
});

describe('openKurrentEventStore', () => {
  it('accepts EventStoreDB URLs by translating the scheme', () => {
    expect(kurrentConnectionString('esdb://node:2113?tls=false')).toBe('kurrentdb://node:2113?tls=false');
    expect(kurrentConnectionString('esdb+discover://a,b?tls=true')).toBe('kurrentdb+discover://a,b?tls=true');
    expect(kurrentConnectionString('kurrentdb://n')).toBe('kurrentdb://n');
  });

  it('rejects a malformed URL without echoing it (it may carry a password)', async () => {
    const error: unknown = await openKurrentEventStore({ connectionString: 'http://admin:s3cret@x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'EVENT_STORE_URL_INVALID', kind: 'invalid' });
    expect(JSON.stringify((error as Error).message)).not.toContain('s3cret');
  });

  it('rejects a stream prefix that could collide with system streams or break prefix filters', async () => {
    const open = (streamPrefix: string) =>
      openKurrentEventStore({ connectionString: 'kurrentdb://localhost:1?tls=false', streamPrefix });
    expect(await codeOf(open('$ct-'))).toBe('STREAM_PREFIX_INVALID');
    expect(await codeOf(open('a b'))).toBe('STREAM_PREFIX_INVALID');
    const ok = await open('ct0123-');
    await ok.close();
  });
});
