import { describe, expect, it } from 'vitest';
import { ConfigError } from '@hotline/platform/config';
import { loadIvrConfig } from './config.js';

describe('ivr config', () => {
  it('defaults to port 3002 on loopback and local infrastructure', () => {
    const config = loadIvrConfig({});
    expect(config).toMatchObject({
      PORT: 3002,
      HOST: '127.0.0.1',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast listing every bad variable', () => {
    expect(() => loadIvrConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(ConfigError);
    expect(() => loadIvrConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(
      /PORT: invalid value "http"[^]*NATS_URL/,
    );
  });
});
