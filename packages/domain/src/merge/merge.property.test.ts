/**
 * Properties of the three-way merge over random valid documents of every
 * collection: a base, and two sides that each edit a random set of fields
 * with values taken from other random documents (so edits are realistic
 * values of the right shape, sometimes equal to the base by chance).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_ARBITRARIES } from '../schema/arbitraries.ts';
import { COLLECTIONS, fieldsOf, type AnyDocument, type CollectionName } from '../schema/collections.ts';
import { jsonEqual } from './equality.ts';
import { mergeFields } from './merge.ts';
import { MERGE_POLICIES } from './policy.ts';

type Doc = Record<string, unknown>;

interface Scenario {
  readonly base: Doc;
  readonly mine: Doc;
  readonly theirs: Doc;
  /** Fields each side set (possibly to the base's own value). */
  readonly mineEdits: readonly string[];
  readonly theirsEdits: readonly string[];
}

const MUTABLE = COLLECTIONS.filter((c) => !MERGE_POLICIES[c].immutable);
const IMMUTABLE = COLLECTIONS.filter((c) => MERGE_POLICIES[c].immutable);

const editableFields = (collection: CollectionName) =>
  fieldsOf(collection).filter((f) => f !== 'id' && !MERGE_POLICIES[collection].serverSet.includes(f));
const isGrowOnly = (collection: CollectionName, field: string) => MERGE_POLICIES[collection].growOnly[field] !== undefined;

/** A side's edit of one field: the donor's value — or, for a grow-only list, the base's entries plus the donor's new ones. */
function edit(collection: CollectionName, field: string, base: Doc, donor: Doc): unknown {
  const list = MERGE_POLICIES[collection].growOnly[field];
  if (list === undefined) return donor[field];
  const had = base[field] as unknown[];
  const keys = new Set(had.map(list.key));
  return [...had, ...(donor[field] as unknown[]).filter((entry) => !keys.has(list.key(entry)))];
}

/**
 * `disjoint`: the sides never edit the same plain field, and neither edits
 * `_deleted` (grow-only lists may still be edited by both: they never conflict).
 */
function scenarioArb(collection: CollectionName, disjoint = false): fc.Arbitrary<Scenario> {
  const doc = DOCUMENT_ARBITRARIES[collection] as fc.Arbitrary<AnyDocument>;
  const editable = editableFields(collection).filter((f) => !disjoint || f !== '_deleted');
  return fc
    .record({ base: doc, d1: doc, d2: doc, mineFields: fc.subarray(editable), theirsFields: fc.subarray(editable), shared: fc.subarray(editable) })
    .map(({ base: b, d1, d2, mineFields, theirsFields, shared }) => {
      const [base, one, two] = [b as Doc, d1 as Doc, d2 as Doc];
      const theirsOnly = disjoint ? theirsFields.filter((f) => !mineFields.includes(f) || isGrowOnly(collection, f)) : theirsFields;
      const both = disjoint ? [] : shared;
      // The client echoes whatever server fields it has (here: junk); the server has moved on.
      const mine: Doc = { ...base, revision: one['revision'], updatedAt: one['updatedAt'] };
      const theirs: Doc = { ...base, revision: (base['revision'] as number) + 1, updatedAt: two['updatedAt'] };
      for (const f of mineFields) mine[f] = edit(collection, f, base, one);
      for (const f of theirsOnly) theirs[f] = edit(collection, f, base, two);
      for (const f of both) mine[f] = theirs[f] = edit(collection, f, base, one);
      return { base, mine, theirs, mineEdits: [...new Set([...mineFields, ...both])], theirsEdits: [...new Set([...theirsOnly, ...both])] };
    });
}

const merge = (collection: CollectionName, base: Doc | null, mine: Doc, theirs: Doc | null) =>
  // The scenario's documents are documents of `collection`, built field by field from its arbitrary.
  mergeFields(collection, base as AnyDocument | null, mine as AnyDocument, theirs as AnyDocument | null);

const withoutServerFields = (collection: CollectionName, doc: object): Doc =>
  Object.fromEntries(Object.entries(doc).filter(([f]) => !MERGE_POLICIES[collection].serverSet.includes(f)));

/** The conflicts the definition asks for, computed directly from the three states. */
function expectedConflicts(collection: CollectionName, { base, mine, theirs }: Scenario): string[] {
  const changed = (side: Doc, f: string) => !jsonEqual(side[f], base[f]);
  const fields = editableFields(collection);
  const both = fields.filter((f) => !isGrowOnly(collection, f) && changed(mine, f) && changed(theirs, f) && !jsonEqual(mine[f], theirs[f]));
  const mineDeletes = changed(mine, '_deleted');
  const theirsDeletes = changed(theirs, '_deleted');
  const editor = mineDeletes ? theirs : mine;
  const deleteVsEdit = mineDeletes !== theirsDeletes && fields.some((f) => f !== '_deleted' && changed(editor, f));
  return deleteVsEdit ? [...both, '_deleted'] : both;
}

