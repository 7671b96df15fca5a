/**
 * Which DOM row shows which virtual row. A scroll step brings a few rows
 * into view and takes as many out: instead of unmounting the rows that left
 * and mounting new ones (new elements: style, layout objects, React fibers),
 * the rows that left are handed to the rows that came, so React only
 * changes their text and attributes. A row that stays in view keeps its
 * slot and is not redrawn at all.
 *
 * A reused slot keeps its place in the DOM, so while scrolling the DOM
 * order of the rows is not their visual order (each row is positioned by
 * its own transform). Once the scroll has settled, `settled` puts the
 * slots back in row order, so screen readers and anything reading the rows
 * in document order see them in order.
 */
export interface RowSlots {
  /** Slot → the row index it shows, in DOM order. */
  readonly order: readonly (readonly [slot: number, index: number])[];
  /** The next unused slot number. */
  readonly next: number;
}

export const NO_SLOTS: RowSlots = { order: [], next: 0 };

/**
 * The slots for the row indices now in view (`indices` ascending): rows
 * already shown keep their slots, slots of rows gone are reused by the rows
 * that came in, new slots only when more rows are shown than before.
 * `settled`: the slots are listed in row order (the DOM is reordered once).
 */
export function placeRows(previous: RowSlots, indices: readonly number[], settled: boolean): RowSlots {
  const wanted = new Set(indices);
  const kept = new Set<number>();
  const free: number[] = [];
  for (const [slot, index] of previous.order) {
    if (wanted.has(index)) kept.add(index);
    else free.push(slot);
  }
  const incoming = indices.filter((index) => !kept.has(index));
  const given = new Map<number, number>();
  let next = previous.next;
  const added: (readonly [number, number])[] = [];
  for (const index of incoming) {
    const slot = free.shift();
    if (slot === undefined) added.push([next++, index]);
    else given.set(slot, index);
  }
  const order: (readonly [number, number])[] = [];
  for (const entry of previous.order) {
    const [slot, index] = entry;
    if (wanted.has(index)) order.push(entry);
    else {
      const reused = given.get(slot);
      if (reused !== undefined) order.push([slot, reused]);
    }
  }
  order.push(...added);
  if (settled) order.sort((a, b) => a[1] - b[1]);
  return { order, next };
}
