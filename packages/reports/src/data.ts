/**
 * What templates read: documents as the replica (desktop) or the tables
 * (server) hold them. Each template says which collections it needs, so the
 * server loads only those (an access review does not need 50,000 events).
 */
import {
  BUILT_IN_ROLES,
  err,
  issue,
  ok,
  type AuditEvent,
  type DomainIssue,
  type ReportRun,
  type ReportTemplate,
  type Result,
  type Role,
  type RoleAssignment,
  type RoleLike,
  type Tenant,
  type User,
  type Workflow,
  type WorkflowRun,
} from '@steward/domain';
import type { ScopeTenant } from './model.ts';

export interface ReportData {
  readonly tenants?: readonly Tenant[];
  readonly users?: readonly User[];
  readonly roles?: readonly Role[];
  readonly roleAssignments?: readonly RoleAssignment[];
  readonly auditEvents?: readonly AuditEvent[];
  readonly workflows?: readonly Workflow[];
  readonly workflowRuns?: readonly WorkflowRun[];
  readonly reportRuns?: readonly ReportRun[];
}

export type DataCollection = keyof ReportData;

/** The collections each template reads; anything else may be left out. */
export const TEMPLATE_NEEDS: Readonly<Record<ReportTemplate, readonly DataCollection[]>> = {
  'access-review': ['tenants', 'users', 'roles', 'roleAssignments'],
  'privileged-access': ['tenants', 'users', 'roles', 'roleAssignments'],
  'sod-violations': ['tenants', 'users', 'roles', 'roleAssignments', 'workflows', 'workflowRuns'],
  'audit-activity': ['tenants', 'users', 'auditEvents'],
  'quota-usage': ['tenants', 'users', 'roles', 'workflows', 'reportRuns', 'auditEvents'],
  approvals: ['tenants', 'users', 'workflows', 'workflowRuns'],
};

/** Names for ids, so tables say "Ada Lovelace <ada@acme.example>" rather than a UUID. */
export interface Directory {
  readonly tenants: readonly ScopeTenant[];
  tenantName(id: string | null): string;
  userLabel(id: string): string;
  roleName(id: string): string;
  /** Live roles as RBAC sees them: the built-ins first, then the stored ones. */
  readonly roles: readonly RoleLike[];
}

/** Live (not deleted) documents only: a tombstone is not part of any report. */
export function live<T extends { readonly _deleted: boolean }>(docs: readonly T[] | undefined): T[] {
  return (docs ?? []).filter((d) => !d._deleted);
}

/**
 * Resolves the scope's tenants against the data. Asking for a tenant the data
 * does not hold is an error (the report would be silently empty otherwise);
 * an empty list means every tenant in the data.
 */
export function directoryOf(data: ReportData, tenantIds: readonly string[]): Result<Directory, DomainIssue<'INVALID'>> {
  const tenants = live(data.tenants);
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const missing = tenantIds.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    return err(issue('INVALID', `The report asks for tenant${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not in the data at hand (unknown, deleted, or outside your access).`, { reason: 'unknown-tenant', tenantIds: missing }));
  }
  const chosen = tenantIds.length === 0 ? tenants : tenantIds.flatMap((id) => byId.get(id) ?? []);
  const scope = [...new Map(chosen.map((t) => [t.id, { id: t.id, name: t.name, slug: t.slug }])).values()].sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  const users = new Map((data.users ?? []).map((u) => [u.id, u]));
  const stored = live(data.roles);
  const storedIds = new Set(stored.map((r) => r.id));
  const roles: RoleLike[] = [...BUILT_IN_ROLES.filter((r) => !storedIds.has(r.id)), ...stored];
  const roleNames = new Map(roles.map((r) => [r.id, r.name]));
  const tenantNames = new Map(tenants.map((t) => [t.id, t.name]));
  return ok({
    tenants: scope,
    roles,
    tenantName: (id) => (id === null ? 'Platform-wide' : (tenantNames.get(id) ?? id)),
    userLabel: (id) => {
      const user = users.get(id);
      return user === undefined ? id : `${user.displayName} <${user.email}>`;
    },
    roleName: (id) => roleNames.get(id) ?? id,
  });
}

/** Code-point order, the same on every machine (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
