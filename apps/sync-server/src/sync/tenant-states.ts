/**
 * Loads what the write rules and read scopes need about a tenant from the
 * server's tables: its roles, assignments, users, workflows and report runs
 * (platform-wide ones included), as the domain's TenantState.
 *
 * An API key acts as a principal with a fixed permission list in one
 * tenant; it is represented as a role held by the key, so the domain's RBAC
 * (explain, escalation checks) treats it like any other holder.
 */
import { tenantStateOf, type Role, type RoleAssignment, type Tenant, type TenantState, type User, type Workflow, type ReportRun } from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { readCollection, type ReadScope } from '../store/documents.ts';
import type { Principal } from './principal.ts';

type Reader = Db | Transaction<Database>;

async function bodies<T>(db: Reader, collection: string, scope: ReadScope): Promise<T[]> {
  // Stored bodies were validated by the domain schema when they were written.
  return (await readCollection(db, collection, scope)).map((doc) => doc.body as T);
}

export async function loadTenantState(db: Reader, tenantId: string | null, now: string, principal?: Principal): Promise<TenantState> {
  const withPlatform: ReadScope = { tenants: tenantId === null ? [] : [tenantId], platform: true };
  const own: ReadScope = { tenants: tenantId === null ? [] : [tenantId], platform: tenantId === null };
  const [tenants, roles, assignments, users, workflows, reportRuns] = await Promise.all([
    tenantId === null ? Promise.resolve([]) : bodies<Tenant>(db, 'tenants', own),
    bodies<Role>(db, 'roles', withPlatform),
    bodies<RoleAssignment>(db, 'roleAssignments', withPlatform),
    bodies<User>(db, 'users', withPlatform),
    bodies<Workflow>(db, 'workflows', own),
    bodies<ReportRun>(db, 'reportRuns', own),
  ]);
  const key = principal?.kind === 'apiKey' && principal.tenantId === tenantId ? apiKeyGrant(principal, now) : undefined;
  return tenantStateOf(
    tenantId,
    {
      tenant: tenants[0] ?? null,
      roles: key === undefined ? roles : [...roles, key.role],
      assignments: key === undefined ? assignments : [...assignments, key.assignment],
      users,
      workflows,
      reportRuns,
    },
    now,
  );
}

/** An API key's permissions in its tenant, as a role the key holds. */
export function apiKeyGrant(principal: Extract<Principal, { kind: 'apiKey' }>, now: string): { role: Role; assignment: RoleAssignment } {
  const base = { revision: 0, updatedAt: now, _deleted: false };
  return {
    // builtIn: true keeps the key's role out of the tenant's role count.
    role: { ...base, id: principal.keyId, tenantId: principal.tenantId, name: 'API key', description: '', scope: 'tenant', permissions: [...principal.permissions], inherits: [], exclusiveWith: [], builtIn: true },
    assignment: { ...base, id: principal.keyId, tenantId: principal.tenantId, userId: principal.keyId, roleId: principal.keyId, grantedBy: principal.keyId, validFrom: '1970-01-01T00:00:00.000Z', expiresAt: null, reason: 'API key' },
  };
}
