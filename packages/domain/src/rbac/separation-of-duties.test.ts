import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLE_IDS } from './built-in-roles.ts';
import { DAY, NOW, TENANT, grant, iso, reasons, role, user, withBuiltIns } from './fixtures.test-support.ts';
import { compileTenantPolicy } from './policy.ts';
import { areMutuallyExclusive, checkSeparationOfDuties, conflictsHeldBy, exclusivePairsWithin } from './separation-of-duties.ts';

const { auditor, tenantAdmin, complianceOfficer, member } = BUILT_IN_ROLE_IDS;
const roles = withBuiltIns(
  role('payments', { name: 'Payments', exclusiveWith: ['payment-approver'] }),
  role('payment-approver', { name: 'Payment approver' }),
  role('super-admin', { name: 'Super admin', inherits: [tenantAdmin] }),
  role('impossible', { name: 'Impossible', inherits: [tenantAdmin, auditor] }),
);

describe('checkSeparationOfDuties', () => {
  it('refuses a role exclusive with one the user holds, whichever side lists the other', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'payment-approver'), grant('g2', 'bob', 'payments')], TENANT);
    const one = checkSeparationOfDuties(policy, 'ann', 'payments', NOW);
    expect(one).toEqual([{
      code: 'FORBIDDEN',
      message: 'Separation of duties: "Payments" cannot be held together with "Payment approver", which user ann already holds (assignment g1); "Payments" and "Payment approver" are mutually exclusive.',
      details: { reason: 'separation-of-duties', userId: 'ann', roleId: 'payments', conflictingRoleId: 'payment-approver', assignmentId: 'g1', exclusivePair: ['payments', 'payment-approver'] },
    }]);
    expect(reasons(checkSeparationOfDuties(policy, 'bob', 'payment-approver', NOW))).toEqual(['separation-of-duties']);
  });

  it('follows inheritance on both sides', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'super-admin')], TENANT);
    const [issue] = checkSeparationOfDuties(policy, 'ann', auditor, NOW);
    expect(issue?.message).toContain('"Super admin" (through "Tenant admin")');
    expect(issue?.details).toMatchObject({ conflictingRoleId: 'super-admin', exclusivePair: [auditor, tenantAdmin] });
  });

  it('refuses a role that combines exclusive roles by itself', () => {
    const policy = compileTenantPolicy(roles, [], TENANT);
    const [issue] = checkSeparationOfDuties(policy, 'ann', 'impossible', NOW);
    expect(issue?.message).toBe('Separation of duties: "Impossible" combines "Tenant admin" and "Auditor", which are mutually exclusive.');
  });

  it('counts future grants and grants of inactive users, not expired ones; ignores the assignment being edited', () => {
    const users = [user('ann', 'disabled')];
    const policy = compileTenantPolicy(
      roles,
      [grant('g1', 'ann', tenantAdmin), grant('g2', 'bob', tenantAdmin, { validFrom: iso(NOW + DAY) }), grant('g3', 'cat', tenantAdmin, { expiresAt: iso(NOW) })],
      TENANT,
      { users },
    );
    expect(checkSeparationOfDuties(policy, 'ann', auditor, NOW)).toHaveLength(1);
    expect(checkSeparationOfDuties(policy, 'bob', auditor, NOW)).toHaveLength(1);
    expect(checkSeparationOfDuties(policy, 'cat', auditor, NOW)).toEqual([]);
    expect(checkSeparationOfDuties(policy, 'ann', auditor, NOW, { ignoreAssignmentId: 'g1' })).toEqual([]);
  });

  it('allows compatible roles, and says nothing about unknown ones (validation reports those)', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', tenantAdmin)], TENANT);
    expect(checkSeparationOfDuties(policy, 'ann', complianceOfficer, NOW)).toEqual([]);
    expect(checkSeparationOfDuties(policy, 'ann', member, NOW)).toEqual([]);
    expect(checkSeparationOfDuties(policy, 'ann', 'ghost', NOW)).toEqual([]);
  });
});

describe('areMutuallyExclusive', () => {
  it('is symmetric and never true of a role with itself', () => {
    const a = { id: 'a', exclusiveWith: ['b', 'a'] };
    const b = { id: 'b', exclusiveWith: [] };
    expect(areMutuallyExclusive(a, b)).toBe(true);
    expect(areMutuallyExclusive(b, a)).toBe(true);
    expect(areMutuallyExclusive(a, a)).toBe(false);
  });
});

describe('conflictsHeldBy / exclusivePairsWithin', () => {
  it('lists each exclusive pair a user holds once, with the assignments giving it', () => {
    const policy = compileTenantPolicy(roles, [grant('g1', 'ann', 'super-admin'), grant('g2', 'ann', auditor), grant('g3', 'ann', tenantAdmin), grant('g4', 'bob', 'impossible')], TENANT);
    expect([...conflictsHeldBy(policy, 'ann', NOW).values()]).toEqual([
      { userId: 'ann', roleIds: [tenantAdmin, auditor], roleNames: ['Tenant admin', 'Auditor'], assignmentIds: ['g1', 'g2'] },
    ]);
    expect([...conflictsHeldBy(policy, 'bob', NOW).values()].map((c) => c.assignmentIds)).toEqual([['g4', 'g4']]);
    const impossible = policy.graph.roles.get('impossible');
    expect(impossible && exclusivePairsWithin(impossible, policy.graph).map(([x, y]) => [x.id, y.id])).toEqual([[tenantAdmin, auditor]]);
  });
});
