import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantedPermission, randomTenant, wellFormedPermission } from './arbitraries.test-support.ts';
import { TENANT_ADMIN_ROLE } from './built-in-roles.ts';
import { checkEscalation } from './escalation.ts';
import { TENANT } from './fixtures.test-support.ts';
import { implies } from './permission.ts';
import { permissionSetOf, permissionsOfSet } from './permission-set.ts';
import { compileRoleGraph } from './role-graph.ts';

const tenantAdmin = { id: TENANT_ADMIN_ROLE.id, name: TENANT_ADMIN_ROLE.name, permissions: TENANT_ADMIN_ROLE.permissions };

describe('checkEscalation', () => {
  it('refuses a grant naming exactly the permissions the granter lacks', () => {
    const granter = { userId: 'ann', permissions: ['tenant:*', 'user:read', 'user:create', 'role:assign', 'audit:read', 'workflow:*', 'report:*'] };
    expect(checkEscalation(granter, tenantAdmin)).toEqual([{
      code: 'FORBIDDEN',
      message: 'You cannot grant "Tenant admin": you lack user:*, role:*. Nobody may grant a role with permissions they do not hold themselves.',
      details: { reason: 'privilege-escalation', granterId: 'ann', roleId: TENANT_ADMIN_ROLE.id, missing: ['user:*', 'role:*'] },
    }]);
  });

  it('allows a granter holding everything the role holds, through wildcards or "*"', () => {
    expect(checkEscalation({ userId: 'root', permissions: ['*'] }, tenantAdmin)).toEqual([]);
    expect(checkEscalation({ userId: 'ann', permissions: permissionSetOf(TENANT_ADMIN_ROLE.permissions) }, tenantAdmin)).toEqual([]);
    expect(checkEscalation({ userId: 'ann', permissions: ['audit:*'] }, { id: 'r', name: 'R', permissions: ['audit:read', 'audit:export'] })).toEqual([]);
  });

  it('asks for wildcards to be held as wildcards', () => {
    const issues = checkEscalation({ userId: 'ann', permissions: ['audit:read', 'audit:review', 'audit:export'] }, { id: 'r', name: 'Audit all', permissions: ['audit:*'] });
    expect(issues[0]?.details?.['missing']).toEqual(['audit:*']);
  });

  it('compares the effective set when given one, and words a role definition differently', () => {
    const graph = compileRoleGraph([{ id: 'child', tenantId: TENANT, name: 'Child', scope: 'tenant', permissions: ['user:read'], inherits: ['parent'], exclusiveWith: [], builtIn: false }, { id: 'parent', tenantId: TENANT, name: 'Parent', scope: 'tenant', permissions: ['audit:export'], inherits: [], exclusiveWith: [], builtIn: false }], TENANT);
    const child = graph.roles.get('child');
    if (child === undefined) throw new Error('child not compiled');
    const issues = checkEscalation({ userId: 'ann', permissions: ['user:read'] }, { id: child.id, name: child.name, permissions: child.effective }, 'define');
    expect(issues[0]?.message).toBe('You cannot save role "Child" this way: it would grant audit:export, which you lack. A role may not grant more than its author holds.');
  });

  it('ignores malformed permissions in the role: they grant nothing', () => {
    expect(checkEscalation({ userId: 'ann', permissions: [] }, { id: 'r', name: 'R', permissions: ['', 'Audit:read'] })).toEqual([]);
  });
});

describe('escalation is always refused', () => {
  /** A random role's effective set, and a random pick of one of its permissions. */
  const scenario = fc.record({ tenant: randomTenant, rolePick: fc.nat(), dropPick: fc.nat(), extras: fc.array(fc.oneof(grantedPermission, wellFormedPermission), { maxLength: 5 }) });

  it('refuses a granter lacking any one permission of the role’s effective set, and allows one holding all', () => {
    fc.assert(
      fc.property(scenario, ({ tenant, rolePick, dropPick, extras }) => {
        const graph = compileRoleGraph(tenant.roles, TENANT);
        const roles = [...graph.roles.values()];
        const target = roles[rolePick % Math.max(1, roles.length)];
        if (target === undefined) return;
        const role = { id: target.id, name: target.name, permissions: target.effective };
        const needed = permissionsOfSet(target.effective);

        // Holding all of it (plus anything else) is enough.
        expect(checkEscalation({ userId: 'g', permissions: [...needed, ...extras] }, role)).toEqual([]);
        if (needed.length === 0) return;

        // Lacking one is not: drop it, and any extra that would cover it.
        const dropped = needed[dropPick % needed.length] ?? '*';
        const held = [...needed.filter((p) => p !== dropped), ...extras.filter((e) => !implies(e, dropped))];
        const issues = checkEscalation({ userId: 'g', permissions: held }, role);
        expect(issues).toHaveLength(1);
        expect(issues[0]?.code).toBe('FORBIDDEN');
        expect(issues[0]?.details?.['missing']).toContain(dropped);
      }),
      { numRuns: 500 },
    );
  });
});
