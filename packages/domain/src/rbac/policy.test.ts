import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTime, checkedPermission, grantedPermission, randomTenant, type RandomTenant } from './arbitraries.test-support.ts';
import { BUILT_IN_ROLE_IDS } from './built-in-roles.ts';
import { explain } from './explain.ts';
import { DAY, NOW, OTHER_TENANT, TENANT, grant, iso, reasons, role, user, withBuiltIns } from './fixtures.test-support.ts';
import { permissionsOfSet } from './permission-set.ts';
import { can, compileTenantPolicy, heldPermissions, type TenantPolicy } from './policy.ts';
import { referenceCan } from './reference.test-support.ts';

const here = { tenantId: TENANT };
const allows = (policy: TenantPolicy, userId: string, permission: string, now: number | string = NOW): boolean =>
  can(policy, { userId }, permission, here, now);

const roles = withBuiltIns(
  role('viewer', { permissions: ['audit:read'] }),
  role('reviewer', { permissions: ['audit:review'], inherits: ['viewer'] }),
);

describe('can', () => {
  it('allows what the user’s roles grant, inherited permissions included, and nothing else', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'reviewer')], TENANT);
    expect(allows(policy, 'ann', 'audit:review')).toBe(true);
    expect(allows(policy, 'ann', 'audit:read')).toBe(true);
    expect(allows(policy, 'ann', 'audit:export')).toBe(false);
    expect(allows(policy, 'bob', 'audit:read')).toBe(false);
  });

  it('honours the window: validFrom inclusive, expiresAt exclusive', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer', { validFrom: iso(NOW), expiresAt: iso(NOW + DAY) })], TENANT);
    expect(allows(policy, 'ann', 'audit:read', NOW - 1)).toBe(false);
    expect(allows(policy, 'ann', 'audit:read', NOW)).toBe(true);
    expect(allows(policy, 'ann', 'audit:read', NOW + DAY - 1)).toBe(true);
    expect(allows(policy, 'ann', 'audit:read', NOW + DAY)).toBe(false);
  });

  it('takes the clock as epoch ms or an ISO string, and denies on an invalid clock', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer')], TENANT);
    expect(allows(policy, 'ann', 'audit:read', iso(NOW))).toBe(true);
    expect(allows(policy, 'ann', 'audit:read', '2025-06-01T14:00:00+02:00')).toBe(true);
    expect(allows(policy, 'ann', 'audit:read', 'now')).toBe(false);
    expect(allows(policy, 'ann', 'audit:read', Number.NaN)).toBe(false);
  });

  it('counts platform-wide grants in every tenant, and platform admin’s "*" everywhere', () => {
    const assignments = [
      grant('g1', 'ann', BUILT_IN_ROLE_IDS.auditor, { tenantId: null }),
      grant('g2', 'root', BUILT_IN_ROLE_IDS.platformAdmin, { tenantId: null }),
    ];
    for (const tenantId of [TENANT, OTHER_TENANT]) {
      const policy = compileTenantPolicy(roles, assignments, tenantId);
      expect(can(policy, { userId: 'ann' }, 'audit:export', { tenantId }, NOW)).toBe(true);
      expect(can(policy, { userId: 'root' }, 'secrets:rotate', { tenantId }, NOW)).toBe(true);
    }
    const platform = compileTenantPolicy(roles, assignments, null);
    expect(can(platform, { userId: 'root' }, 'tenant:create', { tenantId: null }, NOW)).toBe(true);
  });

  it('grants nothing from a platform role given inside one tenant, and says so in the issues', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'eve', BUILT_IN_ROLE_IDS.platformAdmin)], TENANT);
    expect(allows(policy, 'eve', 'audit:read')).toBe(false);
    expect(reasons(policy.issues)).toEqual(['platform-role-in-tenant']);
  });

  it('ignores other tenants’ assignments and deleted ones', () => {
    const policy = compileTenantPolicy(
      roles,
      [grant('g1', 'ann', 'viewer', { tenantId: OTHER_TENANT }), grant('g2', 'ann', 'viewer', { _deleted: true })],
      TENANT,
    );
    expect(allows(policy, 'ann', 'audit:read')).toBe(false);
    expect(policy.assignmentsByUser.size).toBe(0);
  });

  it('denies a resource of another tenant, whatever the user holds', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'root', BUILT_IN_ROLE_IDS.platformAdmin, { tenantId: null })], TENANT);
    expect(can(policy, { userId: 'root' }, 'audit:read', { tenantId: OTHER_TENANT }, NOW)).toBe(false);
    expect(can(policy, { userId: 'root' }, 'audit:read', { tenantId: null }, NOW)).toBe(false);
  });

  it('never allows a malformed permission, even to "*"', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'root', BUILT_IN_ROLE_IDS.platformAdmin, { tenantId: null })], TENANT);
    for (const bad of ['', 'Audit:read', 'audit:*:x', '*:read', 'a::b']) expect(allows(policy, 'root', bad)).toBe(false);
  });

  it('gives inactive or deleted users nothing; users not listed are judged by their assignments', () => {
    const assignments = ['ann', 'bob', 'cat', 'dan'].map((u) => grant(`g-${u}`, u, 'viewer'));
    const users = [user('ann'), user('bob', 'disabled'), user('cat', 'invited'), { id: 'dan', status: 'active', _deleted: true }];
    const policy = compileTenantPolicy(roles, [...assignments, grant('g-eve', 'eve', 'viewer')], TENANT, { users });
    expect(['ann', 'bob', 'cat', 'dan', 'eve'].map((u) => allows(policy, u, 'audit:read'))).toEqual([true, false, false, false, true]);
    // Inactive users are a state, not a data problem: no issue for them.
    expect(policy.issues).toEqual([]);
  });

  it('grants nothing from assignments with unknown roles or unreadable dates, and reports them', () => {
    const policy = compileTenantPolicy(
      roles,
      [grant('g1', 'ann', 'no-such-role'), grant('g2', 'ann', 'viewer', { validFrom: 'last week' }), grant('g3', 'ann', 'viewer', { expiresAt: '2025-02-30T00:00:00Z' })],
      TENANT,
    );
    expect(allows(policy, 'ann', 'audit:read')).toBe(false);
    expect(reasons(policy.issues)).toEqual(['unknown-role', 'invalid-dates', 'invalid-dates']);
    expect(policy.issues[1]?.message).toContain('"last week"');
  });

  it('keeps each user’s assignments sorted by id, so every replica explains alike', () => {
    const policy = compileTenantPolicy(roles, [grant('g3', 'ann', 'viewer'), grant('g1', 'ann', 'viewer'), grant('g2', 'ann', 'viewer')], TENANT);
    expect(policy.assignmentsByUser.get('ann')?.map((a) => a.id)).toEqual(['g1', 'g2', 'g3']);
  });
});

