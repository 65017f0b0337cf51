import { describe, expect, it } from 'vitest';
import { ConfigError } from '@hotline/platform/config';
import { loadMediaBridgeConfig } from './config.js';

describe('media-bridge config', () => {
  it('defaults to port 3003 on loopback and local infrastructure', () => {
    const config = loadMediaBridgeConfig({});
    expect(config).toMatchObject({
      PORT: 3003,
      HOST: '127.0.0.1',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast listing every bad variable', () => {
    expect(() => loadMediaBridgeConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(ConfigError);
    expect(() => loadMediaBridgeConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(
      /PORT: invalid value "http"[^]*NATS_URL/,
    );
  });
});
