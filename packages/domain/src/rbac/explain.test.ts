import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTime, checkedPermission, randomTenant } from './arbitraries.test-support.ts';
import { BUILT_IN_ROLE_IDS } from './built-in-roles.ts';
import { checkPermission, denialIssue, explain, type Decision, type DeniedDecision } from './explain.ts';
import { DAY, NOW, OTHER_TENANT, TENANT, grant, iso, role, user, withBuiltIns } from './fixtures.test-support.ts';
import { implies } from './permission.ts';
import { can, compileTenantPolicy, isInForce, type TenantPolicy } from './policy.ts';

const roles = withBuiltIns(
  role('viewer', { name: 'Viewer', permissions: ['audit:read', 'report:*'] }),
  role('reviewer', { name: 'Reviewer', permissions: ['audit:review'], inherits: ['viewer'] }),
  role('lead', { name: 'Lead', permissions: ['workflow:approve'], inherits: ['reviewer'] }),
);
const ask = (policy: TenantPolicy, userId: string, permission: string, now: number | string = NOW, tenantId: string | null = TENANT): Decision =>
  explain(policy, { userId }, permission, { tenantId }, now);
function denied(decision: Decision): DeniedDecision {
  if (decision.allowed) throw new Error(`expected a denial, got: ${decision.message}`);
  return decision;
}

describe('explain, when allowed', () => {
  it('names the assignment and the role, directly granted', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer')], TENANT);
    const d = ask(policy, 'ann', 'audit:read');
    expect(d).toMatchObject({ allowed: true, assignmentId: 'g1', roleId: 'viewer', viaRoleId: 'viewer', inheritancePath: ['viewer'], matchedPermission: 'audit:read' });
    expect(d.message).toBe('User ann may audit:read: assignment g1 gives "Viewer", which grants audit:read.');
  });

  it('names the inheritance path down to the role that holds the permission, and the wildcard that matched', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'lead')], TENANT);
    const d = ask(policy, 'ann', 'report:export');
    expect(d).toMatchObject({ allowed: true, assignmentId: 'g1', roleId: 'lead', viaRoleId: 'viewer', inheritancePath: ['lead', 'reviewer', 'viewer'], matchedPermission: 'report:*' });
    expect(d.message).toBe('User ann may report:export: assignment g1 gives "Lead", which inherits "Reviewer" → "Viewer"; "Viewer" grants report:*, which covers report:export.');
  });

  it('names a platform-wide grant and "*"', () => {
    const policy = compileTenantPolicy(roles, [grant('root-grant', 'root', BUILT_IN_ROLE_IDS.platformAdmin, { tenantId: null })], TENANT);
    const d = ask(policy, 'root', 'tenant:update');
    expect(d).toMatchObject({ allowed: true, assignmentId: 'root-grant', roleId: BUILT_IN_ROLE_IDS.platformAdmin, matchedPermission: '*' });
    expect(d.message).toContain('"Platform admin", which grants *, which covers tenant:update');
  });

  it('picks the assignment with the smallest id, whatever the input order', () => {
    const policy = compileTenantPolicy(roles, [grant('g9', 'ann', 'viewer'), grant('g2', 'ann', 'lead'), grant('g5', 'ann', 'viewer')], TENANT);
    expect(ask(policy, 'ann', 'audit:read')).toMatchObject({ assignmentId: 'g2' });
  });
});

describe('explain, when denied', () => {
  it('says when an assignment has expired or is not valid yet', () => {
    const policy = compileTenantPolicy(
      roles,
      [grant('g1', 'bob', 'viewer', { expiresAt: iso(NOW - DAY) }), grant('g2', 'bob', 'reviewer', { validFrom: iso(NOW + DAY) })],
      TENANT,
    );
    const d = denied(ask(policy, 'bob', 'audit:read'));
    expect(d.reasons).toEqual([
      expect.objectContaining({ code: 'expired', assignmentId: 'g1', roleId: 'viewer', expiresAt: iso(NOW - DAY) }),
      expect.objectContaining({ code: 'not-yet-valid', assignmentId: 'g2', roleId: 'reviewer', validFrom: iso(NOW + DAY) }),
    ]);
    expect(d.message).toBe(
      `User bob may not audit:read in tenant ${TENANT}. Assignment g1 ("Viewer") expired at 2025-05-31T12:00:00.000Z. Assignment g2 ("Reviewer") is valid only from 2025-06-02T12:00:00.000Z.`,
    );
    // The same grants do count at a time inside their windows.
    expect(ask(policy, 'bob', 'audit:read', NOW - 2 * DAY).allowed).toBe(true);
    expect(ask(policy, 'bob', 'audit:read', NOW + 2 * DAY).allowed).toBe(true);
  });

  it('says which roles lack the permission', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer')], TENANT);
    const d = denied(ask(policy, 'ann', 'audit:export'));
    expect(d.reasons).toEqual([{ code: 'role-lacks-permission', assignmentId: 'g1', roleId: 'viewer', message: 'Role "Viewer" (assignment g1) does not include audit:export.' }]);
  });

  it('says an inactive user holds nothing', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'cat', 'viewer')], TENANT, { users: [user('cat', 'disabled')] });
    expect(denied(ask(policy, 'cat', 'audit:read')).reasons).toEqual([
      { code: 'inactive-user', assignmentId: 'g1', roleId: 'viewer', message: 'User cat is not active, so assignment g1 ("Viewer") grants nothing.' },
    ]);
  });

  it('says when an assignment is broken: unknown role, platform role in a tenant, unreadable dates', () => {
    const policy = compileTenantPolicy(
      roles,
      [grant('g1', 'eve', 'ghost'), grant('g2', 'eve', BUILT_IN_ROLE_IDS.platformAdmin), grant('g3', 'eve', 'viewer', { validFrom: 'monday' })],
      TENANT,
    );
    expect(denied(ask(policy, 'eve', 'audit:read')).reasons.map((r) => r.code)).toEqual(['unknown-role', 'platform-role-in-tenant', 'invalid-dates']);
  });

  it('says when the user has no role here, or the resource is in another tenant', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer')], TENANT);
    expect(denied(ask(policy, 'dan', 'audit:read')).reasons).toEqual([{ code: 'no-assignment', message: `User dan has no role in tenant ${TENANT}.` }]);
    expect(denied(ask(policy, 'ann', 'audit:read', NOW, OTHER_TENANT)).reasons).toEqual([
      expect.objectContaining({ code: 'wrong-tenant', policyTenantId: TENANT, resourceTenantId: OTHER_TENANT }),
    ]);
  });

  it('says what is wrong with a malformed permission or clock', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer')], TENANT);
    expect(denied(ask(policy, 'ann', 'audit:*:x')).reasons[0]?.message).toMatch(/more than one ":"/);
    expect(denied(ask(policy, 'ann', 'audit:read', 'tomorrow')).reasons).toEqual([{ code: 'invalid-clock', message: 'The clock "tomorrow" is not a valid instant, so nothing can be checked.' }]);
  });
});

