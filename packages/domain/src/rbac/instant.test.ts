import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoInstant, parseIsoInstant, startOfUtcDay, startOfUtcMonth, toMillis } from './instant.ts';

// Reference values computed once with Date.parse (the domain itself may not use Date).
const KNOWN: [string, number][] = [
  ['1970-01-01T00:00:00.000Z', 0],
  ['2025-06-01T12:00:00.000Z', 1_748_779_200_000],
  ['2024-02-29T23:59:59.999Z', 1_709_251_199_999],
  ['2000-03-01T00:00:00Z', 951_868_800_000],
  ['1969-12-31T23:59:59.999Z', -1],
  ['9999-12-31T23:59:59.999Z', 253_402_300_799_999],
];

describe('parseIsoInstant', () => {
  it.each(KNOWN)('reads %s', (text, ms) => {
    expect(parseIsoInstant(text)).toBe(ms);
  });

  it('applies offsets and accepts minutes-only and long fractions', () => {
    expect(parseIsoInstant('2025-06-01T14:00:00.000+02:00')).toBe(1_748_779_200_000);
    expect(parseIsoInstant('2025-06-01T07:30-04:30')).toBe(1_748_779_200_000);
    expect(parseIsoInstant('2025-06-01T12:00:00.123456789Z')).toBe(1_748_779_200_123);
    expect(parseIsoInstant('2025-06-01T12:00:00.5Z')).toBe(1_748_779_200_500);
  });

  it.each([
    '',
    '2025-06-01',
    '2025-06-01T12:00:00',
    '2025-06-01 12:00:00Z',
    '2025-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-00-01T00:00:00Z',
    '2025-06-01T24:00:00Z',
    '2025-06-01T23:60:00Z',
    '2025-06-01T23:59:60Z',
    '2025-06-01T12:00:00+24:00',
    '2025-06-01t12:00:00z',
    'June 1, 2025',
    '1748779200000',
  ])('refuses %j with NaN', (text) => {
    expect(parseIsoInstant(text)).toBeNaN();
  });
});

describe('toMillis', () => {
  it('passes finite numbers through and turns anything else into NaN', () => {
    expect(toMillis(5)).toBe(5);
    expect(toMillis(Number.NaN)).toBeNaN();
    expect(toMillis(Number.POSITIVE_INFINITY)).toBeNaN();
    expect(toMillis('2025-06-01T12:00:00.000Z')).toBe(1_748_779_200_000);
    expect(toMillis('soon')).toBeNaN();
  });
});

describe('formatIsoInstant', () => {
  it.each(KNOWN.filter(([text]) => text.length === 24))('writes %s', (text, ms) => {
    expect(formatIsoInstant(ms)).toBe(text);
  });

  it('round-trips through parseIsoInstant for every millisecond of years 0–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(parseIsoInstant(formatIsoInstant(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes expanded years outside 0–9999 and refuses non-finite input', () => {
    expect(formatIsoInstant(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z');
    expect(() => formatIsoInstant(Number.NaN)).toThrow(RangeError);
  });
});

describe('startOfUtcDay / startOfUtcMonth', () => {
  it('round down to the UTC day and month', () => {
    const ms = parseIsoInstant('2024-02-29T13:14:15.016Z');
    expect(formatIsoInstant(startOfUtcDay(ms))).toBe('2024-02-29T00:00:00.000Z');
    expect(formatIsoInstant(startOfUtcMonth(ms))).toBe('2024-02-01T00:00:00.000Z');
  });
});
