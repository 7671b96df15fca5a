import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLE_IDS, TENANT_ADMIN_ROLE } from './built-in-roles.ts';
import { NOW, OTHER_TENANT, grant, reasons, role, user, withBuiltIns } from './fixtures.test-support.ts';
import { checkRoleChange, type RoleChange } from './role-change.ts';
import type { RoleAssignmentLike, RoleLike } from './types.ts';

const { tenantAdmin, platformAdmin, member, auditor } = BUILT_IN_ROLE_IDS;
const helper = role('helper', { name: 'Helper', permissions: ['report:read'] });
const roles = withBuiltIns(helper);
const stored: RoleAssignmentLike[] = [grant('a-ann', 'ann', tenantAdmin), grant('a-mark', 'mark', member), grant('a-root', 'root', platformAdmin, { tenantId: null })];

function change(actorId: string, after: RoleLike | null, fields: Partial<RoleChange> = {}): RoleChange {
  return { actorId, before: null, after, roles, assignments: stored, users: [user('ann'), user('mark')], now: NOW, ...fields };
}
const edit = (before: RoleLike, fields: Partial<RoleLike>, extra: Partial<RoleChange> = {}): RoleChange =>
  change('ann', { ...before, ...fields }, { before, ...extra });

describe('checkRoleChange: who may write', () => {
  it('allows a tenant admin to create, edit and delete roles within their powers', () => {
    expect(checkRoleChange(change('ann', role('new', { name: 'New', permissions: ['report:*', 'user:read'], inherits: ['helper'] })))).toEqual([]);
    expect(checkRoleChange(edit(helper, { permissions: ['report:export'] }))).toEqual([]);
    expect(checkRoleChange(change('ann', { ...helper, _deleted: true }, { before: helper }))).toEqual([]);
  });

  it('asks for role:create, role:update or role:delete as the change needs', () => {
    const causes = (c: RoleChange): unknown => checkRoleChange(c)[0]?.details?.['permission'];
    expect(causes(change('mark', role('new', { name: 'New' })))).toBe('role:create');
    expect(causes({ ...edit(helper, { name: 'Helper 2' }), actorId: 'mark' })).toBe('role:update');
    expect(causes(change('mark', null, { before: helper }))).toBe('role:delete');
  });

  it('refuses a role granting more than its author holds, in words about defining a role', () => {
    const issues = checkRoleChange(edit(helper, { permissions: ['report:read', 'audit:export'] }));
    expect(issues).toEqual([{
      code: 'FORBIDDEN',
      message: 'You cannot save role "Helper" this way: it would grant audit:export, which you lack. A role may not grant more than its author holds.',
      details: { reason: 'privilege-escalation', granterId: 'ann', roleId: 'helper', missing: ['audit:export'] },
    }]);
    // Inheriting counts too: the whole effective set is compared.
    expect(reasons(checkRoleChange(change('ann', role('sneaky', { name: 'Sneaky', inherits: [BUILT_IN_ROLE_IDS.complianceOfficer] }))))).toEqual(['privilege-escalation']);
  });

  it('refuses a tenant admin writing another tenant’s roles or a platform-wide role', () => {
    expect(checkRoleChange(change('ann', role('x', { name: 'X', tenantId: OTHER_TENANT })))[0]?.details).toMatchObject({ reason: 'not-permitted', tenantId: OTHER_TENANT });
    expect(checkRoleChange(change('ann', role('x', { name: 'X', tenantId: null })))[0]?.details).toMatchObject({ reason: 'not-permitted', tenantId: null });
  });
});

