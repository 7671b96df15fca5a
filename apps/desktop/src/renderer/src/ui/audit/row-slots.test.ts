/**
 * The audit table's row slots over random scroll sequences: every row in
 * view has exactly one slot, a row that stays in view keeps its slot, a
 * slot is reused before a new one is made, reused slots keep their DOM
 * place while scrolling, and a settled view lists the rows in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_SLOTS, placeRows, type RowSlots } from './row-slots.ts';

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** A window of rows in view: where it starts and how many rows it holds. */
const windows = fc.array(fc.record({ from: fc.nat(200), count: fc.integer({ min: 0, max: 40 }), settled: fc.boolean() }), { minLength: 1, maxLength: 30 });

describe('placeRows', () => {
  it('gives each row in view one slot, keeps the slots of rows that stay, and reuses before it adds', () => {
    fc.assert(
      fc.property(windows, (steps) => {
        let slots: RowSlots = NO_SLOTS;
        for (const { from, count, settled } of steps) {
          const indices = range(from, count);
          const before = slots;
          slots = placeRows(before, indices, settled);

          expect(slots.order.map(([, index]) => index).sort((a, b) => a - b)).toEqual(indices);
          const used = slots.order.map(([slot]) => slot);
          expect(new Set(used).size).toBe(used.length);
          for (const [slot, index] of before.order) {
            if (indices.includes(index)) expect(slots.order).toContainEqual([slot, index]);
          }
          // New slot numbers only for rows beyond those the previous slots could take.
          expect(slots.next - before.next).toBe(Math.max(0, count - before.order.length));
          expect(used.every((slot) => slot < slots.next)).toBe(true);
          if (settled) expect(slots.order.map(([, index]) => index)).toEqual(indices);
        }
      }),
    );
  });

  it('while scrolling, keeps every slot still shown in its DOM place and adds new ones at the end', () => {
    fc.assert(
      fc.property(windows, (steps) => {
        let slots: RowSlots = NO_SLOTS;
        for (const { from, count } of steps) {
          const before = slots;
          slots = placeRows(before, range(from, count), false);
          const kept = before.order.map(([slot]) => slot).filter((slot) => slots.order.some(([s]) => s === slot));
          const oldPlaces = slots.order.map(([slot]) => slot).filter((slot) => slot < before.next);
          expect(oldPlaces).toEqual(kept);
          const fresh = slots.order.map(([slot]) => slot).slice(oldPlaces.length);
          expect(fresh.every((slot) => slot >= before.next)).toBe(true);
        }
      }),
    );
  });

  it('hands the slots of rows scrolled out to the rows scrolled in', () => {
    const first = placeRows(NO_SLOTS, range(0, 10), true);
    expect(first.order).toEqual(range(0, 10).map((i) => [i, i]));
    const scrolled = placeRows(first, range(3, 10), false);
    // Rows 0–2 left: their slots (0–2) now show rows 10–12, in the same DOM places.
    expect(scrolled.order).toEqual([[0, 10], [1, 11], [2, 12], ...range(3, 7).map((i) => [i, i])]);
    expect(scrolled.next).toBe(10);
    const settled = placeRows(scrolled, range(3, 10), true);
    expect(settled.order).toEqual([...range(3, 7).map((i) => [i, i]), [0, 10], [1, 11], [2, 12]]);
  });
});
