import { BUILT_IN_ROLE_IDS, toRxDocument, type RoleAssignment, type Tenant, type User } from '@steward/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { openReplicaDatabase, type ReplicaDatabase } from './database.ts';
import { TENANT, OFFICER, officer } from './fixtures.ts';
import { createLocalWriter } from './local-writes.ts';

const ADMIN = '01900000-0000-7000-8000-0000000000a1';
const MEMBER = '01900000-0000-7000-8000-0000000000a3';
const NOW = '2026-03-01T10:00:00.000Z';
const base = { revision: 1, updatedAt: '2026-01-01T00:00:00.000Z', _deleted: false } as const;

const tenant: Tenant = {
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
const user = (id: string, email: string): User => officer({ id, email, displayName: email });
const grant = (id: string, userId: string, roleId: string, fields: Partial<RoleAssignment> = {}): RoleAssignment => ({
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
const assignmentId = (n: number): string => `01900000-0000-7000-8000-0000000b${n.toString().padStart(4, '0')}`;

let db: ReplicaDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});

async function world(): Promise<ReplicaDatabase> {
  const replica = await openReplicaDatabase(`writes-${Math.random().toString(36).slice(2)}`, getRxStorageMemory());
  db = replica;
  const put = (name: keyof ReplicaDatabase['collections'], doc: Parameters<typeof toRxDocument>[0]) => replica.collections[name].insert(toRxDocument(doc));
  await put('tenants', tenant);
  for (const [id, email] of [[ADMIN, 'admin@acme.example'], [OFFICER, 'officer@acme.example'], [MEMBER, 'member@acme.example']] as const) await put('users', user(id, email));
  await put('roleAssignments', grant(assignmentId(1), ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin));
  await put('roleAssignments', grant(assignmentId(2), MEMBER, BUILT_IN_ROLE_IDS.member));
  return replica;
}

describe('local writes', () => {
  it('applies a write the domain allows to the replica at once, with the actor as grantor', async () => {
    const replica = await world();
    const writer = createLocalWriter({ db: replica, actorId: ADMIN, now: () => NOW });
    const result = await writer.write('roleAssignments', grant(assignmentId(3), OFFICER, BUILT_IN_ROLE_IDS.member, { grantedBy: MEMBER, revision: 0 }));
    expect(result.ok ? [] : result.issues).toEqual([]);
    const stored = await replica.collections.roleAssignments.findOne(assignmentId(3)).exec();
    expect(stored?.toJSON()).toMatchObject({ userId: OFFICER, roleId: BUILT_IN_ROLE_IDS.member, grantedBy: ADMIN, updatedAt: NOW });
  });

  it('refuses what the actor may not do, with the domain’s reason, and writes nothing', async () => {
    const replica = await world();
    const writer = createLocalWriter({ db: replica, actorId: MEMBER, now: () => NOW });
    const result = await writer.write('roleAssignments', grant(assignmentId(3), MEMBER, BUILT_IN_ROLE_IDS.tenantAdmin));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe('FORBIDDEN');
    expect(await replica.collections.roleAssignments.findOne(assignmentId(3)).exec()).toBeNull();
  });

  it('refuses revoking the last tenant admin before anything is sent', async () => {
    const replica = await world();
    const writer = createLocalWriter({ db: replica, actorId: ADMIN, now: () => NOW });
    const issues = await writer.check('roleAssignments', grant(assignmentId(1), ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin, { _deleted: true }));
    expect(issues).toMatchObject([{ code: 'FORBIDDEN', details: { reason: 'last-admin' } }]);
  });

  it('deletes by keeping the last fields with the tombstone', async () => {
    const replica = await world();
    const writer = createLocalWriter({ db: replica, actorId: ADMIN, now: () => NOW });
    const result = await writer.write('roleAssignments', grant(assignmentId(2), MEMBER, BUILT_IN_ROLE_IDS.member, { _deleted: true }));
    expect(result.ok).toBe(true);
    expect(await replica.collections.roleAssignments.findOne(assignmentId(2)).exec()).toBeNull();
  });
});
