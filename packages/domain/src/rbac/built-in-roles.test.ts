import { describe, expect, it } from 'vitest';
import {
  AUDITOR_ROLE,
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_IDS,
  COMPLIANCE_OFFICER_ROLE,
  MEMBER_ROLE,
  PLATFORM_ADMIN_ROLE,
  TENANT_ADMIN_ROLE,
  adminRoleIdFor,
} from './built-in-roles.ts';
import { PERMISSION_CATALOGUE } from './catalogue.ts';
import { TENANT } from './fixtures.test-support.ts';
import { parsePermission } from './permission.ts';
import { permissionSetAllows } from './permission-set.ts';
import { compileRoleGraph } from './role-graph.ts';
import { areMutuallyExclusive } from './separation-of-duties.ts';

const graph = compileRoleGraph(BUILT_IN_ROLES, TENANT);
const holds = (roleId: string, permission: string): boolean => {
  const compiled = graph.roles.get(roleId);
  return compiled !== undefined && permissionSetAllows(compiled.effective, permission);
};

describe('built-in roles', () => {
  it('are five platform-wide, built-in definitions with fixed ids that compile without issues', () => {
    expect(BUILT_IN_ROLES.map((r) => r.id)).toEqual(Object.values(BUILT_IN_ROLE_IDS));
    for (const r of BUILT_IN_ROLES) expect(r).toMatchObject({ tenantId: null, builtIn: true });
    expect(graph.issues).toEqual([]);
    expect(Object.isFrozen(TENANT_ADMIN_ROLE.permissions)).toBe(true);
  });

  it('give platform admin everything, at platform scope only', () => {
    expect(PLATFORM_ADMIN_ROLE).toMatchObject({ scope: 'platform', permissions: ['*'] });
    for (const r of BUILT_IN_ROLES.filter((x) => x !== PLATFORM_ADMIN_ROLE)) expect(r.scope).toBe('tenant');
  });

  it('make the auditor read-only, audit and report export included', () => {
    for (const p of AUDITOR_ROLE.permissions) {
      const parsed = parsePermission(p);
      expect(parsed.ok && parsed.value.kind === 'exact' && ['read', 'export'].includes(parsed.value.action)).toBe(true);
    }
    expect(holds(AUDITOR_ROLE.id, 'audit:export')).toBe(true);
    expect(holds(AUDITOR_ROLE.id, 'audit:review')).toBe(false);
    for (const p of PERMISSION_CATALOGUE.filter((x) => /:(create|update|delete|assign|approve|request|run|review)$/.test(x))) {
      expect(holds(AUDITOR_ROLE.id, p)).toBe(false);
    }
  });

  it('keep the auditor independent of admins and compliance officers, who may work together', () => {
    expect(areMutuallyExclusive(AUDITOR_ROLE, TENANT_ADMIN_ROLE)).toBe(true);
    expect(areMutuallyExclusive(AUDITOR_ROLE, COMPLIANCE_OFFICER_ROLE)).toBe(true);
    expect(areMutuallyExclusive(TENANT_ADMIN_ROLE, COMPLIANCE_OFFICER_ROLE)).toBe(false);
    expect(areMutuallyExclusive(MEMBER_ROLE, AUDITOR_ROLE)).toBe(false);
  });

  it('let the tenant admin run the tenant but not review or export its own audit trail', () => {
    for (const p of ['tenant:update', 'user:create', 'role:assign', 'role:delete', 'workflow:approve', 'report:export', 'audit:read']) expect(holds(TENANT_ADMIN_ROLE.id, p)).toBe(true);
    for (const p of ['audit:review', 'audit:export', 'tenant:create']) expect(holds(TENANT_ADMIN_ROLE.id, p)).toBe(false);
  });

  it('let the compliance officer review, export and approve, and members request and read', () => {
    for (const p of ['audit:review', 'audit:export', 'workflow:approve', 'report:run']) expect(holds(COMPLIANCE_OFFICER_ROLE.id, p)).toBe(true);
    expect(holds(COMPLIANCE_OFFICER_ROLE.id, 'role:assign')).toBe(false);
    for (const p of ['workflow:request', 'report:read']) expect(holds(MEMBER_ROLE.id, p)).toBe(true);
    for (const p of ['workflow:approve', 'audit:read', 'user:update']) expect(holds(MEMBER_ROLE.id, p)).toBe(false);
  });

  it('name tenant-admin as a tenant’s admin role and platform-admin as the platform’s', () => {
    expect(adminRoleIdFor(TENANT)).toBe(TENANT_ADMIN_ROLE.id);
    expect(adminRoleIdFor(null)).toBe(PLATFORM_ADMIN_ROLE.id);
  });
});
