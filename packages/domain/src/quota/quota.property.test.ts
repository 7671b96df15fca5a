/**
 * The quota check agrees with brute force: random documents, random writes
 * applied one by one (as a server applies pushed rows), and after each write
 * a recount from scratch — written here independently of usage.ts — decides
 * what the check must have decided.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role, User } from '../schema/identity.ts';
import type { ReportRun } from '../schema/reports.ts';
import type { Workflow } from '../schema/workflows.ts';
import { DOCUMENT_ARBITRARIES } from '../schema/arbitraries.ts';
import { checkQuota } from './check.ts';
import { PLAN_IDS, limitsFor, type TenantLimits } from './plans.ts';
import { DOCUMENT_COUNTERS, deltaOf, usageOf, type DocumentCounter, type DocumentUsage } from './usage.ts';
import { OTHER_TENANT, TENANT, reportRun, role, user, workflow } from './test-documents.ts';

type Counted = { collection: 'users'; doc: User } | { collection: 'roles'; doc: Role } | { collection: 'workflows'; doc: Workflow } | { collection: 'reportRuns'; doc: ReportRun };

/** Brute force: the documented counting rules, spelled out as filters over the whole state. */
function recount(state: ReadonlyMap<string, Counted>, now: string): DocumentUsage {
  const all = [...state.values()];
  const mine = (entry: Counted) => entry.doc.tenantId === TENANT;
  const users = all.flatMap((e) => (e.collection === 'users' && mine(e) ? [e.doc] : []));
  const roles = all.flatMap((e) => (e.collection === 'roles' && mine(e) ? [e.doc] : []));
  const workflows = all.flatMap((e) => (e.collection === 'workflows' && mine(e) ? [e.doc] : []));
  const runs = all.flatMap((e) => (e.collection === 'reportRuns' && mine(e) ? [e.doc] : []));
  // Timestamps are fixed-width UTC, so "same calendar month" is "same YYYY-MM prefix".
  const month = now.slice(0, 7);
  return {
    seats: users.filter((u) => !u._deleted && (u.status === 'active' || u.status === 'invited')).length,
    roles: roles.filter((r) => !r._deleted && !r.builtIn).length,
    workflows: workflows.filter((w) => !w._deleted).length,
    reportRunsPerMonth: runs.filter((r) => r.status === 'succeeded' && r.generatedAt.slice(0, 7) === month).length,
    storageBytes: runs.filter((r) => !r._deleted).reduce((sum, r) => sum + r.sizeBytes, 0),
  };
}

function docsOf(state: ReadonlyMap<string, Counted>) {
  const all = [...state.values()];
  return {
    users: all.flatMap((e) => (e.collection === 'users' ? [e.doc] : [])),
    roles: all.flatMap((e) => (e.collection === 'roles' ? [e.doc] : [])),
    workflows: all.flatMap((e) => (e.collection === 'workflows' ? [e.doc] : [])),
    reportRuns: all.flatMap((e) => (e.collection === 'reportRuns' ? [e.doc] : [])),
  };
}

const NOWS = ['2024-05-15T12:00:00.000Z', '2024-02-29T23:59:59.999Z', '2024-03-01T00:00:00.000Z', '2023-12-31T23:59:59.999Z'];
/** Around every month boundary the clocks above sit on, so runs fall just inside and just outside the month. */
const GENERATED = [
  '2024-05-01T00:00:00.000Z', '2024-04-30T23:59:59.999Z', '2024-05-31T23:59:59.999Z', '2024-06-01T00:00:00.000Z',
  '2024-02-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2024-03-01T00:00:00.000Z', '2023-12-01T00:00:00.000Z',
  '2024-01-01T00:00:00.000Z', '2023-12-31T23:59:59.999Z',
];

const tenantArb = fc.constantFrom<string | null>(TENANT, TENANT, TENANT, OTHER_TENANT, null);
const slotArb = fc.nat({ max: 9 });
/** Mostly live documents, so tenants fill up and go over their (small) limits. */
const deletedArb = fc.constantFrom(false, false, false, true);

/** One write: the document in `slot` of a collection becomes `fields` (null: it disappears, as on a purge). */
const writeArb = fc.oneof(
  fc.record({
    collection: fc.constant('users' as const),
    slot: slotArb,
    fields: fc.option(fc.record({ tenantId: tenantArb, status: fc.constantFrom('active' as const, 'invited' as const, 'disabled' as const), _deleted: deletedArb }), { freq: 8 }),
  }),
  fc.record({
    collection: fc.constant('roles' as const),
    slot: slotArb,
    fields: fc.option(fc.record({ tenantId: tenantArb, builtIn: fc.boolean(), _deleted: deletedArb }), { freq: 8 }),
  }),
  fc.record({
    collection: fc.constant('workflows' as const),
    slot: slotArb,
    fields: fc.option(fc.record({ tenantId: tenantArb, enabled: fc.boolean(), _deleted: deletedArb }), { freq: 8 }),
  }),
  fc.record({
    collection: fc.constant('reportRuns' as const),
    slot: slotArb,
    fields: fc.option(
      fc.record({
        tenantId: tenantArb,
        status: fc.constantFrom('succeeded' as const, 'failed' as const),
        generatedAt: fc.constantFrom(...GENERATED),
        sizeBytes: fc.nat({ max: 3_000 }),
        _deleted: deletedArb,
      }),
      { freq: 8 },
    ),
  }),
);
type Write = typeof writeArb extends fc.Arbitrary<infer W> ? W : never;

