import { describe, expect, it } from 'vitest';
import { StreamHeads } from './heads.js';

describe('StreamHeads', () => {
  describe('base', () => {
    it('puts a no-stream append at revision 0, whether or not a head is remembered', () => {
      // given a stream with a remembered head and one without
      const heads = new StreamHeads(10);
      heads.written('call-known', 4);

      // when / then
      expect(heads.base('call-unknown', 'no-stream')).toBe(0);
      expect(heads.base('call-known', 'no-stream')).toBe(0);
    });

    it('needs a probe for any, exists and a number when no head is remembered', () => {
      // given nothing remembered
      const heads = new StreamHeads(10);

      // when / then
      expect(heads.base('call-a', 'any')).toBeUndefined();
      expect(heads.base('call-a', 'exists')).toBeUndefined();
      expect(heads.base('call-a', 0)).toBeUndefined();
      expect(heads.base('call-a', 7)).toBeUndefined();
    });

    it('puts any and exists right after the remembered head', () => {
      // given a remembered head of 4
      const heads = new StreamHeads(10);
      heads.written('call-a', 4);

      // when / then
      expect(heads.base('call-a', 'any')).toBe(5);
      expect(heads.base('call-a', 'exists')).toBe(5);
    });

    it('puts a numeric expectation right after the head only when it equals the remembered head', () => {
      // given a remembered head of 4
      const heads = new StreamHeads(10);
      heads.written('call-a', 4);

      // when / then: equal → head + 1
      expect(heads.base('call-a', 4)).toBe(5);
      // below the head: a sure conflict, decided by the probing path
      expect(heads.base('call-a', 3)).toBeUndefined();
      expect(heads.base('call-a', 0)).toBeUndefined();
      // above the head: another writer may have caught up, so the head must be probed
      expect(heads.base('call-a', 5)).toBeUndefined();
      expect(heads.base('call-a', 9)).toBeUndefined();
    });

    it('keeps streams apart', () => {
      // given two streams with different heads
      const heads = new StreamHeads(10);
      heads.written('call-a', 1);
      heads.written('call-b', 8);

      // when / then
      expect(heads.base('call-a', 'any')).toBe(2);
      expect(heads.base('call-b', 'any')).toBe(9);
      expect(heads.base('call-b', 1)).toBeUndefined();
      expect(heads.base('call-a', 8)).toBeUndefined();
      expect(heads.base('call-c', 'any')).toBeUndefined();
    });
  });

  describe('written', () => {
    it('replaces the remembered head of a stream', () => {
      // given a remembered head of 2
      const heads = new StreamHeads(10);
      heads.written('call-a', 2);

      // when a later commit wrote up to 6
      heads.written('call-a', 6);

      // then the new head counts and the old one no longer does
      expect(heads.base('call-a', 'any')).toBe(7);
      expect(heads.base('call-a', 6)).toBe(7);
      expect(heads.base('call-a', 2)).toBeUndefined();
      expect(heads.size).toBe(1);
    });

    it('remembers revision 0 (a new stream) as a head', () => {
      // given / when
      const heads = new StreamHeads(10);
      heads.written('call-a', 0);

      // then
      expect(heads.base('call-a', 0)).toBe(1);
      expect(heads.base('call-a', 'exists')).toBe(1);
    });

    it('moves a rewritten stream to the most recently used end', () => {
      // given a full set of three, a written first
      const heads = new StreamHeads(3);
      heads.written('call-a', 0);
      heads.written('call-b', 0);
      heads.written('call-c', 0);

      // when a is written again, then a fourth stream arrives
      heads.written('call-a', 1);
      heads.written('call-d', 0);

      // then b (now the least recently written) is the one forgotten, not a
      expect(heads.base('call-b', 'any')).toBeUndefined();
      expect(heads.base('call-a', 'any')).toBe(2);
      expect(heads.base('call-c', 'any')).toBe(1);
      expect(heads.base('call-d', 'any')).toBe(1);
      expect(heads.size).toBe(3);
    });
  });

  describe('capacity', () => {
    it('forgets the least recently written streams first, one per new stream beyond capacity', () => {
      // given a capacity of 2, filled in order a, b
      const heads = new StreamHeads(2);
      heads.written('call-a', 3);
      heads.written('call-b', 5);
      expect(heads.size).toBe(2);

      // when c arrives
      heads.written('call-c', 7);

      // then a is forgotten, b and c are kept
      expect(heads.size).toBe(2);
      expect(heads.base('call-a', 'any')).toBeUndefined();
      expect(heads.base('call-a', 3)).toBeUndefined();
      expect(heads.base('call-b', 'any')).toBe(6);
      expect(heads.base('call-c', 'any')).toBe(8);

      // when d arrives
      heads.written('call-d', 0);

      // then b goes next
      expect(heads.size).toBe(2);
      expect(heads.base('call-b', 'any')).toBeUndefined();
      expect(heads.base('call-c', 'any')).toBe(8);
      expect(heads.base('call-d', 'any')).toBe(1);
    });

    it('does not evict when a remembered stream is updated at capacity', () => {
      // given a full set of two
      const heads = new StreamHeads(2);
      heads.written('call-a', 0);
      heads.written('call-b', 0);

      // when an already remembered stream is written again
      heads.written('call-b', 1);

      // then both are still remembered
      expect(heads.size).toBe(2);
      expect(heads.base('call-a', 'any')).toBe(1);
      expect(heads.base('call-b', 'any')).toBe(2);
    });
  });

  describe('forget', () => {
    it('forgets one stream, so its appends are probed again, and leaves the others', () => {
      // given two remembered streams
      const heads = new StreamHeads(10);
      heads.written('call-a', 3);
      heads.written('call-b', 4);

      // when a is forgotten
      heads.forget('call-a');

      // then a needs a probe, b is still known, no-stream still goes to 0
      expect(heads.base('call-a', 'any')).toBeUndefined();
      expect(heads.base('call-a', 'exists')).toBeUndefined();
      expect(heads.base('call-a', 3)).toBeUndefined();
      expect(heads.base('call-a', 'no-stream')).toBe(0);
      expect(heads.base('call-b', 'any')).toBe(5);
      expect(heads.size).toBe(1);
    });

    it('ignores a stream it does not remember', () => {
      // given
      const heads = new StreamHeads(10);
      heads.written('call-a', 3);

      // when
      heads.forget('call-unknown');

      // then
      expect(heads.size).toBe(1);
      expect(heads.base('call-a', 'any')).toBe(4);
    });

    it('frees room: a forgotten stream no longer counts toward capacity', () => {
      // given a full set of two
      const heads = new StreamHeads(2);
      heads.written('call-a', 0);
      heads.written('call-b', 0);

      // when a is forgotten and c arrives
      heads.forget('call-a');
      heads.written('call-c', 0);

      // then b is kept
      expect(heads.base('call-b', 'any')).toBe(1);
      expect(heads.base('call-c', 'any')).toBe(1);
      expect(heads.size).toBe(2);
    });
  });
});
