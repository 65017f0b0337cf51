import type { GlobalPosition, RecordedEvent } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { isHeld, nextCursor, type Page } from './page.js';

const at = (commit: number, prepare: number): GlobalPosition => ({
  commit: BigInt(commit),
  prepare: BigInt(prepare),
});
const event = (p: GlobalPosition) => ({ globalPosition: p }) as RecordedEvent;

function page(events: GlobalPosition[], scanned: GlobalPosition | undefined, exhausted = true): Page {
  return { events: events.map(event), horizon: 100n, head: undefined, scanned, exhausted };
}

describe('nextCursor', () => {
  it('continues after the last event of a full page, not after what the window looked at', () => {
    expect(nextCursor(page([at(5, 1), at(5, 2)], at(9, 9), false), 2, undefined)).toEqual(at(5, 2));
  });

  it('skips what a filtered page looked at when the page is not full', () => {
    expect(nextCursor(page([at(5, 1)], at(9, 9), false), 2, undefined)).toEqual(at(9, 9));
    expect(nextCursor(page([], at(9, 9)), 2, at(3, 3))).toEqual(at(9, 9));
  });

  it('stays put when nothing was looked at, and never moves back', () => {
    expect(nextCursor(page([], undefined), 2, at(3, 3))).toEqual(at(3, 3));
    expect(nextCursor(page([], at(2, 9)), 2, at(3, 3))).toEqual(at(3, 3));
    expect(nextCursor(page([], undefined), 2, undefined)).toBeUndefined();
  });
});

describe('isHeld', () => {
  it('is true when the newest visible row is at or above the horizon', () => {
    expect(isHeld({ ...page([], undefined), head: 100n })).toBe(true);
    expect(isHeld({ ...page([], undefined), head: 99n })).toBe(false);
    expect(isHeld(page([], undefined))).toBe(false);
  });
});
