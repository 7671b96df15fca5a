import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES, type Role, type RoleAssignment, type Tenant, type User } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { assignmentStateAt, currentRoleNames, userAssignments } from './assignment-rows.ts';
import { createDirectory } from './directory.ts';
import { documentToCheck, expiryInstant, grantDocument, lastDayOf, PENDING_REASON } from './grant-draft.ts';
import { grantableInTenant, rolesInTenant } from './roles-in-tenant.ts';
import { initialTenantId, searchUsers, usersOfTenant } from './tenant-people.ts';

const ACME = '01900000-0000-7000-8000-0000000000ac';
const GLOBEX = '01900000-0000-7000-8000-0000000000ad';
const NOW = '2026-11-22T12:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const user = (id: string, tenantId: string | null, displayName: string, email: string): User => ({ id, tenantId, displayName, email, status: 'active', mfaEnabled: true, revision: 1, updatedAt: NOW, _deleted: false });
const grant = (id: string, userId: string, roleId: string, over: Partial<RoleAssignment> = {}): RoleAssignment => ({ id, tenantId: ACME, userId, roleId, grantedBy: 'a', validFrom: '2026-01-01T00:00:00.000Z', expiresAt: null, reason: 'r', revision: 1, updatedAt: NOW, _deleted: false, ...over });
const tenant = (id: string, name: string): Tenant => ({ id, tenantId: id, name, slug: name.toLowerCase(), plan: 'team', status: 'active', branding: { primaryColor: '#000000' }, featureFlags: {}, retentionDays: 30, quotaOverrides: {}, revision: 1, updatedAt: NOW, _deleted: false });

const TOMAS = user('01900000-0000-7000-8000-000000000001', ACME, 'Tomás Moreno', 'tomas.moreno@acme.example');
const ZOE = user('01900000-0000-7000-8000-000000000002', ACME, 'Zoe Walsh', 'zoe@acme.example');
const GUEST = user('01900000-0000-7000-8000-000000000003', GLOBEX, 'Amara Osei', 'amara@globex.example');
const OTHER = user('01900000-0000-7000-8000-000000000004', GLOBEX, 'Colin Berg', 'colin@globex.example');

describe('usersOfTenant and searchUsers', () => {
  it('lists the tenant\'s accounts and anyone granted a role there, by name', () => {
    const list = usersOfTenant([ZOE, OTHER, GUEST, TOMAS], [grant('g1', GUEST.id, BUILT_IN_ROLE_IDS.member)], ACME);
    expect(list.map((u) => u.displayName)).toEqual(['Amara Osei', 'Tomás Moreno', 'Zoe Walsh']);
  });

  it('matches every word, ignoring case and accents, on name or email', () => {
    expect(searchUsers([TOMAS, ZOE], 'tomas').map((u) => u.id)).toEqual([TOMAS.id]);
    expect(searchUsers([TOMAS, ZOE], 'WALSH acme').map((u) => u.id)).toEqual([ZOE.id]);
    expect(searchUsers([TOMAS, ZOE], '  ')).toHaveLength(2);
    expect(searchUsers([TOMAS, ZOE], 'nobody')).toEqual([]);
  });

  it('starts on the chosen tenant, else the person\'s own, else the first by name', () => {
    const tenants = [tenant(GLOBEX, 'Globex'), tenant(ACME, 'Acme')];
    expect(initialTenantId(tenants, GLOBEX, ACME)).toBe(ACME);
    expect(initialTenantId(tenants, GLOBEX, null)).toBe(GLOBEX);
    expect(initialTenantId(tenants, null, 'gone')).toBe(ACME);
    expect(initialTenantId([], null, null)).toBeNull();
  });
});

