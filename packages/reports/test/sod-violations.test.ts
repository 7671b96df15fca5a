import { BUILT_IN_ROLE_IDS, type Role } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { generateReport } from '../src/index.ts';
import { generate, rowsOf } from './helpers.ts';
import { ACME, NOW, id, label, world } from './world.ts';

describe('separation-of-duties violations', () => {
  const model = generate('sod-violations');

  it('finds Carol holding compliance officer and auditor, with both grants and their granters', () => {
    expect(rowsOf(model, 'exclusive-roles-held')).toEqual([
      ['Acme Corp', label.carol, 'Compliance officer', 'Auditor', 'Compliance officer', label.alice, 'Auditor', label.bob, `${id(32)}, ${id(33)}`],
    ]);
  });

  it('finds the request Bob approved himself', () => {
    expect(rowsOf(model, 'self-approvals')).toEqual([
      ['Acme Corp', 'Privileged access request', 'Admin for myself', label.bob, 'Officer approval', 'approve', '2024-05-04T10:05:00.000Z', id(51)],
    ]);
  });

  it('finds a role whose inheritance combines exclusive roles', () => {
    const both: Role = { id: id(21), tenantId: ACME, revision: 1, updatedAt: NOW, _deleted: false, name: 'Judge and jury', description: '', scope: 'tenant', permissions: [], inherits: [BUILT_IN_ROLE_IDS.auditor, BUILT_IN_ROLE_IDS.tenantAdmin], exclusiveWith: [], builtIn: false };
    const result = generateReport({ template: 'sod-violations', parameters: { tenantIds: [ACME], from: null, to: null, filters: {} }, data: { ...world, roles: [...(world.roles ?? []), both] }, generatedAt: NOW });
    expect(result.ok && result.value.sections[2]?.table.rows).toEqual([['Acme Corp', 'Judge and jury', 'Auditor', 'Tenant admin', id(21)]]);
  });

  it('reports nothing once the conflicting grant is revoked, and says so', () => {
    const revoked = (world.roleAssignments ?? []).map((a) => (a.id === id(33) ? { ...a, _deleted: true } : a));
    const runs = (world.workflowRuns ?? []).filter((r) => r.id !== id(51));
    const result = generateReport({ template: 'sod-violations', parameters: { tenantIds: [ACME], from: null, to: null, filters: {} }, data: { ...world, roleAssignments: revoked, workflowRuns: runs }, generatedAt: NOW });
    expect(result.ok && result.value.sections.map((s) => s.table.rows.length)).toEqual([0, 0, 0]);
    expect(result.ok && result.value.sections[2]?.summary).toMatch(/No violation found\.$/);
  });
});
