import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './time-range.ts';

describe('time-range inputs', () => {
  it('turns a local minute into the first or last millisecond of it, in UTC', () => {
    const from = fromLocalInput('2026-02-01T10:30', 'from');
    const to = fromLocalInput('2026-02-01T10:30', 'to');
    expect(from).not.toBeNull();
    expect(Date.parse(to ?? '') - Date.parse(from ?? '')).toBe(59_999);
    expect(new Date(from ?? '').getHours()).toBe(10);
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
  });

  it('round-trips through the input, and reads nothing from empty or bad values', () => {
    expect(toLocalInput(fromLocalInput('2026-12-31T23:59', 'to'))).toBe('2026-12-31T23:59');
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('not a time')).toBe('');
    expect(fromLocalInput('', 'from')).toBeNull();
    expect(fromLocalInput('yesterday', 'to')).toBeNull();
  });
});
