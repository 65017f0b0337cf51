import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('main configuration', () => {
  it('requires a password and defaults the rest', () => {
    expect(() => readConfig({})).toThrow(/FS_SIM_ESL_PASSWORD is required/);
    expect(readConfig({ FS_SIM_ESL_PASSWORD: 's3cret' })).toEqual({
      eslHost: '127.0.0.1',
      eslPort: 8021,
      eslPassword: 's3cret',
      controlHost: '127.0.0.1',
      controlPort: 8022,
      clock: 'scaled',
      timeScale: 1,
      scenarioPath: undefined,
      traffic: false,
      hostname: 'fs-sim',
    });
  });

  it('rejects bad values', () => {
    const base = { FS_SIM_ESL_PASSWORD: 'x' };
    expect(() => readConfig({ ...base, FS_SIM_ESL_PORT: '70000' })).toThrow(/FS_SIM_ESL_PORT/);
    expect(() => readConfig({ ...base, FS_SIM_TIME_SCALE: '0' })).toThrow(/FS_SIM_TIME_SCALE/);
    expect(() => readConfig({ ...base, FS_SIM_CLOCK: 'fast' })).toThrow(/FS_SIM_CLOCK/);
    expect(readConfig({ ...base, FS_SIM_TIME_SCALE: '100', FS_SIM_TRAFFIC: 'on' })).toMatchObject({
      timeScale: 100,
      traffic: true,
    });
  });
});