/** The document a write leaves in its slot; the id is the slot's, so writes to one slot are edits of one document. */
function afterOf(write: Write): Counted | null {
  const id = `01900000-0000-7000-8000-${(write.slot + 1).toString(16).padStart(12, '0')}`;
  switch (write.collection) {
    case 'users':
      return write.fields === null ? null : { collection: 'users', doc: user({ ...write.fields, id }) };
    case 'roles':
      return write.fields === null ? null : { collection: 'roles', doc: role({ ...write.fields, id }) };
    case 'workflows':
      return write.fields === null ? null : { collection: 'workflows', doc: workflow({ ...write.fields, id }) };
    case 'reportRuns':
      return write.fields === null ? null : { collection: 'reportRuns', doc: reportRun({ ...write.fields, id }) };
  }
}

function deltaFor(before: Counted | null, after: Counted | null, now: string) {
  const collection = (after ?? before)?.collection;
  // Both belong to the same slot, so the same collection; narrowing each side keeps the types honest.
  switch (collection) {
    case 'users':
      return deltaOf('users', before?.collection === 'users' ? before.doc : null, after?.collection === 'users' ? after.doc : null, TENANT, now);
    case 'roles':
      return deltaOf('roles', before?.collection === 'roles' ? before.doc : null, after?.collection === 'roles' ? after.doc : null, TENANT, now);
    case 'workflows':
      return deltaOf('workflows', before?.collection === 'workflows' ? before.doc : null, after?.collection === 'workflows' ? after.doc : null, TENANT, now);
    case 'reportRuns':
      return deltaOf('reportRuns', before?.collection === 'reportRuns' ? before.doc : null, after?.collection === 'reportRuns' ? after.doc : null, TENANT, now);
    case undefined:
      return {};
  }
}

/**
 * Limits relative to the starting usage (in percent; null = unlimited; absent
 * = the plan's), so states at, just under and well over a limit — a tenant
 * after a downgrade — are all common.
 */
const percentArb = fc.option(fc.integer({ min: 0, max: 150 }), { freq: 6 });
const limitsArb = fc.record({
  plan: fc.constantFrom(...PLAN_IDS),
  percent: fc.record(
    { seats: percentArb, roles: percentArb, workflows: percentArb, reportRunsPerMonth: percentArb, storageBytes: percentArb },
    { requiredKeys: [] },
  ),
});

function limitsAround(usage: DocumentUsage, { plan, percent }: { plan: string; percent: Partial<Record<DocumentCounter, number | null>> }): TenantLimits {
  const overrides = Object.fromEntries(
    Object.entries(percent).map(([counter, p]) => [counter, p === null ? null : Math.floor((usage[counter as DocumentCounter] * p) / 100)]),
  );
  const result = limitsFor(plan, overrides);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('quota check against brute-force recounting', () => {
  it('decides every write exactly as a recount before and after it would', () => {
    fc.assert(
      fc.property(limitsArb, fc.constantFrom(...NOWS), fc.array(writeArb, { maxLength: 40 }), fc.array(writeArb, { minLength: 1, maxLength: 30 }), (limitsSpec, now, seed, writes) => {
        const key = (w: Write) => `${w.collection}/${w.slot}`;
        const state = new Map<string, Counted>();
        // The starting state is unchecked: a tenant may already be over a limit (after a downgrade).
        for (const write of seed) {
          const after = afterOf(write);
          if (after === null) state.delete(key(write));
          else state.set(key(write), after);
        }
        const limits = limitsAround(recount(state, now), limitsSpec);
        for (const write of writes) {
          const before = state.get(key(write)) ?? null;
          const after = afterOf(write);
          if (before === null && after === null) continue;

          const usage = usageOf(TENANT, docsOf(state), now);
          const counted = recount(state, now);
          expect(usage).toEqual(counted);

          const next = new Map(state);
          if (after === null) next.delete(key(write));
          else next.set(key(write), after);
          const recounted = recount(next, now);
          const violated = DOCUMENT_COUNTERS.filter((c: DocumentCounter) => {
            const max = limits.limits[c];
            return max !== null && recounted[c] > counted[c] && recounted[c] > max;
          });

          const verdict = checkQuota(limits, usage, deltaFor(before, after, now));
          expect(verdict.ok).toBe(violated.length === 0);
          if (verdict.ok) {
            expect(verdict.value).toEqual(recounted);
            if (after === null) state.delete(key(write));
            else state.set(key(write), after);
          } else {
            expect(verdict.error.code).toBe('QUOTA_EXCEEDED');
            expect(verdict.error.details?.['limit']).toBe(violated[0]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps usageOf(after) = usageOf(before) + deltaOf(write) for schema-valid documents of any shape', () => {
    const counted = ['users', 'roles', 'workflows', 'reportRuns'] as const;
    const ownedBy = <T extends { tenantId: string | null }>(arb: fc.Arbitrary<T>) =>
      fc.tuple(arb, fc.constantFrom<string | null>(TENANT, TENANT, OTHER_TENANT, null)).map(([doc, tenantId]) => ({ ...doc, tenantId }));
    for (const collection of counted) {
      const docArb = ownedBy<{ tenantId: string | null }>(DOCUMENT_ARBITRARIES[collection]);
      fc.assert(
        fc.property(fc.option(docArb), fc.option(docArb), fc.constantFrom(...NOWS), (before, after, now) => {
          const docs = (doc: object | null) => ({ [collection]: doc === null ? [] : [doc] });
          const was = usageOf(TENANT, docs(before), now);
          const is = usageOf(TENANT, docs(after), now);
          // The arbitraries' own collection types are what deltaOf accepts; the spread above kept every field.
          const delta = deltaOf(collection, before as never, after as never, TENANT, now);
          for (const counter of DOCUMENT_COUNTERS) expect(was[counter] + (delta[counter] ?? 0)).toBe(is[counter]);
        }),
        { numRuns: 100 },
      );
    }
  });
});
