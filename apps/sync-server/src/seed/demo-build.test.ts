/**
 * The demo as built in memory: deterministic, and keeping the rules the
 * server would enforce (separation of duties, no escalation, requester never
 * approver, quotas, retention), so the demo never shows what Steward forbids.
 */
import {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_IDS,
  can,
  checkApproval,
  checkEscalation,
  compileTenantPolicy,
  conflictsHeldBy,
  heldPermissions,
  limitsFor,
  timestampOfUuidV7,
  usageOf,
  type AuditEvent,
  type Role,
  type RoleAssignment,
  type Tenant,
  type User,
  type Workflow,
  type WorkflowRun,
} from '@steward/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, DEMO_EVENT_COUNT, type DemoData } from './demo.ts';

const NOW = Date.parse('2026-04-15T12:00:00.000Z');

/** The permission each action needs (refused actions: the one that was missing). */
const PERMISSION_OF_ACTION: Readonly<Record<string, string>> = {
  'user.create': 'user:create',
  'user.update': 'user:update',
  'user.denied': 'user:update',
  'roleAssignment.create': 'role:assign',
  'roleAssignment.delete': 'role:assign',
  'roleAssignment.denied': 'role:assign',
  'role.update': 'role:update',
  'tenant.update': 'tenant:update',
  'tenant.denied': 'tenant:update',
  'workflowRun.create': 'workflow:request',
  'workflowRun.reject': 'workflow:approve',
  'report.run': 'report:run',
  'report.export': 'report:export',
  'audit.export': 'audit:export',
  'auditReview.create': 'audit:review',
};
const DAY = 24 * 60 * 60 * 1000;

function docsOf<T>(demo: DemoData, collection: string): T[] {
  return demo.documents.filter((d) => d.collection === collection).map((d) => d.doc as T);
}

