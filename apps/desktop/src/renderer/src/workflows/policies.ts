/**
 * Each tenant's compiled RBAC policy, from the replica's documents: the same
 * `tenantStateOf` the write check uses, so "may this person decide?" gets
 * the answer the writer (and the server) would give.
 */
import { tenantStateOf, type Instant, type Role, type RoleAssignment, type TenantPolicy, type User } from '@steward/domain';

export interface PolicyDocuments {
  readonly roles: readonly Role[];
  readonly roleAssignments: readonly RoleAssignment[];
  readonly users: readonly User[];
}

/** The policy of each tenant in `tenantIds`, built from that tenant's and the platform-wide documents. */
export function policiesByTenant(docs: PolicyDocuments, tenantIds: Iterable<string>, now: Instant): Map<string, TenantPolicy> {
  const policies = new Map<string, TenantPolicy>();
  for (const tenantId of new Set(tenantIds)) {
    const mine = <T extends { readonly tenantId: string | null }>(d: T): boolean => d.tenantId === tenantId || d.tenantId === null;
    const state = tenantStateOf(tenantId, { tenant: null, roles: docs.roles.filter(mine), assignments: docs.roleAssignments.filter(mine), users: docs.users.filter(mine), workflows: [], reportRuns: [] }, now);
    policies.set(tenantId, state.policy);
  }
  return policies;
}
