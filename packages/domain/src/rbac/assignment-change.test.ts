import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantedPermission, randomTenant } from './arbitraries.test-support.ts';
import { checkAssignmentChange, type AssignmentChange } from './assignment-change.ts';
import { BUILT_IN_ROLE_IDS } from './built-in-roles.ts';
import { DAY, NOW, TENANT, grant, iso, reasons, role, user, withBuiltIns } from './fixtures.test-support.ts';
import { implies } from './permission.ts';
import { compileRoleGraph } from './role-graph.ts';
import { referenceReachablePermissions } from './reference.test-support.ts';
import type { RoleAssignmentLike } from './types.ts';

const { tenantAdmin, platformAdmin, member, auditor, complianceOfficer } = BUILT_IN_ROLE_IDS;
const roles = withBuiltIns(role('helper', { name: 'Helper', permissions: ['report:read'] }));
const stored: RoleAssignmentLike[] = [
  grant('a-ann', 'ann', tenantAdmin),
  grant('a-mark', 'mark', member),
  grant('a-root', 'root', platformAdmin, { tenantId: null }),
];
const users = [user('ann'), user('mark'), user('root'), user('zoe'), user('off', 'disabled')];

/** A grant by `actorId`, checked against the stored tenant. */
function change(actorId: string, after: RoleAssignmentLike | null, fields: Partial<AssignmentChange> = {}): AssignmentChange {
  return { actorId, before: null, after, roles, assignments: stored, users, now: NOW, ...fields };
}
const newGrant = (roleId: string, grantedBy: string, fields: Partial<RoleAssignmentLike> = {}): RoleAssignmentLike =>
  grant('a-new', 'zoe', roleId, { grantedBy, validFrom: iso(NOW), ...fields });

