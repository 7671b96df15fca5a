/**
 * Access decides from part of a tenant's state (roles, the principal's own
 * assignments and user record); these tests hold it to the decisions of the
 * full state (loadTenantState) for every principal, tenant and permission of
 * a world built to trip it: inactive and deleted users, users of one tenant
 * holding roles in another, expired and future assignments, custom and
 * inheriting roles, unknown roles, platform staff and an API key.
 */
import { BUILT_IN_ROLE_IDS, can, COLLECTION_ACCESS, type Role, type RoleAssignment, type User } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS, freshDatabasePerTest } from '../../test/databases.ts';
import type { OpenedDatabase } from '../db/open-database.ts';
import { assignmentDoc, tenantDoc, userDoc } from '../seed/builders.ts';
import { rowOf, writeDocuments } from '../store/documents.ts';
import { Access } from './access.ts';
import type { Principal } from './principal.ts';
import { loadTenantState } from './tenant-states.ts';

const id = (n: number): string => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = '2026-06-01T00:00:00.000Z';
const A = id(0xa);
const B = id(0xb);

const USERS = {
  active: id(0x101), // admin in A, auditor in B
  disabled: id(0x102), // admin in A, but disabled there
  crossTenant: id(0x103), // user record in B, role in A
  staff: id(0x104), // platform-wide admin, platform user record
  expired: id(0x105), // admin in A until yesterday
  future: id(0x106), // admin in A from next year
  deleted: id(0x107), // user record deleted, role in A
  customRole: id(0x108), // A's custom role, inheriting the auditor role
  unknownRole: id(0x109), // an assignment to a role nobody has
  noRecord: id(0x10a), // member in A, no user record at all
} as const;

function role(n: number, tenantId: string | null, permissions: string[], inherits: string[] = []): Role {
  return { id: id(n), tenantId, revision: 1, updatedAt: NOW, _deleted: false, name: `role ${n}`, description: '', scope: tenantId === null ? 'platform' : 'tenant', permissions, inherits, exclusiveWith: [], builtIn: false };
}

function world(): { collection: string; doc: User | Role | RoleAssignment | ReturnType<typeof tenantDoc> }[] {
  const grant = (n: number, tenantId: string | null, userId: string, roleId: string, fields: Partial<RoleAssignment> = {}) => ({ collection: 'roleAssignments', doc: assignmentDoc(id(n), tenantId, userId, roleId, USERS.staff, NOW, fields) });
  const user = (userId: string, tenantId: string | null, status: User['status'] = 'active', deleted = false) => ({ collection: 'users', doc: { ...userDoc(userId, tenantId, `${userId}@x.test`, 'Someone', NOW, status), _deleted: deleted } });
  return [
    { collection: 'tenants', doc: tenantDoc(A, 'a', 'A', 'team', NOW) },
    { collection: 'tenants', doc: tenantDoc(B, 'b', 'B', 'team', NOW) },
    { collection: 'roles', doc: role(0x201, A, ['report:*'], [BUILT_IN_ROLE_IDS.auditor]) },
    { collection: 'roles', doc: role(0x202, null, ['tenant:read']) },
    user(USERS.active, A),
    user(USERS.disabled, A, 'disabled'),
    user(USERS.crossTenant, B, 'disabled'),
    user(USERS.staff, null),
    user(USERS.expired, A),
    user(USERS.future, A),
    user(USERS.deleted, A, 'active', true),
    user(USERS.customRole, A),
    user(USERS.unknownRole, A),
    grant(0x301, A, USERS.active, BUILT_IN_ROLE_IDS.tenantAdmin),
    grant(0x302, B, USERS.active, BUILT_IN_ROLE_IDS.auditor),
    grant(0x303, A, USERS.disabled, BUILT_IN_ROLE_IDS.tenantAdmin),
    grant(0x304, A, USERS.crossTenant, BUILT_IN_ROLE_IDS.complianceOfficer),
    grant(0x305, null, USERS.staff, BUILT_IN_ROLE_IDS.platformAdmin),
    grant(0x306, A, USERS.expired, BUILT_IN_ROLE_IDS.tenantAdmin, { expiresAt: '2026-05-31T00:00:00.000Z' }),
    grant(0x307, A, USERS.future, BUILT_IN_ROLE_IDS.tenantAdmin, { validFrom: '2027-01-01T00:00:00.000Z' }),
    grant(0x308, A, USERS.deleted, BUILT_IN_ROLE_IDS.tenantAdmin),
    grant(0x309, A, USERS.customRole, id(0x201)),
    grant(0x30a, null, USERS.customRole, id(0x202)),
    grant(0x30b, A, USERS.unknownRole, id(0x2ff)),
    grant(0x30c, A, USERS.noRecord, BUILT_IN_ROLE_IDS.member),
    // A revoked grant: deleted, so it grants nothing.
    { collection: 'roleAssignments', doc: { ...assignmentDoc(id(0x30d), A, USERS.noRecord, BUILT_IN_ROLE_IDS.tenantAdmin, USERS.staff, NOW), _deleted: true } },
  ];
}

