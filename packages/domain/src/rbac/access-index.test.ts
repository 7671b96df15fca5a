import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAccessIndex, indexAllows, type IndexedGrant } from './access-index.ts';
import { permissionSetAllows, permissionSetOf, type PermissionSet } from './permission-set.ts';

// A vocabulary wide enough that permissions and resources span several 32-bit words.
const RESOURCES = Array.from({ length: 70 }, (_, i) => `res${i}`);
const exact = fc.tuple(fc.constantFrom(...RESOURCES), fc.constantFrom('read', 'write')).map(([r, a]) => `${r}:${a}`);
const granted = fc.oneof({ weight: 2, arbitrary: exact }, { weight: 1, arbitrary: fc.constantFrom(...RESOURCES).map((r) => `${r}:*`) });
/** "*" rarely, per set: in a big set it would otherwise answer every question. */
const grantedSet = fc.tuple(fc.array(granted, { maxLength: 80, size: 'max' }), fc.integer({ min: 0, max: 9 })).map(([set, n]) => (n === 0 ? [...set, '*'] : set));
const asked = fc.oneof({ weight: 8, arbitrary: exact }, { weight: 2, arbitrary: fc.constantFrom(...RESOURCES.map((r) => `${r}:*`), '*', 'other:read', 'Res1:read', '', 'res1:*:x') });

const scenario = fc.record({
  // Big sets (fast-check keeps arrays short unless told), so ids pass 32 and 64.
  sets: fc.array(grantedSet, { minLength: 1, maxLength: 6, size: 'max' }),
  grants: fc.array(fc.record({ user: fc.nat(3), set: fc.nat(), from: fc.integer({ min: 0, max: 4 }), until: fc.integer({ min: 0, max: 5 }), none: fc.boolean() }), { maxLength: 20 }),
  now: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Number.NaN)),
  questions: fc.array(fc.tuple(fc.nat(4), asked), { minLength: 1, maxLength: 60, size: 'max' }),
});

describe('access index', () => {
  it('answers exactly like scanning every in-force grant’s permission set', () => {
    fc.assert(
      fc.property(scenario, ({ sets, grants, now, questions }) => {
        const compiled = sets.map((s) => permissionSetOf(s));
        const byUser = new Map<string, IndexedGrant[]>();
        for (const g of grants) {
          const set: PermissionSet | null = g.none ? null : (compiled[g.set % compiled.length] ?? null);
          const entry = { validFromMs: g.from, expiresAtMs: g.until === 5 ? Number.POSITIVE_INFINITY : g.until, grants: set };
          byUser.set(`u${g.user}`, [...(byUser.get(`u${g.user}`) ?? []), entry]);
        }
        const index = buildAccessIndex(byUser);
        for (const [u, permission] of questions) {
          const expected = (byUser.get(`u${u}`) ?? []).some((a) => a.grants !== null && a.validFromMs <= now && now < a.expiresAtMs && permissionSetAllows(a.grants, permission));
          expect(indexAllows(index, `u${u}`, permission, now)).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('shares one slot per distinct set and leaves out grants that grant nothing', () => {
    const set = permissionSetOf(['a:read']);
    const index = buildAccessIndex(new Map([
      ['u1', [{ validFromMs: 0, expiresAtMs: 10, grants: set }, { validFromMs: 0, expiresAtMs: 10, grants: null }]],
      ['u2', [{ validFromMs: 0, expiresAtMs: 10, grants: set }]],
      ['u3', [{ validFromMs: 0, expiresAtMs: 10, grants: null }]],
    ]));
    expect(index.wildcard.length).toBe(1);
    expect([...index.userIndex.keys()]).toEqual(['u1', 'u2']);
    expect(index.grantSlot.length).toBe(2);
  });
});