describe('checkAssignmentChange: grants', () => {
  it('allows a tenant admin to grant a role within their powers', () => {
    expect(checkAssignmentChange(change('ann', newGrant(member, 'ann')))).toEqual([]);
    expect(checkAssignmentChange(change('ann', newGrant('helper', 'ann', { expiresAt: iso(NOW + DAY) })))).toEqual([]);
  });

  it('refuses someone without role:assign, explaining what they hold', () => {
    const issues = checkAssignmentChange(change('mark', newGrant(member, 'mark')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not-permitted', permission: 'role:assign', causes: ['role-lacks-permission'] } });
    expect(issues[0]?.message).toContain('Role "Member" (assignment a-mark) does not include role:assign.');
  });

  it('refuses privilege escalation, naming what the granter lacks', () => {
    const issues = checkAssignmentChange(change('ann', newGrant(complianceOfficer, 'ann')));
    expect(issues).toEqual([{
      code: 'FORBIDDEN',
      message: 'You cannot grant "Compliance officer": you lack audit:export, audit:review. Nobody may grant a role with permissions they do not hold themselves.',
      details: { reason: 'privilege-escalation', granterId: 'ann', roleId: complianceOfficer, missing: ['audit:export', 'audit:review'] },
    }]);
    expect(checkAssignmentChange(change('root', newGrant(complianceOfficer, 'root')))).toEqual([]);
  });

  it('refuses a role mutually exclusive with one the user holds', () => {
    const issues = checkAssignmentChange(change('root', grant('a-new', 'ann', auditor, { grantedBy: 'root' })));
    expect(reasons(issues)).toEqual(['separation-of-duties']);
  });

  // Regression: a platform-wide grant was checked against platform-wide grants only,
  // so it could make a tenant's admin its auditor too.
  it('checks a platform-wide grant against the roles the user holds in each tenant', () => {
    const assignments = [...stored, grant('a-ann-b', 'ann', member, { tenantId: 'tenant-b' })];
    const issues = checkAssignmentChange(change('root', grant('a-new', 'ann', auditor, { tenantId: null, grantedBy: 'root', validFrom: iso(NOW) }), { assignments }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'separation-of-duties', tenantId: TENANT, assignmentId: 'a-ann' } });
    expect(issues[0]?.message).toMatch(/^In tenant tenant-a: Separation of duties: "Auditor" cannot be held together with "Tenant admin"/);
    expect(checkAssignmentChange(change('root', grant('a-new', 'mark', auditor, { tenantId: null, grantedBy: 'root', validFrom: iso(NOW) })))).toEqual([]);
  });

  it('refuses a platform-wide grant from someone who is only a tenant admin', () => {
    const issues = checkAssignmentChange(change('ann', newGrant(member, 'ann', { tenantId: null })));
    expect(issues[0]).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not-permitted', tenantId: null } });
    expect(checkAssignmentChange(change('root', newGrant(member, 'root', { tenantId: null })))).toEqual([]);
  });

  it('reports every problem of the grant’s own fields as INVALID, with messages for the form', () => {
    const cases: [Partial<RoleAssignmentLike>, string[]][] = [
      [{ roleId: 'ghost' }, ['unknown-role']],
      [{ roleId: platformAdmin }, ['platform-role-in-tenant']],
      [{ reason: '  ' }, ['reason-required']],
      [{ grantedBy: 'someone-else' }, ['granted-by-mismatch']],
      [{ validFrom: '2025-06-01' }, ['invalid-valid-from']],
      [{ expiresAt: 'never' }, ['invalid-expires-at']],
      [{ validFrom: iso(NOW), expiresAt: iso(NOW) }, ['expires-before-valid']],
      [{ validFrom: iso(NOW - 2 * DAY), expiresAt: iso(NOW - DAY) }, ['expired-on-grant']],
      [{ roleId: 'ghost', reason: '', grantedBy: 'x' }, ['unknown-role', 'reason-required', 'granted-by-mismatch']],
    ];
    for (const [fields, expected] of cases) {
      const issues = checkAssignmentChange(change('root', newGrant(member, 'root', fields)));
      expect(reasons(issues)).toEqual(expected);
      for (const issue of issues) expect(issue.code).toBe('INVALID');
    }
    const [platformRole] = checkAssignmentChange(change('root', newGrant(platformAdmin, 'root')));
    expect(platformRole?.message).toBe('"Platform admin" is a platform role; it can only be granted platform-wide (tenantId null), not inside one tenant.');
  });

  it('checks a re-grant over a revoked assignment like a new grant', () => {
    const revoked = { ...newGrant(member, 'root'), _deleted: true };
    const regrant = newGrant(member, 'root', { validFrom: iso(NOW - 2 * DAY), expiresAt: iso(NOW - DAY) });
    expect(reasons(checkAssignmentChange(change('root', regrant, { before: revoked })))).toEqual(['expired-on-grant']);
  });
});

describe('checkAssignmentChange: edits and revokes', () => {
  const annAdmin = stored[0] ?? grant('a-ann', 'ann', tenantAdmin);

  it('refuses revoking the last tenant admin, and allows it once there is another', () => {
    expect(reasons(checkAssignmentChange(change('root', { ...annAdmin, _deleted: true }, { before: annAdmin })))).toEqual(['last-admin']);
    expect(reasons(checkAssignmentChange(change('root', null, { before: annAdmin })))).toEqual(['last-admin']);
    const withSecond = [...stored, grant('a-bea', 'bea', tenantAdmin)];
    expect(checkAssignmentChange(change('ann', null, { before: annAdmin, assignments: withSecond }))).toEqual([]);
  });

  it('sees admin powers held through an inherited role, and ignores grants that carry none', () => {
    const owner = role('owner', { name: 'Owner', inherits: [tenantAdmin] });
    const olive = grant('a-olive', 'olive', 'owner');
    const helperGrant = grant('a-help', 'olive', 'helper');
    const assignments = [olive, helperGrant, grant('a-root', 'root', platformAdmin, { tenantId: null })];
    const base = { roles: [...roles, owner], assignments };
    expect(reasons(checkAssignmentChange(change('root', null, { before: olive, ...base })))).toEqual(['last-admin']);
    expect(checkAssignmentChange(change('root', null, { before: helperGrant, ...base }))).toEqual([]);
  });

  it('refuses putting an expiry on the only indefinite admin grant', () => {
    const edited = { ...annAdmin, grantedBy: 'root', expiresAt: iso(NOW + 30 * DAY) };
    expect(reasons(checkAssignmentChange(change('root', edited, { before: annAdmin })))).toEqual(['last-admin-expiring']);
  });

  it('allows editing a grant without counting it against itself for separation of duties', () => {
    const before = grant('a-aud', 'zoe', auditor, { grantedBy: 'root' });
    const after = { ...before, reason: 'annual audit, extended', expiresAt: iso(NOW + 90 * DAY) };
    expect(checkAssignmentChange(change('root', after, { before, assignments: [...stored, before] }))).toEqual([]);
  });

  it('keeps the identity of an assignment: id, user, role and tenant cannot change', () => {
    const before = grant('a-1', 'zoe', member, { grantedBy: 'root' });
    expect(reasons(checkAssignmentChange(change('root', { ...before, id: 'a-2' }, { before })))).toEqual(['id-changed']);
    const issues = checkAssignmentChange(change('root', { ...before, userId: 'mark', roleId: 'helper', tenantId: null }, { before }));
    expect(issues.map((i) => [i.code, i.details?.['field']])).toEqual([['IMMUTABLE', 'userId'], ['IMMUTABLE', 'roleId'], ['IMMUTABLE', 'tenantId']]);
    expect(reasons(checkAssignmentChange(change('root', null)))).toEqual(['empty-change']);
  });

  it('refuses to judge anything against an invalid clock', () => {
    expect(reasons(checkAssignmentChange(change('root', newGrant(member, 'root'), { now: 'later' })))).toEqual(['invalid-clock']);
  });
});

describe('escalation through checkAssignmentChange is always refused', () => {
  it('refuses exactly when the granter’s permissions miss one of the role’s, found by walking inheritance naively', () => {
    const scenario = fc.record({ tenant: randomTenant, held: fc.array(grantedPermission, { maxLength: 6 }), rolePick: fc.nat() });
    fc.assert(
      fc.property(scenario, ({ tenant, held, rolePick }) => {
        const granterRole = role('granter-role', { permissions: [...held, 'role:assign'] });
        const allRoles = [...tenant.roles, granterRole];
        const candidates = [...compileRoleGraph(tenant.roles, TENANT).roles.values()].filter((r) => r.scope === 'tenant');
        const target = candidates[rolePick % Math.max(1, candidates.length)];
        if (target === undefined) return;
        const issues = checkAssignmentChange({
          actorId: 'granter',
          before: null,
          after: grant('a-new', 'someone', target.id, { grantedBy: 'granter', validFrom: iso(NOW) }),
          roles: allRoles,
          assignments: [grant('a-granter', 'granter', 'granter-role')],
          now: NOW,
        });
        const holdings = [...held, 'role:assign'];
        const lacks = referenceReachablePermissions({ ...tenant, roles: allRoles }, TENANT, target.id).filter((p) => !holdings.some((h) => implies(h, p)));
        expect(reasons(issues)).toEqual(lacks.length > 0 ? ['privilege-escalation'] : []);
        const missing = issues[0]?.details?.['missing'];
        if (Array.isArray(missing)) for (const p of lacks) expect(missing.some((m) => implies(String(m), p))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