describe('heldPermissions', () => {
  it('unions what is in force at the moment', () => {
    const policy = compileTenantPolicy(
      roles,
      [grant('g1', 'ann', 'viewer'), grant('g2', 'ann', BUILT_IN_ROLE_IDS.member, { expiresAt: iso(NOW) }), grant('g3', 'ann', 'reviewer', { validFrom: iso(NOW + 1) })],
      TENANT,
    );
    expect(permissionsOfSet(heldPermissions(policy, 'ann', NOW))).toEqual(['audit:read']);
    expect(permissionsOfSet(heldPermissions(policy, 'ann', NOW - 1))).toContain('workflow:request');
    expect(permissionsOfSet(heldPermissions(policy, 'nobody', NOW))).toEqual([]);
  });
});

/** Every question worth asking of a random tenant: each user, each permission, both tenants. */
function everyCheck(t: RandomTenant, policy: TenantPolicy, now: number, permissions: readonly string[]): { key: string; allowed: boolean }[] {
  const out: { key: string; allowed: boolean }[] = [];
  for (const userId of t.userIds) {
    for (const permission of permissions) {
      for (const resourceTenantId of [TENANT, OTHER_TENANT]) {
        out.push({ key: `${userId} ${permission} ${resourceTenantId}`, allowed: can(policy, { userId }, permission, { tenantId: resourceTenantId }, now) });
      }
    }
  }
  return out;
}

const PERMISSIONS_TO_ASK = fc.uniqueArray(checkedPermission, { minLength: 1, maxLength: 6 });

