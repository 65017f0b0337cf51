import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { START, comparePositions, parsePosition, positionToString, type GlobalPosition } from './position.js';

const p = (commit: bigint, prepare: bigint): GlobalPosition => ({ commit, prepare });

describe('global positions', () => {
  it('orders by commit, then prepare', () => {
    expect(comparePositions(p(1n, 9n), p(2n, 0n))).toBe(-1);
    expect(comparePositions(p(2n, 0n), p(1n, 9n))).toBe(1);
    expect(comparePositions(p(2n, 1n), p(2n, 3n))).toBe(-1);
    expect(comparePositions(p(2n, 3n), p(2n, 1n))).toBe(1);
    expect(comparePositions(p(2n, 3n), p(2n, 3n))).toBe(0);
  });

  it('puts START before every real position', () => {
    expect(comparePositions(START, p(0n, 0n))).toBe(-1);
    expect(Object.isFrozen(START)).toBe(true);
  });

  it('sorts a shuffled list into pair order', () => {
    const sorted = [p(3n, 1n), p(1n, 5n), p(3n, 0n), p(2n, 9n)].sort(comparePositions);
    expect(sorted.map(positionToString)).toEqual(['1/5', '2/9', '3/0', '3/1']);
  });

  it('round-trips the text form, beyond 2^53', () => {
    const big = p(2n ** 63n - 1n, 18_446_744_073_709_551_615n);
    expect(parsePosition(positionToString(big))).toEqual(big);
    expect(parsePosition(positionToString(START))).toEqual(START);
    expect(positionToString(p(12n, 7n))).toBe('12/7');
  });

  it.each(['', '1', '1/', '/1', '1/2/3', 'a/b', '-2/0', '1.5/0', ' 1/2', '123456789012345678901/0'])(
    'rejects %j with POSITION_INVALID',
    (text) => {
      expect(() => parsePosition(text)).toThrow(ValidationError);
      try {
        parsePosition(text);
      } catch (error) {
        expect((error as ValidationError).code).toBe('POSITION_INVALID');
      }
    },
  );
});
