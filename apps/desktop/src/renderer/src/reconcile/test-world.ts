/** A small tenant in a memory replica, with a memory reconcile store, for the reconcile tests. */
import { BUILT_IN_ROLE_IDS, toRxDocument, type AnyDocument, type CollectionName, type RoleAssignment, type Tenant, type User } from '@steward/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openReplicaDatabase, type ReplicaDatabase } from '../replica/database.ts';
import { TENANT, OFFICER, officer } from '../replica/fixtures.ts';
import { openReconcileStore, type ReconcileStore } from './reconcile-store.ts';

export { TENANT, OFFICER };
export const ADMIN = '01900000-0000-7000-8000-0000000000a1';
export const MEMBER = '01900000-0000-7000-8000-0000000000a3';
export const NOW = '2026-03-01T10:00:00.000Z';
const base = { revision: 1, updatedAt: '2026-01-01T00:00:00.000Z', _deleted: false } as const;

export const tenant: Tenant = {
  ...base,
  id: TENANT,
  tenantId: TENANT,
  name: 'Acme',
  slug: 'acme',
  plan: 'team',
  status: 'active',
  branding: { primaryColor: '#123456' },
  featureFlags: {},
  retentionDays: 365,
  quotaOverrides: {},
};

export const user = (id: string, email: string, fields: Partial<User> = {}): User => officer({ id, email, displayName: email, ...fields });
export const memberUser = user(MEMBER, 'member@acme.example');

export const assignmentId = (n: number): string => `01900000-0000-7000-8000-0000000b${n.toString().padStart(4, '0')}`;
export const grant = (id: string, userId: string, roleId: string, fields: Partial<RoleAssignment> = {}): RoleAssignment => ({
  ...base,
  id,
  tenantId: TENANT,
  userId,
  roleId,
  grantedBy: ADMIN,
  validFrom: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  reason: 'onboarding',
  ...fields,
});

export interface World {
  readonly db: ReplicaDatabase;
  readonly store: ReconcileStore;
  put(collection: CollectionName, doc: AnyDocument): Promise<void>;
  close(): Promise<void>;
}

/** Acme with an admin, an officer (compliance officer) and a member. */
export async function openWorld(): Promise<World> {
  const suffix = Math.random().toString(36).slice(2);
  const db = await openReplicaDatabase(`reconcile-replica-${suffix}`, getRxStorageMemory());
  const store = await openReconcileStore(`reconcile-store-${suffix}`, getRxStorageMemory());
  const put = async (collection: CollectionName, doc: AnyDocument): Promise<void> => {
    await db.collections[collection].upsert(toRxDocument(doc));
  };
  await put('tenants', tenant);
  for (const [id, email] of [[ADMIN, 'admin@acme.example'], [OFFICER, 'officer@acme.example'], [MEMBER, 'member@acme.example']] as const) await put('users', user(id, email));
  await put('roleAssignments', grant(assignmentId(1), ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin));
  await put('roleAssignments', grant(assignmentId(2), OFFICER, BUILT_IN_ROLE_IDS.complianceOfficer));
  await put('roleAssignments', grant(assignmentId(3), MEMBER, BUILT_IN_ROLE_IDS.member));
  return {
    db,
    store,
    put,
    close: async () => {
      await store.remove();
      await db.remove();
    },
  };
}
