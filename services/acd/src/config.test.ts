import { describe, expect, it } from 'vitest';
import { ConfigError } from '@hotline/platform/config';
import { loadAcdConfig } from './config.js';

describe('acd config', () => {
  it('defaults to port 3001 on loopback and local infrastructure', () => {
    const config = loadAcdConfig({});
    expect(config).toMatchObject({
      PORT: 3001,
      HOST: '127.0.0.1',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast listing every bad variable', () => {
    expect(() => loadAcdConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(ConfigError);
    expect(() => loadAcdConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(
      /PORT: invalid value "http"[^]*NATS_URL/,
    );
  });
});
