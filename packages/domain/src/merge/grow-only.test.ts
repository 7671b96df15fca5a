import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalKey, historyKey, type Approval } from '../schema/workflows.ts';
import { historyEntryArb, timestampArb } from '../schema/arbitraries.ts';
import { mergeGrowOnly } from './grow-only.ts';
import { MERGE_POLICIES } from './policy.ts';

const { history: HISTORY, approvals: APPROVALS } = MERGE_POLICIES.workflowRuns.growOnly;
if (HISTORY === undefined || APPROVALS === undefined) throw new Error('workflow runs must declare their grow-only lists');

/** Few steps and approvers, so the two sides often hold the same approval, or a different decision under one key. */
const approvalArb: fc.Arbitrary<Approval> = fc.record({
  stepId: fc.constantFrom('manager', 'security'),
  approverId: fc.constantFrom('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'),
  decision: fc.constantFrom('approve' as const, 'reject' as const),
  comment: fc.constantFrom('', 'ok'),
  at: fc.constantFrom('2024-05-01T10:00:00.000Z', '2024-05-01T11:00:00.000Z'),
});
const approvalsArb = fc.uniqueArray(approvalArb, { selector: approvalKey, maxLength: 4 });

describe('grow-only lists', () => {
  it('merge the same whichever side is which, keeping every key once', () => {
    fc.assert(
      fc.property(approvalsArb, approvalsArb, (a, b) => {
        const merged = mergeGrowOnly(a, b, APPROVALS) as Approval[];
        expect(merged).toEqual(mergeGrowOnly(b, a, APPROVALS));
        const keys = merged.map(approvalKey);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set([...a, ...b].map(approvalKey)));
      }),
    );
  });

  it('keep the earliest of two entries with one key', () => {
    fc.assert(
      fc.property(approvalsArb, approvalsArb, (a, b) => {
        const merged = mergeGrowOnly(a, b, APPROVALS) as Approval[];
        for (const kept of merged) {
          const rivals = [...a, ...b].filter((entry) => approvalKey(entry) === approvalKey(kept));
          for (const rival of rivals) expect(kept.at <= rival.at).toBe(true);
        }
      }),
    );
  });

  it('return a side unchanged when it already holds the other side’s entries', () => {
    fc.assert(
      fc.property(fc.uniqueArray(historyEntryArb, { selector: historyKey, maxLength: 6 }), fc.nat(), (entries, cut) => {
        const part = entries.slice(0, cut % (entries.length + 1));
        expect(mergeGrowOnly(entries, part, HISTORY)).toEqual(entries);
        expect(mergeGrowOnly(part, entries, HISTORY)).toEqual(entries);
      }),
    );
  });

  it('sort a union of history chronologically', () => {
    fc.assert(
      fc.property(fc.array(timestampArb, { minLength: 2, maxLength: 6 }), (times) => {
        const entries = [...new Set(times)].map((at) => ({ at, actorId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', event: 'noted', note: '' }));
        const odd = entries.filter((_, i) => i % 2 === 1);
        const even = entries.filter((_, i) => i % 2 === 0);
        if (odd.length === 0) return;
        const merged = mergeGrowOnly(odd, even, HISTORY) as { at: string }[];
        expect(merged.map((e) => e.at)).toEqual([...new Set(times)].sort());
      }),
    );
  });
});