describe('can agrees with a brute-force reference', () => {
  it('on random tenants, users, permissions, times and tenants', () => {
    fc.assert(
      fc.property(randomTenant, fc.constantFrom<string | null>(TENANT, null), checkTime, PERMISSIONS_TO_ASK, (t, tenantId, now, permissions) => {
        const policy = compileTenantPolicy(t.roles, t.assignments, tenantId, { users: t.users });
        for (const userId of t.userIds) {
          for (const permission of permissions) {
            for (const resourceTenantId of [tenantId, OTHER_TENANT]) {
              const expected = referenceCan(t, { tenantId, userId, permission, resourceTenantId, nowMs: now });
              expect(can(policy, { userId }, permission, { tenantId: resourceTenantId }, now)).toBe(expected);
              expect(explain(policy, { userId }, permission, { tenantId: resourceTenantId }, now).allowed).toBe(expected);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Changes that only add: a permission, a role with its grant, an inheritance link that keeps the DAG, an assignment. */
const addition = fc.oneof(
  fc.record({ kind: fc.constant('permission' as const), rolePick: fc.nat(), permission: grantedPermission }),
  fc.record({ kind: fc.constant('role' as const), permissions: fc.array(grantedPermission, { maxLength: 3 }), inheritPick: fc.nat(), userPick: fc.nat() }),
  fc.record({ kind: fc.constant('link' as const), fromPick: fc.nat(), toPick: fc.nat() }),
  fc.record({ kind: fc.constant('assignment' as const), rolePick: fc.nat(), userPick: fc.nat() }),
);
type Addition = typeof addition extends fc.Arbitrary<infer A> ? A : never;

function applyAddition(t: RandomTenant, change: Addition): RandomTenant {
  const roles = [...t.roles];
  const assignments = [...t.assignments];
  const pickRole = (n: number): number => n % roles.length;
  const newGrant = (roleId: string, userPick: number) => ({
    id: `z-added-${assignments.length}`,
    userId: t.userIds[userPick % t.userIds.length] ?? 'u0',
    roleId,
    tenantId: TENANT,
    grantedBy: 'u0',
    validFrom: iso(NOW - 10 * DAY),
    expiresAt: null,
    reason: 'added',
  });
  if (change.kind === 'permission') {
    const i = pickRole(change.rolePick);
    const r = roles[i];
    if (r !== undefined) roles[i] = { ...r, permissions: [...r.permissions, change.permission] };
  } else if (change.kind === 'role') {
    const parent = roles[pickRole(change.inheritPick)];
    roles.push(role('r-added', { permissions: change.permissions, inherits: parent === undefined ? [] : [parent.id] }));
    assignments.push(newGrant('r-added', change.userPick));
  } else if (change.kind === 'link') {
    // Links only go to an earlier role: the graph stays acyclic.
    const [to, from] = [pickRole(change.toPick), pickRole(change.fromPick)].sort((a, b) => a - b);
    const r = from === undefined ? undefined : roles[from];
    const target = to === undefined ? undefined : roles[to];
    if (from !== undefined && r !== undefined && target !== undefined && to !== from) roles[from] = { ...r, inherits: [...r.inherits, target.id] };
  } else {
    const target = roles[pickRole(change.rolePick)];
    if (target !== undefined) assignments.push(newGrant(target.id, change.userPick));
  }
  return { ...t, roles, assignments };
}

describe('monotonicity: adding a role, a permission, a link or an assignment never removes access', () => {
  it('holds on random tenants', () => {
    fc.assert(
      fc.property(randomTenant, fc.array(addition, { minLength: 1, maxLength: 3 }), checkTime, PERMISSIONS_TO_ASK, (t, changes, now, permissions) => {
        const after = changes.reduce(applyAddition, t);
        const before = everyCheck(t, compileTenantPolicy(t.roles, t.assignments, TENANT, { users: t.users }), now, permissions);
        const later = everyCheck(after, compileTenantPolicy(after.roles, after.assignments, TENANT, { users: after.users }), now, permissions);
        before.forEach((check, i) => {
          if (check.allowed) expect(later[i]).toEqual(check);
        });
      }),
      { numRuns: 400 },
    );
  });
});
