/**
 * The merge of a grow-only list (a workflow run's history or approvals): the
 * union of both sides' entries, which is never a conflict.
 *
 * When one side already holds everything the other does, that side is the
 * answer as it stands (its order kept), so a side that only added entries
 * wins unchanged. Otherwise the union is sorted by the list's order key, so
 * that merging A into B and B into A give the same list on every machine.
 *
 * A side that *dropped* entries gets them back: the list only grows, so a
 * missing entry is a client's mistake, not a change to apply.
 *
 * Two different entries with one key (the same approver deciding one step
 * twice, on two devices) cannot both stay, since the key is what makes an
 * approval unique. The earlier one stands — a decision is made when it is
 * first recorded — with canonical JSON order as the tie-break. The run's
 * `state` then usually differs on the two sides too, which is a conflict a
 * person resolves, so the contradiction does not pass unseen.
 */
import { canonicalize } from '../ledger/canonical-json.ts';
import { jsonEqual } from './equality.ts';
import type { GrowOnlyList } from './policy.ts';

export function mergeGrowOnly(mine: unknown, theirs: unknown, list: GrowOnlyList): unknown[] {
  const left = Array.isArray(mine) ? (mine as unknown[]) : [];
  const right = Array.isArray(theirs) ? (theirs as unknown[]) : [];
  if (jsonEqual(left, right)) return right;
  if (holdsAll(left, right, list)) return left;
  if (holdsAll(right, left, list)) return right;
  const byKey = new Map<string, unknown>();
  for (const entry of [...left, ...right]) {
    const key = list.key(entry);
    const held = byKey.get(key);
    byKey.set(key, held === undefined ? entry : earlier(held, entry, list));
  }
  return [...byKey.values()].sort((a, b) => compareText(list.order(a), list.order(b)));
}

/** True when every entry of `subset` is in `superset`, with the same key and content. */
function holdsAll(superset: readonly unknown[], subset: readonly unknown[], list: GrowOnlyList): boolean {
  const held = new Map(superset.map((entry) => [list.key(entry), entry]));
  return subset.every((entry) => {
    const key = list.key(entry);
    return held.has(key) && jsonEqual(held.get(key), entry);
  });
}

function earlier(a: unknown, b: unknown, list: GrowOnlyList): unknown {
  const byTime = compareText(list.at(a), list.at(b));
  if (byTime !== 0) return byTime < 0 ? a : b;
  return compareText(canonicalize(a), canonicalize(b)) <= 0 ? a : b;
}

/** Code-unit order: the same on every engine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