const PERMISSIONS = [
  ...new Set(Object.values(COLLECTION_ACCESS).flatMap((a) => [a.read, `${a.resource}:create`, `${a.resource}:update`, `${a.resource}:delete`])),
  'tenant:manage',
  'role:assign',
  'audit:review',
  'workflow:approve',
  'report:export',
  'tenant:create',
];

describe.each(DATABASE_KINDS)('Access on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  async function seeded(): Promise<OpenedDatabase> {
    const o = await database.open();
    await o.db.transaction().execute((trx) => writeDocuments(trx, o.dialect, world().map(({ collection, doc }) => rowOf(collection, doc))));
    return o;
  }

  const principals: Principal[] = [
    ...Object.values(USERS).map((userId): Principal => ({ kind: 'user', userId, deviceId: null })),
    { kind: 'apiKey', keyId: id(0x401), tenantId: A, permissions: ['user:read', 'audit:*'], ratePerMinute: 60 },
  ];

  it('decides every permission in every tenant as the full tenant state does', async () => {
    const o = await seeded();
    let allowed = 0;
    for (const principal of principals) {
      const actorId = principal.kind === 'user' ? principal.userId : principal.keyId;
      const access = new Access(o.db, principal, NOW);
      for (const tenantId of [A, B, null, id(0xc)]) {
        const state = await loadTenantState(o.db, tenantId, NOW, principal);
        for (const permission of PERMISSIONS) {
          const expected = can(state.policy, { userId: actorId }, permission, { tenantId }, NOW);
          expect({ actorId, tenantId, permission, may: await access.may(permission, tenantId) }).toEqual({ actorId, tenantId, permission, may: expected });
          if (expected) allowed++;
        }
      }
    }
    // The world grants something (a comparison of denials only would prove little).
    expect(allowed).toBeGreaterThan(50);
  });

  it('reads the same scope as before a state was loaded, and after', async () => {
    const o = await seeded();
    for (const principal of principals) {
      const lean = new Access(o.db, principal, NOW);
      const full = new Access(o.db, principal, NOW);
      for (const tenantId of [A, B, null]) await full.state(tenantId);
      for (const collection of Object.keys(COLLECTION_ACCESS) as (keyof typeof COLLECTION_ACCESS)[]) {
        expect(await lean.readScope(collection)).toEqual(await full.readScope(collection));
      }
    }
  });

  it('sees a revocation in the next Access', async () => {
    const o = await seeded();
    const principal: Principal = { kind: 'user', userId: USERS.active, deviceId: null };
    const before = new Access(o.db, principal, NOW);
    expect(await before.may('user:update', A)).toBe(true);
    const revoked = { ...assignmentDoc(id(0x301), A, USERS.active, BUILT_IN_ROLE_IDS.tenantAdmin, USERS.staff, NOW), revision: 2, _deleted: true };
    await o.db.transaction().execute((trx) => writeDocuments(trx, o.dialect, [rowOf('roleAssignments', revoked)]));
    expect(await new Access(o.db, principal, NOW).may('user:update', A)).toBe(false);
    expect((await new Access(o.db, principal, NOW).readScope('users')).tenants).not.toContain(A);
  });
});