describe('checkRoleChange: a valid role', () => {
  it('rejects cyclic inheritance, naming the cycle', () => {
    const a = role('a', { name: 'Alpha', inherits: ['b'] });
    const b = role('b', { name: 'Beta' });
    const issues = checkRoleChange(edit(b, { inherits: ['a'] }, { roles: [...roles, a, b] }));
    expect(reasons(issues)).toEqual(['inheritance-cycle']);
    expect(issues[0]?.code).toBe('INVALID');
    expect(issues[0]?.message).toContain('"Alpha" → "Beta" → "Alpha"');
    expect(reasons(checkRoleChange(edit(helper, { inherits: ['helper'] })))).toEqual(['inheritance-cycle']);
  });

  it('rejects malformed permissions with the grammar’s reason', () => {
    const issues = checkRoleChange(edit(helper, { permissions: ['report:read', 'audit:*:x', '*:read'] }));
    expect(issues.map((i) => [i.code, i.details?.['problem']])).toEqual([['INVALID', 'too-many-separators'], ['INVALID', 'cross-resource-wildcard']]);
  });

  it('rejects links that cannot count, a missing name, and a platform scope inside a tenant', () => {
    expect(reasons(checkRoleChange(edit(helper, { inherits: ['ghost'] })))).toEqual(['unknown-inherited-role']);
    expect(reasons(checkRoleChange(edit(helper, { inherits: [platformAdmin] })))).toEqual(['tenant-role-inherits-platform-role']);
    expect(reasons(checkRoleChange(edit(helper, { name: ' ' })))).toEqual(['name-required']);
    expect(reasons(checkRoleChange(edit(helper, { scope: 'platform' })))).toEqual(['platform-role-in-tenant']);
  });

  it('rejects a role that combines mutually exclusive roles: it could never be granted', () => {
    const issues = checkRoleChange(change('root', role('both', { name: 'Both', inherits: [tenantAdmin, auditor] })));
    expect(issues).toEqual([expect.objectContaining({ code: 'INVALID', message: '"Both" could never be granted: it combines "Tenant admin" and "Auditor", which are mutually exclusive.' })]);
  });

  it('keeps built-in roles untouchable, even under a forged document', () => {
    const [edited] = checkRoleChange(change('root', { ...TENANT_ADMIN_ROLE, permissions: ['*'] }, { before: TENANT_ADMIN_ROLE }));
    expect(edited).toMatchObject({ code: 'IMMUTABLE', details: { reason: 'built-in-role', roleId: tenantAdmin } });
    // Regression: a new, non-built-in document reusing a built-in's id replaced it in the compile.
    const [forged] = checkRoleChange(change('root', role(tenantAdmin, { name: 'Mine now', permissions: ['*'] })));
    expect(forged?.message).toBe('"Tenant admin" is a built-in role; it cannot be created, changed or deleted. Create a role of your own instead.');
  });

  it('keeps a role’s identity: id, tenant and built-in flag', () => {
    expect(reasons(checkRoleChange(change('ann', { ...helper, id: 'other' }, { before: helper })))).toEqual(['id-changed']);
    expect(checkRoleChange(edit(helper, { tenantId: OTHER_TENANT })).map((i) => i.code)).toEqual(['IMMUTABLE']);
  });

  it('refuses deleting a role others inherit', () => {
    const user2 = role('user2', { name: 'Uses helper', inherits: ['helper'] });
    const issues = checkRoleChange(change('ann', null, { before: helper, roles: [...roles, user2] }));
    expect(issues).toEqual([expect.objectContaining({ code: 'INVALID', message: '"Helper" is inherited by "Uses helper"; remove those links before deleting it.' })]);
  });

  it('refuses an invalid clock', () => {
    expect(reasons(checkRoleChange({ ...edit(helper, { name: 'H' }), now: Number.NaN }))).toEqual(['invalid-clock']);
  });
});

