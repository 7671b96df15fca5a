/**
 * What a write check needs to know about one tenant: its plan, roles,
 * assignments and users, and its usage. The server loads it from its tables
 * (under the tenant's write lock), the desktop from its replica; both build
 * it with `tenantStateOf`, and `applyToState` keeps it current while a batch
 * of writes is decided one by one.
 */
import type { Instant } from '../rbac/instant.ts';
import { compileTenantPolicy, type TenantPolicy } from '../rbac/policy.ts';
import { BUILT_IN_ROLES } from '../rbac/built-in-roles.ts';
import type { CollectionName, DocumentOf } from '../schema/collections.ts';
import type { Role, RoleAssignment, Tenant, User } from '../schema/identity.ts';
import type { ReportRun } from '../schema/reports.ts';
import type { Workflow } from '../schema/workflows.ts';
import { usageOf, type DocumentUsage } from '../quota/usage.ts';
import type { RoleLike } from '../rbac/types.ts';

/** The stored documents (the tenant's and the platform-wide ones; deleted ones may be included). */
export interface TenantDocuments {
  readonly tenant: Tenant | null;
  readonly roles: readonly Role[];
  readonly assignments: readonly RoleAssignment[];
  readonly users: readonly User[];
  readonly workflows: readonly Workflow[];
  readonly reportRuns: readonly ReportRun[];
}

export interface TenantState {
  /** null: platform-wide records. */
  readonly tenantId: string | null;
  readonly docs: TenantDocuments;
  /** Live roles, built-ins included. */
  readonly roles: readonly RoleLike[];
  /** Live assignments. */
  readonly assignments: readonly RoleAssignment[];
  /** Counted from the documents (platform state counts nothing). */
  readonly usage: DocumentUsage;
  readonly policy: TenantPolicy;
}

const NO_USAGE: DocumentUsage = { seats: 0, roles: 0, workflows: 0, reportRunsPerMonth: 0, storageBytes: 0 };

/** Built-ins first, then the stored roles (a stored copy of a built-in replaces nothing: ids are unique). */
function withBuiltIns(roles: readonly Role[]): RoleLike[] {
  const stored = new Set(roles.map((r) => r.id));
  return [...BUILT_IN_ROLES.filter((r) => !stored.has(r.id)), ...roles];
}

export function tenantStateOf(tenantId: string | null, docs: TenantDocuments, now: Instant): TenantState {
  const roles = withBuiltIns(docs.roles.filter((r) => !r._deleted));
  const assignments = docs.assignments.filter((a) => !a._deleted);
  return {
    tenantId,
    docs,
    roles,
    assignments,
    usage: tenantId === null ? NO_USAGE : usageOf(tenantId, docs, now),
    policy: compileTenantPolicy(roles, assignments, tenantId, { users: docs.users }),
  };
}

function replaced<T extends { readonly id: string }>(list: readonly T[], doc: T): T[] {
  return [...list.filter((d) => d.id !== doc.id), doc];
}

/** The state after `doc` was written (used between the rows of one batch). */
export function applyToState<C extends CollectionName>(state: TenantState, collection: C, doc: DocumentOf<C>, now: Instant): TenantState {
  // The casts follow from `collection`: TypeScript cannot narrow DocumentOf<C> by comparing C.
  const { docs } = state;
  switch (collection) {
    case 'tenants':
      return tenantStateOf(state.tenantId, { ...docs, tenant: doc as Tenant }, now);
    case 'roles':
      return tenantStateOf(state.tenantId, { ...docs, roles: replaced(docs.roles, doc as Role) }, now);
    case 'roleAssignments':
      return tenantStateOf(state.tenantId, { ...docs, assignments: replaced(docs.assignments, doc as RoleAssignment) }, now);
    case 'users':
      return tenantStateOf(state.tenantId, { ...docs, users: replaced(docs.users, doc as User) }, now);
    case 'workflows':
      return tenantStateOf(state.tenantId, { ...docs, workflows: replaced(docs.workflows, doc as Workflow) }, now);
    case 'reportRuns':
      return tenantStateOf(state.tenantId, { ...docs, reportRuns: replaced(docs.reportRuns, doc as ReportRun) }, now);
    default:
      return state;
  }
}
