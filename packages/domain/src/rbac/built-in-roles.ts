/**
 * The roles every tenant starts with. Their ids are fixed (UUIDv7-shaped, so
 * they sort and validate like any other id) so that desktop and server, and
 * every tenant, refer to the same documents. They are platform-wide
 * definitions (tenantId null) and cannot be edited.
 *
 * Separation of duties: the auditor is exclusive with tenant-admin and
 * compliance-officer, because an auditor must be independent of the people
 * whose actions they examine. tenant-admin and compliance-officer stay
 * compatible so small tenants (3 seats on Free) can run; tenants that want
 * them apart define their own role. tenant-admin gets only audit:read: the
 * admin's own actions fill the audit trail, so reviewing and exporting it
 * belongs to the compliance officer and the auditor.
 */
import type { RoleLike } from './types.ts';

export const BUILT_IN_ROLE_IDS = {
  platformAdmin: '00000000-0000-7000-8000-000000000001',
  tenantAdmin: '00000000-0000-7000-8000-000000000002',
  complianceOfficer: '00000000-0000-7000-8000-000000000003',
  auditor: '00000000-0000-7000-8000-000000000004',
  member: '00000000-0000-7000-8000-000000000005',
} as const;

const ids = BUILT_IN_ROLE_IDS;

function builtIn(role: Omit<RoleLike, 'tenantId' | 'builtIn' | 'inherits'> & Partial<Pick<RoleLike, 'inherits'>>): RoleLike {
  return Object.freeze({
    id: role.id,
    tenantId: null,
    name: role.name,
    scope: role.scope,
    permissions: Object.freeze([...role.permissions]),
    inherits: Object.freeze([...(role.inherits ?? [])]),
    exclusiveWith: Object.freeze([...role.exclusiveWith]),
    builtIn: true,
  });
}

export const PLATFORM_ADMIN_ROLE = builtIn({
  id: ids.platformAdmin,
  name: 'Platform admin',
  scope: 'platform',
  permissions: ['*'],
  exclusiveWith: [],
});

export const TENANT_ADMIN_ROLE = builtIn({
  id: ids.tenantAdmin,
  name: 'Tenant admin',
  scope: 'tenant',
  permissions: ['tenant:read', 'tenant:update', 'user:*', 'role:*', 'audit:read', 'workflow:*', 'report:*'],
  exclusiveWith: [ids.auditor],
});

export const COMPLIANCE_OFFICER_ROLE = builtIn({
  id: ids.complianceOfficer,
  name: 'Compliance officer',
  scope: 'tenant',
  permissions: [
    'tenant:read',
    'user:read',
    'role:read',
    'audit:read',
    'audit:review',
    'audit:export',
    'workflow:read',
    'workflow:approve',
    'report:*',
  ],
  exclusiveWith: [ids.auditor],
});

export const AUDITOR_ROLE = builtIn({
  id: ids.auditor,
  name: 'Auditor',
  scope: 'tenant',
  permissions: [
    'tenant:read',
    'user:read',
    'role:read',
    'audit:read',
    'audit:export',
    'workflow:read',
    'report:read',
    'report:export',
  ],
  exclusiveWith: [ids.tenantAdmin, ids.complianceOfficer],
});

export const MEMBER_ROLE = builtIn({
  id: ids.member,
  name: 'Member',
  scope: 'tenant',
  permissions: ['tenant:read', 'user:read', 'workflow:read', 'workflow:request', 'report:read'],
  exclusiveWith: [],
});

export const BUILT_IN_ROLES: readonly RoleLike[] = Object.freeze([
  PLATFORM_ADMIN_ROLE,
  TENANT_ADMIN_ROLE,
  COMPLIANCE_OFFICER_ROLE,
  AUDITOR_ROLE,
  MEMBER_ROLE,
]);

/**
 * The role whose holders keep a scope administrable: tenant-admin in a tenant,
 * platform-admin for the platform itself (tenantId null).
 */
export function adminRoleIdFor(tenantId: string | null): string {
  return tenantId === null ? ids.platformAdmin : ids.tenantAdmin;
}
