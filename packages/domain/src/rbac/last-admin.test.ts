import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLE_IDS } from './built-in-roles.ts';
import { DAY, NOW, TENANT, grant, iso, reasons, role, user, withBuiltIns } from './fixtures.test-support.ts';
import { adminHolders, checkLastAdmin } from './last-admin.ts';
import { compileTenantPolicy } from './policy.ts';
import type { RoleAssignmentLike } from './types.ts';

const { tenantAdmin, platformAdmin, member } = BUILT_IN_ROLE_IDS;
const roles = withBuiltIns(role('owner', { name: 'Owner', inherits: [tenantAdmin] }));
const policy = (assignments: RoleAssignmentLike[], tenantId: string | null = TENANT) => compileTenantPolicy(roles, assignments, tenantId, { users: [user('off', 'disabled')] });

describe('adminHolders', () => {
  it('counts tenant-admin held in the tenant, directly or inherited, in force, by active users', () => {
    const holders = adminHolders(
      policy([
        grant('g1', 'ann', tenantAdmin),
        grant('g2', 'bob', 'owner', { expiresAt: iso(NOW + DAY) }),
        grant('g3', 'cat', tenantAdmin, { expiresAt: iso(NOW) }),
        grant('g4', 'dan', tenantAdmin, { validFrom: iso(NOW + 1) }),
        grant('g5', 'off', tenantAdmin),
        grant('g6', 'vendor', tenantAdmin, { tenantId: null }),
        grant('g7', 'mem', member),
      ]),
      NOW,
    );
    expect(holders).toEqual({ now: ['ann', 'bob'], indefinitely: ['ann'], lastUntilMs: Number.POSITIVE_INFINITY });
  });

  it('keeps a platform admin for the platform itself', () => {
    expect(adminHolders(policy([grant('g1', 'root', platformAdmin, { tenantId: null })], null), NOW).now).toEqual(['root']);
  });
});

describe('checkLastAdmin', () => {
  const ann = grant('g1', 'ann', tenantAdmin);
  const bob = grant('g2', 'bob', tenantAdmin);

  it('refuses removing the last admin and names them', () => {
    const issues = checkLastAdmin(policy([ann]), policy([]), NOW);
    expect(issues).toEqual([{
      code: 'FORBIDDEN',
      message: `This would leave tenant ${TENANT} without an administrator: user ann is the only admin now. Grant the admin role to someone else first.`,
      details: { reason: 'last-admin', tenantId: TENANT, adminRoleId: tenantAdmin, adminsBefore: ['ann'] },
    }]);
  });

  it('allows removing one admin of two', () => {
    expect(checkLastAdmin(policy([ann, bob]), policy([bob]), NOW)).toEqual([]);
  });

  it('refuses a change after which every admin grant expires', () => {
    const issues = checkLastAdmin(policy([ann]), policy([{ ...ann, expiresAt: iso(NOW + DAY) }]), NOW);
    expect(reasons(issues)).toEqual(['last-admin-expiring']);
    expect(issues[0]?.message).toContain('the last at 2025-06-02T12:00:00.000Z');
  });

  it('does not count platform-wide grants as the tenant’s admin', () => {
    expect(reasons(checkLastAdmin(policy([ann, grant('g9', 'vendor', tenantAdmin, { tenantId: null })]), policy([grant('g9', 'vendor', tenantAdmin, { tenantId: null })]), NOW))).toEqual(['last-admin']);
  });

  it('does not block changes when the tenant already has no admin', () => {
    expect(checkLastAdmin(policy([grant('g1', 'ann', tenantAdmin, { expiresAt: iso(NOW - DAY) })]), policy([]), NOW)).toEqual([]);
  });
});
