import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/index.js';
import type { Env } from '../config/index.js';

/** Every service's config: local defaults on loopback, frozen, and a fail-fast list of bad variables. */
export function describeServiceConfig(name: string, load: (env: Env) => unknown, defaultPort: number): void {
  describe(`${name} config (service conformance)`, () => {
    it(`defaults to port ${defaultPort} on loopback and local infrastructure`, () => {
      const config = load({});
      expect(config).toMatchObject({
        PORT: defaultPort,
        HOST: '127.0.0.1',
        NATS_URL: 'nats://127.0.0.1:4222',
        LOG_LEVEL: 'info',
      });
      expect(Object.isFrozen(config)).toBe(true);
    });

    it('fails fast listing every bad variable', () => {
      const bad = { PORT: 'http', NATS_URL: 'localhost' };
      expect(() => load(bad)).toThrow(ConfigError);
      expect(() => load(bad)).toThrow(/PORT: invalid value "http"[^]*NATS_URL/);
    });
  });
}
