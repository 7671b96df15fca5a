import { BUILT_IN_ROLE_IDS, type AuditEvent } from '@steward/domain';
import { generateReport } from '@steward/reports';
import { describe, expect, it } from 'vitest';
import { GRANTS, MEMBER, NOW, OFFICER, OTHER_TENANT, PEOPLE, TENANT, grant, run, tenant, user, workflow } from '../workflows/test-fixtures.ts';
import { definitionScope, reportDataFrom } from './report-input.ts';

const STRANGER = '01900000-0000-7000-8000-0000000000b1';
const VENDOR = '01900000-0000-7000-8000-0000000000b2';

const event: AuditEvent = {
  id: '01900000-0000-7000-8000-0000000f0001', tenantId: TENANT, revision: 1, updatedAt: NOW, _deleted: false, actorId: OFFICER, actorType: 'user', action: 'role.assign',
  resourceType: 'roleAssignment', resourceId: 'x', outcome: 'success', occurredAt: NOW, observedAt: null, context: {}, pii: false, complianceFlags: [], ledgerIndex: 1,
};

const replica = {
  tenants: [tenant(), tenant(OTHER_TENANT, 'Globex Health', 'globex')],
  users: [...PEOPLE, user(STRANGER, 'Sam Stranger', 'sam@globex.example', OTHER_TENANT), { ...user(VENDOR, 'Vera Vendor', 'vera@steward.example'), tenantId: null }],
  roles: [],
  roleAssignments: [...GRANTS, grant(STRANGER, BUILT_IN_ROLE_IDS.tenantAdmin, OTHER_TENANT), { ...grant(VENDOR, BUILT_IN_ROLE_IDS.platformAdmin), tenantId: null }, { ...grant(MEMBER, BUILT_IN_ROLE_IDS.auditor), _deleted: true }],
  auditEvents: [event],
  workflows: [workflow()],
  workflowRuns: [run(1, MEMBER)],
};

describe('reportDataFrom', () => {
  it('keeps only what the template reads, from the tenants in scope and the platform, live', () => {
    const data = reportDataFrom(replica, 'access-review', [TENANT]);
    expect(Object.keys(data).sort()).toEqual(['roleAssignments', 'roles', 'tenants', 'users']);
    expect(data.tenants?.map((t) => t.slug)).toEqual(['acme']);
    expect(data.users?.map((u) => u.id)).not.toContain(STRANGER);
    expect(data.users?.map((u) => u.id)).toContain(VENDOR);
    expect(data.roleAssignments?.every((a) => !a._deleted && a.tenantId !== OTHER_TENANT)).toBe(true);
    expect(data.roleAssignments).toHaveLength(GRANTS.length + 1);
  });

  it('reads every tenant the replica holds for an "all" scope, and the events only for templates that need them', () => {
    expect(reportDataFrom(replica, 'access-review', 'all').tenants).toHaveLength(2);
    expect(reportDataFrom(replica, 'audit-activity', 'all').auditEvents).toHaveLength(1);
    expect(Object.keys(reportDataFrom(replica, 'approvals', 'all')).sort()).toEqual(['tenants', 'users', 'workflowRuns', 'workflows']);
  });

  it('feeds the access review template: the tenant\'s holders and the platform-wide ones, nobody from another tenant', () => {
    const model = generateReport({ template: 'access-review', parameters: { tenantIds: [TENANT], from: null, to: null, filters: {} }, data: reportDataFrom(replica, 'access-review', [TENANT]), generatedAt: NOW });
    if (!model.ok) throw new Error(model.error.message);
    const text = JSON.stringify(model.value.sections.map((s) => s.table.rows));
    for (const email of ['officer@acme.example', 'admin@acme.example', 'member@acme.example', 'vera@steward.example']) expect(text).toContain(email);
    expect(text).not.toContain('sam@globex.example');
    expect(model.value.scope.tenants.map((t) => t.name)).toEqual(['Acme Corporation']);
  });
});

describe('definitionScope', () => {
  const params = (tenantIds: string[]) => ({ tenantIds, from: null, to: null, filters: {} });
  it('covers the definition\'s own tenant, and refuses one naming another tenant', () => {
    expect(definitionScope({ tenantId: TENANT, parameters: params([TENANT]) })).toEqual({ ok: true, scope: [TENANT] });
    expect(definitionScope({ tenantId: TENANT, parameters: params([]) })).toEqual({ ok: true, scope: [TENANT] });
    const refused = definitionScope({ tenantId: TENANT, parameters: params([TENANT, OTHER_TENANT]) });
    expect(refused.ok ? '' : refused.reason).toContain(OTHER_TENANT);
    expect(definitionScope({ tenantId: null, parameters: params([]) })).toEqual({ ok: true, scope: 'all' });
  });
});
