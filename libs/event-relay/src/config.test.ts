import { describe, expect, it } from 'vitest';
import { parseRelayEnv } from './config.js';

describe('parseRelayEnv', () => {
  it('fills defaults around the one required setting', () => {
    const config = parseRelayEnv({ DATABASE_URL: 'postgres://db/hotline' });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://db/hotline',
      eventStoreUrl: undefined,
      natsUrl: 'nats://127.0.0.1:4222',
      streamName: 'HOTLINE_EVENTS',
      subjectPrefix: 'hl',
      leaseBucket: 'hotline_relay_lease',
      leaseTtlMs: 10_000,
      maxInFlight: 256,
      logLevel: 'info',
    });
    expect(config.instanceId).toMatch(/-\d+$/);
  });

  it('takes every setting from the environment', () => {
    const config = parseRelayEnv({
      EVENTSTORE_URL: 'kurrentdb://k:2113?tls=false',
      NATS_URL: 'nats://n1:4222,nats://n2:4222',
      RELAY_STREAM: 't1_HOTLINE_EVENTS',
      RELAY_SUBJECT_PREFIX: 't1.hl',
      RELAY_LEASE_BUCKET: 't1_lease',
      RELAY_CHECKPOINT_BUCKET: 't1_checkpoint',
      RELAY_LEASE_TTL_MS: '1500',
      RELAY_INSTANCE_ID: 'relay-a',
      RELAY_MAX_IN_FLIGHT: '32',
      LOG_LEVEL: 'debug',
    });
    expect(config).toEqual({
      databaseUrl: undefined,
      eventStoreUrl: 'kurrentdb://k:2113?tls=false',
      natsUrl: 'nats://n1:4222,nats://n2:4222',
      streamName: 't1_HOTLINE_EVENTS',
      subjectPrefix: 't1.hl',
      leaseBucket: 't1_lease',
      checkpointBucket: 't1_checkpoint',
      leaseTtlMs: 1500,
      instanceId: 'relay-a',
      maxInFlight: 32,
      logLevel: 'debug',
    });
  });

  it('reports every invalid setting at once', () => {
    let error: unknown;
    try {
      parseRelayEnv({
        RELAY_STREAM: 'a.b',
        RELAY_SUBJECT_PREFIX: 'hl.>',
        RELAY_LEASE_TTL_MS: '10',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'RELAY_CONFIG_INVALID', kind: 'invalid' });
    const paths = (error as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path);
    expect(paths.sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'RELAY_LEASE_TTL_MS',
      'RELAY_STREAM',
      'RELAY_SUBJECT_PREFIX',
    ]);
  });
});
