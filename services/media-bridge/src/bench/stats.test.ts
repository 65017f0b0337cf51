import { describe, expect, it } from 'vitest';
import { EXPECTED_FACTS, factDiff, percentile } from './stats.js';

describe('media bench stats', () => {
  it('counts missing facts as lost and extra ones as duplicated', () => {
    expect(factDiff([...EXPECTED_FACTS])).toEqual({ lost: 0, duplicated: 0 });
    expect(factDiff(EXPECTED_FACTS.slice(0, -1))).toEqual({ lost: 1, duplicated: 0 });
    expect(factDiff([...EXPECTED_FACTS, 'CallAnswered'])).toEqual({ lost: 0, duplicated: 1 });
    expect(factDiff([])).toEqual({ lost: EXPECTED_FACTS.length, duplicated: 0 });
  });

  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([], 99)).toBe(0);
  });
});
