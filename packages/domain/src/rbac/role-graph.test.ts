import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLE_IDS, PLATFORM_ADMIN_ROLE, TENANT_ADMIN_ROLE } from './built-in-roles.ts';
import { OTHER_TENANT, TENANT, reasons, role, withBuiltIns } from './fixtures.test-support.ts';
import { EMPTY_PERMISSION_SET, permissionSetAllows, permissionsOfSet } from './permission-set.ts';
import { compileRoleGraph, isRoleUsableIn } from './role-graph.ts';

describe('compileRoleGraph', () => {
  it('unions own and inherited permissions, transitively, and records the closure', () => {
    const graph = compileRoleGraph(
      [role('viewer', { permissions: ['audit:read'] }), role('reviewer', { permissions: ['audit:review'], inherits: ['viewer'] }), role('lead', { permissions: ['report:*'], inherits: ['reviewer'] })],
      TENANT,
    );
    expect(graph.issues).toEqual([]);
    const lead = graph.roles.get('lead');
    expect(lead && permissionsOfSet(lead.effective)).toEqual(['audit:read', 'audit:review', 'report:*']);
    expect(lead && permissionsOfSet(lead.own)).toEqual(['report:*']);
    expect(lead && [...lead.closure].sort()).toEqual(['lead', 'reviewer', 'viewer']);
    expect([...graph.roles.keys()]).toEqual(['viewer', 'reviewer', 'lead']);
  });

  it('compiles a diamond once per role and keeps document order whatever the inheritance order', () => {
    const graph = compileRoleGraph(
      [role('top', { inherits: ['left', 'right'] }), role('left', { inherits: ['base'] }), role('right', { inherits: ['base'] }), role('base', { permissions: ['user:read'] })],
      TENANT,
    );
    expect([...graph.roles.keys()]).toEqual(['top', 'left', 'right', 'base']);
    expect(graph.roles.get('top')?.closure.size).toBe(4);
    expect(permissionSetAllows(graph.roles.get('top')?.effective ?? EMPTY_PERMISSION_SET, 'user:read')).toBe(true);
  });

  it('takes the tenant’s own roles and platform-wide ones, never another tenant’s or deleted ones', () => {
    const graph = compileRoleGraph(
      [role('mine'), role('theirs', { tenantId: OTHER_TENANT }), role('shared', { tenantId: null }), role('gone', { _deleted: true })],
      TENANT,
    );
    expect([...graph.roles.keys()]).toEqual(['mine', 'shared']);
    expect(isRoleUsableIn(role('shared', { tenantId: null }), OTHER_TENANT)).toBe(true);
    expect(isRoleUsableIn(role('mine'), null)).toBe(false);
  });

  it('reports a cycle naming the roles in order, and lets its links grant nothing', () => {
    const graph = compileRoleGraph(
      [
        role('c', { name: 'Gamma', permissions: ['report:read'], inherits: ['a'] }),
        role('a', { name: 'Alpha', permissions: ['audit:read'], inherits: ['b', 'outside'] }),
        role('b', { name: 'Beta', permissions: ['user:read'], inherits: ['c'] }),
        role('outside', { permissions: ['tenant:read'] }),
      ],
      TENANT,
    );
    expect(reasons(graph.issues)).toEqual(['inheritance-cycle']);
    const [cycle] = graph.issues;
    expect(cycle?.code).toBe('INVALID');
    expect(cycle?.message).toContain('"Alpha" → "Beta" → "Gamma" → "Alpha"');
    expect(cycle?.details).toMatchObject({ cycle: ['a', 'b', 'c', 'a'], roleIds: ['a', 'b', 'c'] });
    const a = graph.roles.get('a');
    // Own permissions and links leaving the cycle still count; links inside it do not.
    expect(a && permissionsOfSet(a.effective)).toEqual(['audit:read', 'tenant:read']);
    expect(a?.inherits).toEqual(['outside']);
  });

  it('reports a role inheriting itself', () => {
    const graph = compileRoleGraph([role('self', { name: 'Narcissus', inherits: ['self'] })], TENANT);
    expect(graph.issues[0]?.message).toContain('"Narcissus" → "Narcissus"');
    expect(graph.roles.get('self')?.inherits).toEqual([]);
  });

  it('reports links that may not count, and ignores them', () => {
    const graph = compileRoleGraph(
      withBuiltIns(
        role('ghost-child', { inherits: ['nowhere', 'theirs'] }),
        role('theirs', { tenantId: OTHER_TENANT }),
        role('smuggler', { inherits: [BUILT_IN_ROLE_IDS.platformAdmin] }),
        role('global', { tenantId: null, inherits: ['local'] }),
        role('local', { permissions: ['audit:read'] }),
      ),
      TENANT,
    );
    expect(reasons(graph.issues)).toEqual(['unknown-inherited-role', 'unknown-inherited-role', 'tenant-role-inherits-platform-role', 'platform-role-inherits-tenant-role']);
    expect(graph.issues[2]?.message).toBe('Tenant role "smuggler" cannot inherit platform role "Platform admin"; that link grants nothing.');
    expect(graph.roles.get('smuggler')?.effective.all).toBe(false);
    expect(graph.roles.get('global')?.effective.exact.size).toBe(0);
  });

  it('reports malformed permissions with the grammar’s reason, and they grant nothing', () => {
    const graph = compileRoleGraph([role('sloppy', { name: 'Sloppy', permissions: ['audit:read', 'audit:*:x', ''] })], TENANT);
    expect(graph.issues.map((i) => i.details)).toEqual([
      { reason: 'malformed-permission', roleId: 'sloppy', permission: 'audit:*:x', problem: 'too-many-separators' },
      { reason: 'malformed-permission', roleId: 'sloppy', permission: '', problem: 'empty' },
    ]);
    expect(graph.issues[0]?.message).toMatch(/^Role "Sloppy": Permission "audit:\*:x" has more than one ":"/);
    expect(permissionsOfSet(graph.roles.get('sloppy')?.effective ?? EMPTY_PERMISSION_SET)).toEqual(['audit:read']);
  });

  it('reports a duplicate id and keeps the first definition', () => {
    const graph = compileRoleGraph([role('twin', { name: 'First' }), role('twin', { name: 'Second' })], TENANT);
    expect(reasons(graph.issues)).toEqual(['duplicate-role']);
    expect(graph.roles.get('twin')?.name).toBe('First');
  });

  it('ignores a repeated identical definition (built-ins from code and from storage)', () => {
    const graph = compileRoleGraph([...withBuiltIns(role('x')), ...withBuiltIns(role('x'))], TENANT);
    expect(graph.issues).toEqual([]);
  });

  // Regression: document order decided between duplicates, so a tenant role listed
  // before the built-ins with tenant-admin's id could redefine "Tenant admin".
  it('never lets a document redefine a built-in, wherever it appears', () => {
    const forged = role(BUILT_IN_ROLE_IDS.tenantAdmin, { name: 'Tenant admin', permissions: ['*'] });
    const graph = compileRoleGraph([forged, ...withBuiltIns()], TENANT);
    expect(reasons(graph.issues)).toEqual(['built-in-redefined']);
    expect(graph.roles.get(TENANT_ADMIN_ROLE.id)?.effective.all).toBe(false);
    expect(graph.roles.get(TENANT_ADMIN_ROLE.id)).toMatchObject({ builtIn: true, tenantId: null });
  });

  it('lets platform-admin inherit nothing it should not, and compiles the built-ins cleanly', () => {
    const graph = compileRoleGraph(withBuiltIns(), TENANT);
    expect(graph.issues).toEqual([]);
    expect(graph.roles.get(PLATFORM_ADMIN_ROLE.id)?.effective.all).toBe(true);
    expect(graph.roles.get(TENANT_ADMIN_ROLE.id)?.scope).toBe('tenant');
  });
});

