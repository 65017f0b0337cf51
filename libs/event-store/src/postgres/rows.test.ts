import { EventStoreUnavailableError, type ExpectedRevision } from '../port.js';
import { ValidationError } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { isRetryableConflict, isUnavailable, toStoreError } from './errors.js';
import { encodeExpected, filterParams, likePrefix, positionParams, revisionMatches } from './rows.js';

describe('expected revisions', () => {
  // The batch statement reads the encoding; revisionMatches is the same rule in TypeScript.
  const sqlRule = (code: number, actual: number | 'no-stream'): boolean =>
    code === -3 ||
    (code === -2 && actual !== 'no-stream') ||
    (code === -1 && actual === 'no-stream') ||
    (code >= 0 && actual === code);

  it.each<ExpectedRevision>(['any', 'exists', 'no-stream', 0, 1, 7])(
    'encodes %s as the statement reads it',
    (e) => {
      for (const actual of ['no-stream', 0, 1, 7] as const) {
        expect(sqlRule(encodeExpected(e), actual)).toBe(revisionMatches(e, actual));
      }
    },
  );
});

describe('filters and positions', () => {
  it('escapes LIKE wildcards so a prefix only matches itself', () => {
    expect(likePrefix('call-')).toBe('call-%');
    expect(likePrefix('a_b%c\\')).toBe('a\\_b\\%c\\\\%');
  });

  it('treats a missing or empty list as no constraint', () => {
    expect(filterParams(undefined)).toEqual({ hasPrefixes: false, hasTypes: false, values: [] });
    expect(filterParams({ streamPrefixes: [], eventTypes: [] })).toEqual({
      hasPrefixes: false,
      hasTypes: false,
      values: [],
    });
    expect(filterParams({ eventTypes: ['CallAnswered'] })).toEqual({
      hasPrefixes: false,
      hasTypes: true,
      values: [['CallAnswered']],
    });
    expect(filterParams({ streamPrefixes: ['call-'], eventTypes: ['X'] }).values).toEqual([
      ['call-%'],
      ['X'],
    ]);
  });

  it('reads from the start for no checkpoint and for START', () => {
    expect(positionParams(undefined)).toEqual(['0', '0']);
    expect(positionParams({ commit: -1n, prepare: -1n })).toEqual(['0', '0']);
    expect(positionParams({ commit: 12345678901234n, prepare: 7n })).toEqual(['12345678901234', '7']);
  });
});

describe('database errors', () => {
  const pgError = (code: string) => Object.assign(new Error('db'), { code });

  it('calls connection, resource and shutdown failures unavailable, wrapping the cause', () => {
    for (const error of [
      pgError('08006'),
      pgError('57P01'),
      pgError('53300'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(isUnavailable(error)).toBe(true);
      const wrapped = toStoreError(error, 'append');
      expect(wrapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((wrapped as Error).cause).toBe(error);
    }
  });

  it('passes typed errors and request errors through unchanged', () => {
    const typed = new ValidationError('X', 'bad');
    expect(toStoreError(typed, 'append')).toBe(typed);
    const syntax = pgError('42601');
    expect(isUnavailable(syntax)).toBe(false);
    expect(toStoreError(syntax, 'append')).toBe(syntax);
    expect(isUnavailable(new TypeError('x is undefined'))).toBe(false);
  });

  it('retries a batch one by one after a unique violation or a deadlock only', () => {
    expect(isRetryableConflict(pgError('23505'))).toBe(true);
    expect(isRetryableConflict(pgError('40P01'))).toBe(true);
    expect(isRetryableConflict(pgError('23502'))).toBe(false);
    expect(isRetryableConflict(new Error('x'))).toBe(false);
  });
});
