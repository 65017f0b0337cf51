import { describe, expect, it } from 'vitest';
import { isDateTime } from './formats.js';

describe('date-time format', () => {
  it.each([
    '2026-03-02T09:00:00Z',
    '2026-03-02T09:00:00.1Z',
    '2026-03-02T09:00:00.123456789Z',
    '2026-03-02T10:00:00.123456+01:00',
    '2026-03-02T10:00:00-23:59',
    '2024-02-29T00:00:00Z',
    '2000-02-29T23:59:59Z',
    '2026-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
  ])('accepts %s', (value) => {
    expect(isDateTime(value)).toBe(true);
  });

  it.each([
    ['yesterday'],
    ['2026-02-30 09:00'],
    ['2026-03-02t09:00:00Z'],
    ['2026-03-02T09:00:00z'],
    ['2026-03-02T09:00:00'],
    ['2026-03-02T09:00:00.Z'],
    ['2026-03-02T09:00:00.1234567890Z'],
    ['2026-02-29T00:00:00Z'],
    ['1900-02-29T00:00:00Z'],
    ['2026-02-30T00:00:00Z'],
    ['2026-04-31T00:00:00Z'],
    ['2026-00-10T00:00:00Z'],
    ['2026-13-01T00:00:00Z'],
    ['2026-01-00T00:00:00Z'],
    ['2026-01-32T00:00:00Z'],
    ['2026-03-02T24:00:00Z'],
    ['2026-03-02T25:00:00Z'],
    ['2026-03-02T23:60:00Z'],
    ['2026-03-02T23:59:60Z'],
    ['2026-03-02T09:00:00+24:00'],
    ['2026-03-02T09:00:00+23:60'],
    ['2026-03-02T09:00:00+0100'],
    ['２０２６-03-02T09:00:00Z'],
  ])('refuses %s', (value) => {
    expect(isDateTime(value)).toBe(false);
  });

  it('accepts nothing Date.parse refuses, and every real instant it accepts', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i += 1) {
      // Fields drawn a little past their ranges, so both sides of every limit come up.
      const offset = next(3) === 0 ? 'Z' : `${next(2) === 0 ? '+' : '-'}${pad(next(26))}:${pad(next(62))}`;
      const value =
        `${pad(1900 + next(250), 4)}-${pad(next(14))}-${pad(next(33))}T` +
        `${pad(next(26))}:${pad(next(62))}:${pad(next(62))}${next(2) === 0 ? '.5' : ''}${offset}`;
      const parsed = Date.parse(value);
      if (isDateTime(value)) expect(parsed, value).not.toBeNaN();
      const [date = '', time = ''] = value.split('T');
      const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
      const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d && m >= 1 && m <= 12 && d >= 1;
      const inRange =
        Number(time.slice(0, 2)) < 24 && Number(time.slice(3, 5)) < 60 && Number(time.slice(6, 8)) < 60;
      const offsetOk = offset === 'Z' || (Number(offset.slice(1, 3)) < 24 && Number(offset.slice(4, 6)) < 60);
      expect(isDateTime(value), value).toBe(real && inRange && offsetOk);
    }
  });
});
