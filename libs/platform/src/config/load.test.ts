import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { isHotlineError } from '@hotline/contracts';
import { ConfigError, loadConfig } from './load.js';
import { serviceConfigSchema } from './pieces.js';

const schema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3001 }),
  RATIO: Type.Number({ default: 0.5 }),
  VERBOSE: Type.Boolean({ default: false }),
  NODES: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
  MODE: Type.Union([Type.Literal('a'), Type.Literal('b')]),
  DB_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
});

function failure(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('coerces strings, fills defaults and ignores other variables', () => {
    const config = loadConfig(schema, {
      PORT: '8080',
      RATIO: '1.25',
      VERBOSE: 'yes',
      NODES: 'fs1:8021, fs2:8021,',
      MODE: 'b',
      UNRELATED: 'x',
    });
    expect(config).toEqual({
      PORT: 8080,
      RATIO: 1.25,
      VERBOSE: true,
      NODES: ['fs1:8021', 'fs2:8021'],
      MODE: 'b',
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig(schema, { PORT: '', MODE: 'a' });
    expect(config.PORT).toBe(3001);
  });

  it('freezes the result deeply', () => {
    const config = loadConfig(schema, { MODE: 'a', NODES: 'x' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.NODES)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it('reports every bad and missing variable at once, readably', () => {
    const error = failure(() =>
      loadConfig(schema, { PORT: '80x', RATIO: 'half', VERBOSE: 'maybe', DB_PASSWORD: 'short' }),
    );
    expect(isHotlineError(error)).toBe(true);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'DB_PASSWORD',
      'MODE',
      'PORT',
      'RATIO',
      'VERBOSE',
    ]);
    expect(error.message).toContain('PORT: invalid value "80x"; expected an integer from 1 to 65535');
    expect(error.message).toContain('MODE: missing; expected one of a, b');
    expect(error.message).toContain('VERBOSE: invalid value "maybe"; expected true/false');
    expect(error.message).toContain('DB_PASSWORD: invalid value (hidden)');
    expect(error.message).not.toContain('short');
  });

  it('masks credentials when echoing a bad URL', () => {
    const error = failure(() =>
      loadConfig(serviceConfigSchema(3001), { DATABASE_URL: 'mysql://root:topsecret@db/x' }),
    );
    expect(error.message).toContain('DATABASE_URL: invalid value "mysql://root:[REDACTED]@db/x"');
    expect(error.message).not.toContain('topsecret');
  });
});

describe('serviceConfigSchema', () => {
  it('defaults to local development infrastructure', () => {
    expect(loadConfig(serviceConfigSchema(3002), {})).toEqual({
      PORT: 3002,
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hotline',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
    });
  });

  it('rejects an unknown log level and a port out of range', () => {
    const error = failure(() => loadConfig(serviceConfigSchema(3002), { LOG_LEVEL: 'loud', PORT: '70000' }));
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['LOG_LEVEL', 'PORT']);
    expect(error.message).toContain('LOG_LEVEL: invalid value "loud"; expected one of fatal, error');
  });

  it('takes an optional KurrentDB URL and refuses anything else there', () => {
    expect(loadConfig(serviceConfigSchema(3001), {}).EVENTSTORE_URL).toBeUndefined();
    const url = 'kurrentdb://es1:2113?tls=false';
    expect(loadConfig(serviceConfigSchema(3001), { EVENTSTORE_URL: url }).EVENTSTORE_URL).toBe(url);
    const error = failure(() =>
      loadConfig(serviceConfigSchema(3001), { EVENTSTORE_URL: 'postgres://db/hotline' }),
    );
    expect(error.issues.map((i) => i.variable)).toEqual(['EVENTSTORE_URL']);
  });
});
