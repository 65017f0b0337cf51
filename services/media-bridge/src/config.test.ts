import { describeServiceConfig } from '@hotline/platform/testing';
import { ConfigError } from '@hotline/platform/config';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, loadMediaBridgeConfig } from './config.js';

describeServiceConfig('media-bridge', loadMediaBridgeConfig, DEFAULT_PORT);

describe('FS_NODES', () => {
  it('parses name@host:port:password entries (passwords may hold colons)', () => {
    const config = loadMediaBridgeConfig({ FS_NODES: 'fs1@10.0.0.5:8021:s3cret, fs2@fs2.local:8022:a:b' });
    expect(config.fsNodes).toEqual([
      { name: 'fs1', host: '10.0.0.5', port: 8021, password: 's3cret' },
      { name: 'fs2', host: 'fs2.local', port: 8022, password: 'a:b' },
    ]);
    expect(Object.isFrozen(config.fsNodes)).toBe(true);
  });

  it('is optional outside production (health-only) and required in production', () => {
    expect(loadMediaBridgeConfig({}).fsNodes).toEqual([]);
    expect(() => loadMediaBridgeConfig({ NODE_ENV: 'production' })).toThrow(/FS_NODES: missing/);
  });

  it('reports every malformed entry without echoing passwords', () => {
    const load = () =>
      loadMediaBridgeConfig({ FS_NODES: 'fs1@h:99999:pw,@h:1:pw,fs1@h:1:topsecret,fs1@h:2:x' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/entry 1 \(fs1\)[^]*entry 2[^]*used twice/);
    expect(load).not.toThrow(/topsecret/);
  });
});

describe('MEDIA_CALLS_BUCKET', () => {
  it('defaults to hotline_media_calls and rejects names KV cannot use', () => {
    expect(loadMediaBridgeConfig({}).MEDIA_CALLS_BUCKET).toBe('hotline_media_calls');
    expect(loadMediaBridgeConfig({ MEDIA_CALLS_BUCKET: 'calls-eu_1' }).MEDIA_CALLS_BUCKET).toBe('calls-eu_1');
    expect(() => loadMediaBridgeConfig({ MEDIA_CALLS_BUCKET: 'a.b' })).toThrow(ConfigError);
  });
});
