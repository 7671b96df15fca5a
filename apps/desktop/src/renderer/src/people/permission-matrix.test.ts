import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES, PERMISSION_CATALOGUE, type RoleLike } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { buildPermissionMatrix, countKinds, permissionGroups, type MatrixRow } from './permission-matrix.ts';

const TENANT = '01900000-0000-7000-8000-0000000000ac';
const tenantRole = (over: Partial<RoleLike> & Pick<RoleLike, 'id' | 'name'>): RoleLike => ({ tenantId: TENANT, scope: 'tenant', permissions: [], inherits: [], exclusiveWith: [], builtIn: false, ...over });

const ANALYST = tenantRole({ id: '01900000-0000-7000-8000-00000000a001', name: 'Security analyst', permissions: ['audit:read', 'role:read', 'report:run'], inherits: [BUILT_IN_ROLE_IDS.member] });
const LEAD = tenantRole({ id: '01900000-0000-7000-8000-00000000a002', name: 'Security lead', permissions: ['audit:*', 'billing:view'], inherits: [ANALYST.id] });

const cell = (row: MatrixRow | undefined, permission: string) => row?.cells.find((c) => c.permission === permission);
const rowOf = (rows: readonly MatrixRow[], name: string) => rows.find((r) => r.role.name === name);

describe('buildPermissionMatrix', () => {
  const matrix = buildPermissionMatrix([...BUILT_IN_ROLES, ANALYST, LEAD], TENANT);

  it('has a column for every catalogued permission, grouped by resource in the catalogue order, plus extra ones roles list', () => {
    expect(matrix.groups.map((g) => g.resource)).toEqual(['tenant', 'user', 'role', 'audit', 'workflow', 'report', 'billing']);
    const columns = matrix.groups.flatMap((g) => g.permissions);
    for (const p of PERMISSION_CATALOGUE) expect(columns).toContain(p);
    expect(columns).toContain('billing:view');
    expect(matrix.rows).toHaveLength(BUILT_IN_ROLES.length + 2);
  });

  it('tells direct, wildcard-implied and inherited permissions apart', () => {
    const analyst = rowOf(matrix.rows, 'Security analyst');
    expect(cell(analyst, 'audit:read')).toMatchObject({ kind: 'direct' });
    expect(cell(analyst, 'workflow:request')).toMatchObject({ kind: 'inherited', via: ['Member'], matched: null });
    expect(cell(analyst, 'audit:export')).toMatchObject({ kind: 'none' });

    const lead = rowOf(matrix.rows, 'Security lead');
    expect(cell(lead, 'audit:export')).toMatchObject({ kind: 'wildcard', matched: 'audit:*' });
    expect(cell(lead, 'report:run')).toMatchObject({ kind: 'inherited', via: ['Security analyst'] });
    expect(cell(lead, 'workflow:request')).toMatchObject({ kind: 'inherited', via: ['Security analyst', 'Member'] });
    expect(lead?.inheritsNames).toEqual(['Security analyst']);

    const admin = rowOf(matrix.rows, 'Tenant admin');
    expect(cell(admin, 'user:delete')).toMatchObject({ kind: 'wildcard', matched: 'user:*' });
    expect(cell(admin, 'audit:review')).toMatchObject({ kind: 'none' });
    const platform = rowOf(matrix.rows, 'Platform admin');
    expect(platform && countKinds(platform).wildcard).toBe(platform?.cells.length);
    expect(cell(platform, 'tenant:create')).toMatchObject({ kind: 'wildcard', matched: '*' });
  });

  it('names the wildcard an inherited permission comes through', () => {
    const heir = tenantRole({ id: '01900000-0000-7000-8000-00000000a003', name: 'Deputy lead', inherits: [LEAD.id] });
    const rows = buildPermissionMatrix([...BUILT_IN_ROLES, ANALYST, LEAD, heir], TENANT).rows;
    expect(cell(rowOf(rows, 'Deputy lead'), 'audit:review')).toMatchObject({ kind: 'inherited', via: ['Security lead'], matched: 'audit:*' });
  });

  it('reports a cycle and grants nothing through it', () => {
    const a = tenantRole({ id: '01900000-0000-7000-8000-00000000b001', name: 'A', permissions: ['user:read'], inherits: ['01900000-0000-7000-8000-00000000b002'] });
    const b = tenantRole({ id: '01900000-0000-7000-8000-00000000b002', name: 'B', permissions: ['report:read'], inherits: [a.id] });
    const m = buildPermissionMatrix([a, b], TENANT);
    expect(m.issues.map((i) => i.details?.['reason'])).toContain('inheritance-cycle');
    expect(cell(rowOf(m.rows, 'A'), 'report:read')).toMatchObject({ kind: 'none' });
  });

  it('leaves out other tenants\' roles', () => {
    const elsewhere = tenantRole({ id: '01900000-0000-7000-8000-00000000c001', name: 'Elsewhere', tenantId: '01900000-0000-7000-8000-0000000000ff' });
    expect(buildPermissionMatrix([...BUILT_IN_ROLES, elsewhere], TENANT).rows.map((r) => r.role.name)).not.toContain('Elsewhere');
  });
});

describe('permissionGroups', () => {
  it('ignores wildcards and malformed strings as columns', () => {
    const groups = permissionGroups([tenantRole({ id: 'x', name: 'x', permissions: ['*', 'audit:*', 'Bad Perm'] })]);
    expect(groups.flatMap((g) => g.permissions)).toEqual([...PERMISSION_CATALOGUE].sort((a, b) => order(a) - order(b)));
  });
});

function order(p: string): number {
  return ['tenant', 'user', 'role', 'audit', 'workflow', 'report'].indexOf(p.slice(0, p.indexOf(':'))) * 100 + PERMISSION_CATALOGUE.indexOf(p as (typeof PERMISSION_CATALOGUE)[number]);
}