/** Random DAG (links only to earlier roles), then a cycle through distinct roles injected. */
const dagWithCycle = fc
  .record({
    size: fc.integer({ min: 1, max: 12 }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
    cycle: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    order: fc.array(fc.nat(), { maxLength: 12 }),
  })
  .map(({ size, links, cycle, order }) => {
    const inherits = Array.from({ length: size }, () => new Set<string>());
    for (const [from, to] of links) {
      const a = from % size;
      const b = to % size;
      if (b < a) inherits[a]?.add(`r${b}`);
    }
    const members = [...new Set(cycle.map((c) => c % size))];
    members.forEach((m, i) => inherits[m]?.add(`r${members[(i + 1) % members.length] ?? m}`));
    const roles = inherits.map((parents, i) => role(`r${i}`, { permissions: [`p${i}:read`], inherits: [...parents] }));
    // Document order must not matter: shuffle deterministically.
    for (const pick of order) {
      const i = pick % roles.length;
      const [moved] = roles.splice(i, 1);
      if (moved !== undefined) roles.push(moved);
    }
    return { roles, members: members.map((m) => `r${m}`) };
  });

describe('cyclic inheritance is always rejected', () => {
  it('reports every injected cycle, with a witness that really loops through the roles', () => {
    fc.assert(
      fc.property(dagWithCycle, ({ roles, members }) => {
        const graph = compileRoleGraph(roles, TENANT);
        const cycles = graph.issues.filter((i) => i.details?.['reason'] === 'inheritance-cycle');
        const links = new Map(roles.map((r) => [r.id, r.inherits]));
        const covering = cycles.find((i) => {
          const ids = i.details?.['roleIds'];
          return Array.isArray(ids) && members.every((m) => ids.includes(m));
        });
        expect(covering).toBeDefined();
        for (const issue of cycles) {
          const witness = issue.details?.['cycle'];
          expect(Array.isArray(witness)).toBe(true);
          if (!Array.isArray(witness)) continue;
          const path = witness.map(String);
          expect(path[0]).toBe(path.at(-1));
          for (let i = 0; i + 1 < path.length; i++) expect(links.get(path[i] ?? '')).toContain(path[i + 1]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a role gain a permission it could not reach by walking every link', () => {
    fc.assert(
      fc.property(dagWithCycle, ({ roles }) => {
        const graph = compileRoleGraph(roles, TENANT);
        const links = new Map(roles.map((r) => [r.id, r.inherits]));
        for (const compiled of graph.roles.values()) {
          const reachable = new Set([compiled.id]);
          const stack = [compiled.id];
          for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
            for (const next of links.get(id) ?? []) {
            if (reachable.has(next)) continue;
            reachable.add(next);
            stack.push(next);
          }
          }
          for (const p of compiled.effective.exact) expect(reachable.has(`r${p.slice(1, p.indexOf(':'))}`)).toBe(true);
          expect(compiled.effective.exact.has(`p${compiled.id.slice(1)}:read`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