describe('userAssignments', () => {
  const directory = createDirectory({ users: [TOMAS], roles: BUILT_IN_ROLES, tenants: [] });
  const rows = [
    grant('g1', TOMAS.id, BUILT_IN_ROLE_IDS.member),
    grant('g2', TOMAS.id, BUILT_IN_ROLE_IDS.auditor, { expiresAt: '2026-11-01T00:00:00.000Z' }),
    grant('g3', TOMAS.id, BUILT_IN_ROLE_IDS.complianceOfficer, { expiresAt: '2026-12-01T00:00:00.000Z' }),
    grant('g4', TOMAS.id, BUILT_IN_ROLE_IDS.tenantAdmin, { validFrom: '2026-12-24T00:00:00.000Z' }),
    grant('g5', TOMAS.id, BUILT_IN_ROLE_IDS.auditor, { expiresAt: '2026-03-01T00:00:00.000Z' }),
    grant('g6', TOMAS.id, BUILT_IN_ROLE_IDS.member, { tenantId: GLOBEX }),
    grant('g7', ZOE.id, BUILT_IN_ROLE_IDS.member),
    grant('g8', TOMAS.id, BUILT_IN_ROLE_IDS.platformAdmin, { tenantId: null }),
  ];

  it('splits current from expired, soonest end first / latest end first, and names roles', () => {
    const { current, expired } = userAssignments(rows, TOMAS.id, ACME, NOW_MS, directory);
    expect(current.map((r) => [r.assignment.id, r.state])).toEqual([['g3', 'active'], ['g1', 'active'], ['g8', 'active'], ['g4', 'scheduled']]);
    expect(expired.map((r) => r.assignment.id)).toEqual(['g2', 'g5']);
    expect(current[0]?.roleName).toBe('Compliance officer');
    expect(current.find((r) => r.assignment.id === 'g8')?.platformWide).toBe(true);
  });

  it('ends a grant at its expiry instant exactly', () => {
    expect(assignmentStateAt({ validFrom: NOW, expiresAt: '2026-11-22T12:00:00.001Z' }, NOW_MS)).toBe('active');
    expect(assignmentStateAt({ validFrom: '2026-01-01T00:00:00.000Z', expiresAt: NOW }, NOW_MS)).toBe('expired');
  });

  it('names the roles held now', () => {
    expect(currentRoleNames(rows, TOMAS.id, ACME, NOW_MS, directory)).toEqual(['Compliance officer', 'Member', 'Platform admin']);
  });
});

describe('grant drafts', () => {
  it('turns the last day of a grant into the start of the next local day, and refuses impossible dates', () => {
    expect(expiryInstant('')).toBeNull();
    expect(expiryInstant('2026-12-31')).toBe(new Date(2027, 0, 1).toISOString());
    expect(expiryInstant('2026-02-30')).toBeUndefined();
    expect(expiryInstant('31/12/2026')).toBeUndefined();
  });

  it('reads a grant that stops at local midnight back as its last day, and nothing else', () => {
    for (const day of ['2026-12-31', '2027-03-01', '2028-02-29']) expect(lastDayOf(expiryInstant(day) ?? '')).toBe(day);
    expect(lastDayOf(new Date(2027, 0, 1, 9, 30).toISOString())).toBeNull();
    expect(lastDayOf('not a date')).toBeNull();
  });

  it('builds the assignment document the domain checks, with a stand-in reason only for live checks', () => {
    const doc = grantDocument({ roleId: BUILT_IN_ROLE_IDS.auditor, expiresOn: '', reason: '  Q4 audit  ' }, { id: 'd1', tenantId: ACME, userId: TOMAS.id, actorId: 'me', nowIso: NOW }, null);
    expect(doc).toEqual({ id: 'd1', tenantId: ACME, userId: TOMAS.id, roleId: BUILT_IN_ROLE_IDS.auditor, grantedBy: 'me', validFrom: NOW, expiresAt: null, reason: 'Q4 audit', revision: 0, updatedAt: NOW, _deleted: false });
    expect(documentToCheck(doc)).toBe(doc);
    expect(documentToCheck({ ...doc, reason: '' }).reason).toBe(PENDING_REASON);
  });
});

describe('rolesInTenant', () => {
  const own: Role = { id: '01900000-0000-7000-8000-00000000a001', tenantId: ACME, name: 'Access reviewer', description: '', scope: 'tenant', permissions: ['role:read'], inherits: [], exclusiveWith: [], builtIn: false, revision: 1, updatedAt: NOW, _deleted: false };
  const foreign: Role = { ...own, id: '01900000-0000-7000-8000-00000000a002', tenantId: GLOBEX, name: 'Globex only' };

  it('lists built-ins first (from the code when not stored), then the tenant\'s own, and never another tenant\'s', () => {
    const roles = rolesInTenant([foreign, own], ACME);
    expect(roles.map((r) => r.name)).toEqual([...BUILT_IN_ROLES.map((r) => r.name), 'Access reviewer']);
    expect(grantableInTenant(roles).map((r) => r.name)).not.toContain('Platform admin');
  });
});
