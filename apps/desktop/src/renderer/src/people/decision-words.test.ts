import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES, compileTenantPolicy, explain, type RoleAssignment, type RoleLike, type User } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { decisionWords } from './decision-words.ts';
import { createDirectory } from './directory.ts';

const TENANT = '01900000-0000-7000-8000-0000000000ac';
const MAYA = '01900000-0000-7000-8000-00000000000a';
const JO = '01900000-0000-7000-8000-00000000000b';
const ADMIN = '01900000-0000-7000-8000-00000000000c';
const NOW = '2026-11-22T12:00:00.000Z';

const ANALYST: RoleLike = { id: '01900000-0000-7000-8000-00000000a001', tenantId: TENANT, name: 'Security analyst', scope: 'tenant', permissions: ['audit:read'], inherits: [BUILT_IN_ROLE_IDS.member], exclusiveWith: [], builtIn: false };
const roles = [...BUILT_IN_ROLES, ANALYST];
const user = (id: string, displayName: string, status: User['status'] = 'active'): User => ({ id, tenantId: TENANT, displayName, email: `${displayName.split(' ')[0]?.toLowerCase() ?? 'x'}@acme.example`, status, mfaEnabled: true, revision: 1, updatedAt: NOW, _deleted: false });
const grant = (id: string, userId: string, roleId: string, over: Partial<RoleAssignment> = {}): RoleAssignment => ({ id, tenantId: TENANT, userId, roleId, grantedBy: ADMIN, validFrom: '2026-01-01T00:00:00.000Z', expiresAt: null, reason: 'Security rota', revision: 1, updatedAt: NOW, _deleted: false, ...over });

const users = [user(MAYA, 'Maya Chen'), user(JO, 'Jo Park'), user(ADMIN, 'Ada Admin')];
const assignments = [
  grant('01900000-0000-7000-8000-00000000c001', MAYA, ANALYST.id),
  grant('01900000-0000-7000-8000-00000000c002', JO, BUILT_IN_ROLE_IDS.complianceOfficer, { expiresAt: '2026-06-01T00:00:00.000Z', reason: 'Cover' }),
];
const policy = compileTenantPolicy(roles, assignments, TENANT, { users });
const directory = createDirectory({ users, roles, tenants: [{ id: TENANT, name: 'Acme Corporation' }], assignments });
const ctx = { directory, policy, assignments, formatDate: (iso: string) => iso.slice(0, 10), formatExpiry: (iso: string) => `${iso.slice(0, 10)} (expiry)` };

describe('decisionWords', () => {
  it('says which grant gives an inherited permission, and through which roles', () => {
    const words = decisionWords(explain(policy, { userId: MAYA }, 'workflow:request', { tenantId: TENANT }, NOW), ctx);
    expect(words.allowed).toBe(true);
    expect(words.headline).toBe('Yes — Maya Chen may workflow:request in Acme Corporation.');
    expect(words.lines).toEqual([
      'It comes from the "Security analyst" grant — granted by Ada Admin on 2026-01-01, no end date, reason: “Security rota”.',
      '"Security analyst" inherits "Member"; "Member" lists workflow:request.',
    ]);
  });

  it('explains a refusal grant by grant, and lists the roles that would give it', () => {
    const words = decisionWords(explain(policy, { userId: JO }, 'audit:review', { tenantId: TENANT }, NOW), ctx);
    expect(words.allowed).toBe(false);
    expect(words.headline).toBe('No — Jo Park may not audit:review in Acme Corporation.');
    expect(words.lines).toEqual(['The "Compliance officer" grant would include it, but it expired on 2026-06-01 (expiry).']);
    expect(words.rolesWithIt).toEqual(['Platform admin', 'Compliance officer']);
  });

  it('says when a person holds no role at all, and when a role lacks the permission', () => {
    expect(decisionWords(explain(policy, { userId: ADMIN }, 'user:read', { tenantId: TENANT }, NOW), ctx).lines).toEqual(['Ada Admin holds no role in Acme Corporation.']);
    expect(decisionWords(explain(policy, { userId: MAYA }, 'user:delete', { tenantId: TENANT }, NOW), ctx).lines).toEqual(['The "Security analyst" grant does not include user:delete.']);
  });

  it('says a wildcard covers the permission', () => {
    const admins = [...assignments, grant('01900000-0000-7000-8000-00000000c003', ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin)];
    const p = compileTenantPolicy(roles, admins, TENANT, { users });
    const words = decisionWords(explain(p, { userId: ADMIN }, 'user:delete', { tenantId: TENANT }, NOW), { ...ctx, policy: p, assignments: admins });
    expect(words.lines[1]).toBe('"Tenant admin" lists user:*, which covers user:delete.');
  });
});
