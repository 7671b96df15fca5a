/** Small builders for seed documents (demo data and tests), so every field is set the same way. */
import type { BUILT_IN_ROLE_IDS, RoleAssignment, Tenant, User } from '@steward/domain';

export type BuiltInRoleKey = keyof typeof BUILT_IN_ROLE_IDS;

export function tenantDoc(id: string, slug: string, name: string, plan: Tenant['plan'], now: string, overrides: Tenant['quotaOverrides'] = {}): Tenant {
  return {
    id, tenantId: id, revision: 1, updatedAt: now, _deleted: false, name, slug, plan, status: 'active',
    branding: { primaryColor: '#2f5d8a' }, featureFlags: {}, retentionDays: 365, quotaOverrides: overrides,
  };
}

export function userDoc(id: string, tenantId: string | null, email: string, displayName: string, now: string, status: User['status'] = 'active'): User {
  return { id, tenantId, revision: 1, updatedAt: now, _deleted: false, email, displayName, status, mfaEnabled: true };
}

export function assignmentDoc(id: string, tenantId: string | null, userId: string, roleId: string, grantedBy: string, now: string, fields: Partial<RoleAssignment> = {}): RoleAssignment {
  return { id, tenantId, revision: 1, updatedAt: now, _deleted: false, userId, roleId, grantedBy, validFrom: '2026-01-01T00:00:00.000Z', expiresAt: null, reason: 'Initial access', ...fields };
}
