/**
 * The domain's TenantState read from the replica — the same inputs the
 * server loads from its tables (sync-server's tenant-states.ts): the
 * tenant, its roles, assignments and users with the platform-wide ones,
 * its workflows and report runs. Deleted documents are kept out.
 */
import { PLATFORM_TENANT_KEY, fromRxDocument, tenantStateOf, type CollectionName, type DocumentOf, type TenantState } from '@steward/domain';
import type { ReplicaDatabase } from './database.ts';

/** The replica's key for a tenant id (platform-wide documents are stored under ''). */
export function replicaTenantKey(tenantId: string | null): string {
  return tenantId ?? PLATFORM_TENANT_KEY;
}

/** Live documents of one collection whose tenant is one of `tenantIds` (null: platform-wide), in domain form. */
export async function readDocumentsOf<C extends CollectionName>(db: ReplicaDatabase, collection: C, tenantIds: readonly (string | null)[]): Promise<DocumentOf<C>[]> {
  const keys = [...new Set(tenantIds.map(replicaTenantKey))];
  const found = await db.collections[collection].find({ selector: { tenantId: { $in: keys } } }).exec();
  const out: DocumentOf<C>[] = [];
  for (const doc of found) {
    const parsed = fromRxDocument(collection, doc.toJSON() as Readonly<Record<string, unknown>>);
    if (parsed.ok && !parsed.value._deleted) out.push(parsed.value);
  }
  return out;
}

export async function loadReplicaTenantState(db: ReplicaDatabase, tenantId: string | null, now: string): Promise<TenantState> {
  const withPlatform = tenantId === null ? [null] : [tenantId, null];
  const own = [tenantId];
  const [tenants, roles, assignments, users, workflows, reportRuns] = await Promise.all([
    tenantId === null ? Promise.resolve([]) : readDocumentsOf(db, 'tenants', own),
    readDocumentsOf(db, 'roles', withPlatform),
    readDocumentsOf(db, 'roleAssignments', withPlatform),
    readDocumentsOf(db, 'users', withPlatform),
    readDocumentsOf(db, 'workflows', own),
    readDocumentsOf(db, 'reportRuns', own),
  ]);
  return tenantStateOf(tenantId, { tenant: tenants[0] ?? null, roles, assignments, users, workflows, reportRuns }, now);
}