/** The grow-only union the merge must produce when both sides added entries, written out independently. */
function union(field: string, a: readonly Doc[], b: readonly Doc[]): Doc[] {
  const key = (e: Doc) => (field === 'history' ? `${String(e['at'])}|${String(e['actorId'])}|${String(e['event'])}` : `${String(e['stepId'])}|${String(e['approverId'])}`);
  const order = (e: Doc) => (field === 'history' ? key(e) : `${String(e['at'])}|${key(e)}`);
  const byKey = new Map<string, Doc>();
  for (const e of [...a, ...b]) if (!byKey.has(key(e))) byKey.set(key(e), e);
  return [...byKey.values()].sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));
}

describe.each(MUTABLE)('merging %s', (collection) => {
  it('reports a conflict exactly on the fields changed differently on both sides (and on a delete against an edit)', () => {
    fc.assert(
      fc.property(scenarioArb(collection), (scenario) => {
        const result = merge(collection, scenario.base, scenario.mine, scenario.theirs);
        expect(['merged', 'conflict']).toContain(result.kind);
        const reported = result.kind === 'conflict' ? result.conflicts.map((c) => c.field) : [];
        expect([...reported].sort()).toEqual(expectedConflicts(collection, scenario).sort());
        if (result.kind === 'conflict') {
          for (const c of result.conflicts) {
            expect(jsonEqual(c.mine, scenario.mine[c.field])).toBe(true);
            expect(jsonEqual(c.theirs, scenario.theirs[c.field])).toBe(true);
            expect(jsonEqual(c.base, scenario.base[c.field])).toBe(true);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('returns the other side when one side changed nothing', () => {
    fc.assert(
      fc.property(scenarioArb(collection), ({ base, mine, theirs }) => {
        // This side sends the base back unchanged (with its stale server fields): the server's state stands.
        const untouched = { ...base, revision: mine['revision'], updatedAt: mine['updatedAt'] };
        expect(merge(collection, base, untouched, theirs)).toEqual({ kind: 'merged', collection, doc: theirs, changedFields: [] });
        // The server changed nothing but its own fields: this side's edits go through as they are.
        const bumped = { ...base, revision: theirs['revision'], updatedAt: theirs['updatedAt'] };
        const result = merge(collection, base, mine, bumped);
        expect(result.kind).toBe('merged');
        if (result.kind !== 'merged') return;
        expect(result.doc).toEqual({ ...mine, revision: bumped['revision'], updatedAt: bumped['updatedAt'] });
        expect(result.changedFields).toEqual(editableFields(collection).filter((f) => !jsonEqual(mine[f], base[f])));
      }),
      { numRuns: 80 },
    );
  });

  it('merges non-overlapping edits the same in either order, as both edit sets applied to the base', () => {
    fc.assert(
      fc.property(scenarioArb(collection, true), (scenario) => {
        const { base, mine, theirs, mineEdits, theirsEdits } = scenario;
        const forward = merge(collection, base, mine, theirs);
        const backward = merge(collection, base, theirs, mine);
        expect(forward.kind).toBe('merged');
        expect(backward.kind).toBe('merged');
        if (forward.kind !== 'merged' || backward.kind !== 'merged') return;
        expect(withoutServerFields(collection, forward.doc)).toEqual(withoutServerFields(collection, backward.doc));

        const applied: Doc = { ...base, revision: theirs['revision'], updatedAt: theirs['updatedAt'] };
        for (const f of mineEdits) applied[f] = mine[f];
        for (const f of theirsEdits) applied[f] = theirs[f];
        for (const f of mineEdits.filter((g) => theirsEdits.includes(g) && isGrowOnly(collection, g))) {
          const [m, t, b] = [mine[f] as Doc[], theirs[f] as Doc[], base[f] as Doc[]];
          applied[f] = jsonEqual(m, b) ? t : jsonEqual(t, b) ? m : union(f, m, t);
        }
        expect(forward.doc).toEqual(applied);
      }),
      { numRuns: 80 },
    );
  });
});

describe.each(IMMUTABLE)('merging %s', (collection) => {
  it('refuses exactly the writes that change a recorded document, and lets every echo or retry through', () => {
    fc.assert(
      fc.property(scenarioArb(collection), ({ base, mine, theirs: _ignored }) => {
        const stored = { ...base, revision: (base['revision'] as number) + 1 };
        const result = merge(collection, base, mine, stored);
        const changes = editableFields(collection).filter((f) => !jsonEqual(mine[f], base[f]));
        if (changes.length === 0) expect(result).toEqual({ kind: 'merged', collection, doc: stored, changedFields: [] });
        else expect(result.kind === 'immutable' && result.issue.details?.['fields']).toEqual(changes);
      }),
      { numRuns: 100 },
    );
  });
});
