import { FormatRegistry } from '@sinclair/typebox';

// TypeBox leaves string formats to the host; these are the ones the catalogue uses. Every module
// that compiles a schema with a format imports this one first, so no check runs before they exist.

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => uuidRe.test(v));

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the two ASCII digits at `at` (the shape was checked first). */
function twoDigits(v: string, at: number): number {
  return (v.charCodeAt(at) - 48) * 10 + (v.charCodeAt(at + 1) - 48);
}

/**
 * An RFC 3339 date-time that exists: a real calendar day, hours 00–23, minutes and seconds 00–59,
 * offsets up to ±23:59. Stricter than `Date.parse` (which takes 30 February and 24:00) and never
 * more lenient (it refuses a leap second, so this does too), so whatever passes here parses later.
 * Checked field by field instead of by `Date.parse`, which cost as much as the rest of an event's
 * validation.
 */
export function isDateTime(v: string): boolean {
  if (!isoDateTime.test(v)) return false;
  const year = twoDigits(v, 0) * 100 + twoDigits(v, 2);
  const month = twoDigits(v, 5);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  const day = twoDigits(v, 8);
  if (days === undefined || day < 1 || day > days) return false;
  if (twoDigits(v, 11) > 23 || twoDigits(v, 14) > 59 || twoDigits(v, 17) > 59) return false;
  if (v.endsWith('Z')) return true;
  return twoDigits(v, v.length - 5) <= 23 && twoDigits(v, v.length - 2) <= 59;
}

if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', isDateTime);