describe('checkRoleChange: invariants for the people holding the role', () => {
  const owner = role('owner', { name: 'Owner', inherits: [tenantAdmin] });
  const ownerOnly = [grant('a-olive', 'olive', 'owner'), grant('a-root', 'root', platformAdmin, { tenantId: null })];

  it('refuses dropping admin powers from the role the tenant’s only admin holds, or deleting it', () => {
    const base = { roles: [...roles, owner], assignments: ownerOnly, actorId: 'root' };
    expect(reasons(checkRoleChange({ ...edit(owner, { inherits: [] }, base), actorId: 'root' }))).toEqual(['last-admin']);
    expect(reasons(checkRoleChange({ ...change('root', null, { before: owner, ...base }) }))).toEqual(['last-admin']);
  });

  it('refuses an edit that would make a holder break separation of duties', () => {
    const assignments = [...stored, grant('a-zed-helper', 'zed', 'helper'), grant('a-zed-aud', 'zed', auditor)];
    const issues = checkRoleChange(change('root', { ...helper, inherits: [tenantAdmin] }, { before: helper, assignments }));
    expect(issues).toEqual([{
      code: 'FORBIDDEN',
      message: 'Separation of duties: after this change user zed would hold both "Tenant admin" and "Auditor" (assignments a-zed-helper and a-zed-aud), which are mutually exclusive. Revoke one first.',
      details: { reason: 'separation-of-duties', userId: 'zed', roleId: 'helper', exclusivePair: [tenantAdmin, auditor], assignmentIds: ['a-zed-helper', 'a-zed-aud'] },
    }]);
    // A new exclusion between roles someone already holds together is refused as well.
    const both = [...stored, grant('a-zed-helper', 'zed', 'helper'), grant('a-zed-member', 'zed', member)];
    expect(reasons(checkRoleChange(change('ann', { ...helper, exclusiveWith: [member] }, { before: helper, assignments: both })))).toEqual(['separation-of-duties']);
  });

  it('does not blame an edit for a breach that already existed', () => {
    const assignments = [...stored, grant('a-zed-admin', 'zed', tenantAdmin), grant('a-zed-aud', 'zed', auditor), grant('a-zed-helper', 'zed', 'helper')];
    expect(checkRoleChange(change('ann', { ...helper, permissions: ['report:export'] }, { before: helper, assignments }))).toEqual([]);
  });
});

describe('cyclic inheritance is always rejected by checkRoleChange', () => {
  it('refuses the edit that closes any cycle in a random DAG', () => {
    const scenario = fc.record({
      size: fc.integer({ min: 1, max: 10 }),
      links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 15 }),
      cycle: fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(scenario, ({ size, links, cycle }) => {
        // A DAG: role i inherits only roles j < i. The cycle's path runs downwards too…
        const inherits = Array.from({ length: size }, () => new Set<string>());
        for (const [from, to] of links) if (to % size < from % size) inherits[from % size]?.add(`r${to % size}`);
        const path = [...new Set(cycle.map((c) => c % size))].sort((x, y) => y - x);
        path.forEach((m, i) => {
          const next = path[i + 1];
          if (next !== undefined) inherits[m]?.add(`r${next}`);
        });
        const customRoles = inherits.map((parents, i) => role(`r${i}`, { name: `Role ${i}`, permissions: ['report:read'], inherits: [...parents] }));
        // …and the edit closes it, from the lowest role back up to the highest.
        const lowest = path.at(-1) ?? 0;
        const highest = path[0] ?? 0;
        const before = customRoles[lowest] ?? role('r0');
        const after = { ...before, inherits: [...before.inherits, `r${highest}`] };
        const issues = checkRoleChange({ actorId: 'ann', before, after, roles: [...roles, ...customRoles], assignments: stored, now: NOW });
        expect(issues.length).toBeGreaterThan(0);
        expect(issues.every((i) => i.code === 'INVALID')).toBe(true);
        const cycleIssue = issues.find((i) => i.details?.['reason'] === 'inheritance-cycle');
        expect(cycleIssue?.details?.['roleIds']).toEqual(expect.arrayContaining([`r${lowest}`, `r${highest}`]));
      }),
      { numRuns: 300 },
    );
  });
});
