import { describe, expect, it } from 'vitest';
import { ConfigError } from '@hotline/platform/config';
import { loadProjectionsConfig } from './config.js';

describe('projections config', () => {
  it('defaults to port 3004 on loopback and local infrastructure', () => {
    const config = loadProjectionsConfig({});
    expect(config).toMatchObject({
      PORT: 3004,
      HOST: '127.0.0.1',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast listing every bad variable', () => {
    expect(() => loadProjectionsConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(ConfigError);
    expect(() => loadProjectionsConfig({ PORT: 'http', NATS_URL: 'localhost' })).toThrow(
      /PORT: invalid value "http"[^]*NATS_URL/,
    );
  });
});