describe('denialIssue', () => {
  const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer')], TENANT);
  it('is FORBIDDEN with the decision’s message and causes', () => {
    const issue = denialIssue(denied(ask(policy, 'ann', 'audit:export')));
    expect(issue).toEqual({
      code: 'FORBIDDEN',
      message: `User ann may not audit:export in tenant ${TENANT}. Role "Viewer" (assignment g1) does not include audit:export.`,
      details: { reason: 'not-permitted', userId: 'ann', tenantId: TENANT, permission: 'audit:export', causes: ['role-lacks-permission'] },
    });
  });
  it('is INVALID when the question itself was malformed', () => {
    expect(denialIssue(denied(ask(policy, 'ann', ''))).code).toBe('INVALID');
    expect(denialIssue(denied(ask(policy, 'ann', 'audit:read', Number.NaN))).code).toBe('INVALID');
  });
});

describe('checkPermission', () => {
  const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'viewer', { expiresAt: iso(NOW + DAY) })], TENANT);
  it('passes an allowed request and refuses with the explained issue otherwise', () => {
    expect(checkPermission(policy, { userId: 'ann' }, 'audit:read', { tenantId: TENANT }, NOW)).toEqual([]);
    expect(checkPermission(policy, { userId: 'ann' }, 'audit:export', { tenantId: TENANT }, NOW)).toEqual([denialIssue(denied(ask(policy, 'ann', 'audit:export')))]);
    const [late] = checkPermission(policy, { userId: 'ann' }, 'audit:read', { tenantId: TENANT }, NOW + 2 * DAY);
    expect(late).toMatchObject({ code: 'FORBIDDEN', details: { causes: ['expired'] } });
    expect(late?.message).toContain('Assignment g1 ("Viewer") expired at 2025-06-02T12:00:00.000Z.');
    expect(checkPermission(policy, { userId: 'ann' }, 'audit:read', { tenantId: TENANT }, 'noon')[0]?.code).toBe('INVALID');
  });
});

describe('explain is exact', () => {
  it('allows exactly when can does, and an allowed decision is a true story', () => {
    fc.assert(
      fc.property(randomTenant, checkTime, checkedPermission, (t, now, permission) => {
        const policy = compileTenantPolicy(t.roles, t.assignments, TENANT, { users: t.users });
        for (const userId of t.userIds) {
          const d = ask(policy, userId, permission, now);
          expect(d.allowed).toBe(can(policy, { userId }, permission, { tenantId: TENANT }, now));
          if (!d.allowed) {
            expect(d.reasons.length).toBeGreaterThan(0);
            continue;
          }
          const assignment = policy.assignmentsByUser.get(userId)?.find((a) => a.id === d.assignmentId);
          expect(assignment !== undefined && isInForce(assignment, now) && assignment.roleId === d.roleId).toBe(true);
          expect(d.inheritancePath[0]).toBe(d.roleId);
          expect(d.inheritancePath.at(-1)).toBe(d.viaRoleId);
          for (let i = 0; i + 1 < d.inheritancePath.length; i++) {
            expect(policy.graph.roles.get(d.inheritancePath[i] ?? '')?.inherits).toContain(d.inheritancePath[i + 1]);
          }
          const via = t.roles.find((r) => r.id === d.viaRoleId);
          expect(via?.permissions).toContain(d.matchedPermission);
          expect(implies(d.matchedPermission, permission)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
