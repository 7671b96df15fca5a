import { describe, expect, it } from 'vitest';
import { formatTable } from './report.ts';
import { median, percentile } from './result.ts';

describe('bench statistics', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
  });

  it('prints a table with every result', () => {
    const table = formatTable([{ name: 'a.b', value: 1234567, unit: 'ops/s', better: 'higher' }]);
    expect(table).toContain('a.b');
    expect(table).toContain('1,234,567');
  });
});
