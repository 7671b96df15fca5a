/**
 * The permissions Steward's own screens and server check today. The grammar
 * (permission.ts) stays open: roles may carry permissions for resources added
 * later, and those are matched like any other.
 */
export const RESOURCES = ['tenant', 'user', 'role', 'audit', 'workflow', 'report'] as const;
export type Resource = (typeof RESOURCES)[number];

export const PERMISSIONS = {
  tenantRead: 'tenant:read',
  tenantUpdate: 'tenant:update',
  tenantCreate: 'tenant:create',
  /** Plan, status and quota overrides: the platform's settings for a tenant, not the tenant's own. */
  tenantManage: 'tenant:manage',
  userRead: 'user:read',
  userCreate: 'user:create',
  userUpdate: 'user:update',
  userDelete: 'user:delete',
  roleRead: 'role:read',
  roleCreate: 'role:create',
  roleUpdate: 'role:update',
  roleDelete: 'role:delete',
  roleAssign: 'role:assign',
  auditRead: 'audit:read',
  auditReview: 'audit:review',
  auditExport: 'audit:export',
  workflowRead: 'workflow:read',
  workflowCreate: 'workflow:create',
  workflowUpdate: 'workflow:update',
  workflowDelete: 'workflow:delete',
  workflowRequest: 'workflow:request',
  workflowApprove: 'workflow:approve',
  reportRead: 'report:read',
  reportCreate: 'report:create',
  reportUpdate: 'report:update',
  reportDelete: 'report:delete',
  reportRun: 'report:run',
  reportExport: 'report:export',
} as const;

export type CataloguedPermission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

export const PERMISSION_CATALOGUE: readonly CataloguedPermission[] = Object.freeze(Object.values(PERMISSIONS));

const CATALOGUED: ReadonlySet<string> = new Set<string>(PERMISSION_CATALOGUE);

export function isCataloguedPermission(text: string): text is CataloguedPermission {
  return CATALOGUED.has(text);
}