describe('the demo seed, built in memory', () => {
  let demo: DemoData;
  beforeAll(() => {
    demo = buildDemo({ now: NOW });
  });

  it('is the same for the same clock and seed, and different for another seed', () => {
    const small = (seed?: number) => buildDemo({ now: NOW, events: 3_000, ...(seed === undefined ? {} : { seed }) });
    expect(small()).toEqual(small());
    expect(JSON.stringify(small(7))).not.toEqual(JSON.stringify(small()));
  });

  it('has three tenants on different plans, 30+ users and exactly the asked-for number of events', () => {
    const tenants = docsOf<Tenant>(demo, 'tenants');
    expect(Object.fromEntries(tenants.map((t) => [t.slug, t.plan]))).toEqual({ acme: 'business', globex: 'team', initech: 'free' });
    expect(docsOf<User>(demo, 'users').length).toBeGreaterThanOrEqual(30);
    expect(docsOf<AuditEvent>(demo, 'auditEvents')).toHaveLength(DEMO_EVENT_COUNT);
    expect(demo.credentials.map((c) => c.email)).toEqual([
      'platform@steward.example',
      ...['acme', 'globex', 'initech'].flatMap((t) => ['admin', 'officer', 'auditor', 'member'].map((who) => `${who}@${t}.example`)),
    ]);
  });

  it('gives every event an id carrying its time, in time order, inside its tenant\'s retention window', () => {
    const events = docsOf<AuditEvent>(demo, 'auditEvents');
    const tenants = new Map(docsOf<Tenant>(demo, 'tenants').map((t) => [t.id, t]));
    const wrong: string[] = [];
    let previous = '';
    for (const e of events) {
      const at = Date.parse(e.occurredAt);
      const days = e.tenantId === null ? 90 : tenants.get(e.tenantId)?.plan === 'free' ? 30 : 90;
      if (timestampOfUuidV7(e.id) !== at || e.id <= previous || at <= NOW - days * DAY || at >= NOW) wrong.push(`${e.id} ${e.occurredAt}`);
      previous = e.id;
    }
    expect(wrong).toEqual([]);
  });

  it('reads like a real trail: mostly successes, about 10% personal data, compliance flags, every actor a known user', () => {
    const events = docsOf<AuditEvent>(demo, 'auditEvents');
    const users = new Set(docsOf<User>(demo, 'users').map((u) => u.id));
    const share = (pred: (e: AuditEvent) => boolean) => events.filter(pred).length / events.length;
    expect(share((e) => e.outcome === 'success')).toBeGreaterThan(0.85);
    expect(share((e) => e.outcome === 'denied')).toBeGreaterThan(0.02);
    expect(share((e) => e.outcome === 'failure')).toBeGreaterThan(0.005);
    expect(share((e) => e.pii)).toBeGreaterThan(0.08);
    expect(share((e) => e.pii)).toBeLessThan(0.13);
    expect(new Set(events.flatMap((e) => e.complianceFlags))).toEqual(new Set(['SOX', 'GDPR.art30', 'ISO27001', 'HIPAA', 'SOC2']));
    expect(events.every((e) => users.has(e.actorId))).toBe(true);
    for (const action of ['session.login', 'user.create', 'roleAssignment.create', 'report.run', 'tenant.update', 'workflowRun.approve', 'audit.export']) {
      expect(events.some((e) => e.action === action)).toBe(true);
    }
  });

  it('keeps separation of duties and grants nothing the granter lacked', () => {
    const roles = [...BUILT_IN_ROLES, ...docsOf<Role>(demo, 'roles')];
    const assignments = docsOf<RoleAssignment>(demo, 'roleAssignments');
    const users = docsOf<User>(demo, 'users');
    for (const tenant of docsOf<Tenant>(demo, 'tenants')) {
      const policy = compileTenantPolicy(roles, assignments, tenant.id, { users });
      expect(policy.issues).toEqual([]);
      for (const user of users.filter((u) => u.tenantId === tenant.id)) expect([...conflictsHeldBy(policy, user.id, NOW).values()]).toEqual([]);
      for (const a of assignments.filter((x) => x.tenantId === tenant.id)) {
        const role = policy.graph.roles.get(a.roleId);
        expect(role).toBeDefined();
        if (role === undefined) continue;
        const granter = { userId: a.grantedBy, permissions: heldPermissions(policy, a.grantedBy, a.validFrom) };
        expect(checkEscalation(granter, { id: role.id, name: role.name, permissions: role.effective })).toEqual([]);
      }
    }
  });

  it('has each actor hold the permission for what they did, and lack it for what they were refused', () => {
    const roles = [...BUILT_IN_ROLES, ...docsOf<Role>(demo, 'roles')];
    const assignments = docsOf<RoleAssignment>(demo, 'roleAssignments');
    const policies = new Map(docsOf<Tenant>(demo, 'tenants').map((t) => [t.id, compileTenantPolicy(roles, assignments, t.id)]));
    const wrong: string[] = [];
    for (const e of docsOf<AuditEvent>(demo, 'auditEvents')) {
      const needed = PERMISSION_OF_ACTION[e.action];
      const policy = e.tenantId === null ? undefined : policies.get(e.tenantId);
      if (needed === undefined || policy === undefined) continue;
      const holds = can(policy, { userId: e.actorId }, needed, { tenantId: e.tenantId }, e.occurredAt);
      if (holds !== (e.outcome !== 'denied')) wrong.push(`${e.action} ${e.outcome} by ${e.actorId} at ${e.occurredAt}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has runs awaiting a compliance officer, asked for by members and admins, each approvable by an officer who did not ask', () => {
    const runs = docsOf<WorkflowRun>(demo, 'workflowRuns');
    const workflows = new Map(docsOf<Workflow>(demo, 'workflows').map((w) => [w.id, w]));
    const roles = [...BUILT_IN_ROLES, ...docsOf<Role>(demo, 'roles')];
    const assignments = docsOf<RoleAssignment>(demo, 'roleAssignments');
    const pending = runs.filter((r) => r.state === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const run of pending) {
      const step = workflows.get(run.workflowId)?.steps[run.currentStep];
      expect(step?.approverRoleIds).toContain(BUILT_IN_ROLE_IDS.complianceOfficer);
      if (step === undefined) continue;
      const policy = compileTenantPolicy(roles, assignments, run.tenantId);
      const held = (userId: string) => assignments.filter((a) => a.userId === userId).map((a) => a.roleId);
      expect(held(run.requesterId).some((r) => r === BUILT_IN_ROLE_IDS.member || r === BUILT_IN_ROLE_IDS.tenantAdmin)).toBe(true);
      expect(held(run.requesterId)).not.toContain(BUILT_IN_ROLE_IDS.complianceOfficer);
      const officers = assignments.filter((a) => a.tenantId === run.tenantId && a.roleId === BUILT_IN_ROLE_IDS.complianceOfficer);
      expect(officers.some((o) => checkApproval(policy, { approverId: o.userId, run, step, now: NOW }).length === 0)).toBe(true);
      expect(checkApproval(policy, { approverId: run.requesterId, run, step, now: NOW })).not.toEqual([]);
    }
  });

  it('has role assignments expiring within days and some already expired', () => {
    const ends = docsOf<RoleAssignment>(demo, 'roleAssignments').flatMap((a) => (a.expiresAt === null ? [] : [Date.parse(a.expiresAt)]));
    expect(ends.filter((t) => t > NOW && t < NOW + 10 * DAY).length).toBeGreaterThanOrEqual(2);
    expect(ends.filter((t) => t < NOW).length).toBeGreaterThanOrEqual(2);
  });

  it('leaves initech exactly one seat, and every tenant within its plan', () => {
    const users = docsOf<User>(demo, 'users');
    const roles = docsOf<Role>(demo, 'roles');
    const workflows = docsOf<Workflow>(demo, 'workflows');
    for (const tenant of docsOf<Tenant>(demo, 'tenants')) {
      const limits = limitsFor(tenant.plan, tenant.quotaOverrides);
      if (!limits.ok) throw new Error(limits.error.message);
      const usage = usageOf(tenant.id, { users, roles, workflows }, NOW);
      for (const counter of ['seats', 'roles', 'workflows'] as const) expect(usage[counter]).toBeLessThanOrEqual(limits.value.limits[counter] ?? Infinity);
      if (tenant.slug === 'initech') expect((limits.value.limits.seats ?? 0) - usage.seats).toBe(1);
    }
  });
});
