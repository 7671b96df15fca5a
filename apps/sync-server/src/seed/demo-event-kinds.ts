/**
 * What people do in a demo tenant, as weighted kinds of audit event. Action
 * names follow what the server itself records — `${noun}.${operation}` from
 * the domain's auditActionOf for document writes (a grant is
 * `roleAssignment.create`), `${noun}.denied` / `.invalid` for refused
 * writes, `session.login` / `session.login-failed` for sign-ins,
 * `apiKey.create` — so a filter in the console finds demo history and new
 * activity alike. Acts the server does not record yet (report runs and
 * exports, approval decisions) get names in the same style.
 *
 * Each kind is done by the jobs whose built-in role allows it, except the
 * refused ones, done by people who lack the permission — as in life.
 */
import { BUILT_IN_ROLE_IDS, auditActionOf, type AuditEvent, type Report, type Workflow } from '@steward/domain';
import { DAY_MS, HOUR_MS, flagsFor, iso, tenantAdminMayGrant, type DemoContext, type DemoJob, type DemoPerson, type DemoTenant, type EventFields } from './demo-model.ts';

export interface KindInput {
  readonly ctx: DemoContext;
  readonly tenant: DemoTenant;
  readonly actor: DemoPerson;
  readonly atMs: number;
  readonly reports: readonly Report[];
  readonly workflows: readonly Workflow[];
}

/** An event's fields minus who, where and the flags, which the generator fills from the tenant. */
type KindResult = Omit<EventFields, 'tenantId' | 'actorId' | 'actorType' | 'complianceFlags'> & { readonly flags: readonly string[] };

export interface EventKind {
  readonly weight: number;
  /** Whose work this is (a compliance officer approves, an admin grants). */
  readonly jobs: readonly DemoJob[];
  /**
   * The permission the act needs: the actor holds it when it is done, and
   * lacks it when it is `refused` (a member with a helpdesk role is not the
   * one refused a profile edit). null: anyone signed in.
   */
  readonly permission: string | null;
  readonly refused?: true;
  readonly build: (input: KindInput) => KindResult;
}

const ALL: readonly DemoJob[] = ['admin', 'officer', 'auditor', 'member'];
const ACCESS_FLAGS = ['SOX', 'SOC2', 'ISO27001', 'HIPAA'];
const PRIVACY_FLAGS = ['GDPR.art30', 'HIPAA'];

const forbidden = (permission: string): AuditEvent['context'] => ({ code: 'FORBIDDEN', reason: `Missing permission ${permission} in this tenant.` });

const colleague = ({ ctx, tenant }: KindInput): DemoPerson => ctx.random.pick(tenant.people);
/** A role a tenant admin may grant or revoke (one whose permissions they hold). */
const grantableRoleId = ({ ctx, tenant }: KindInput): string => {
  const own = tenant.roles.filter(tenantAdminMayGrant).map((r) => r.id);
  return ctx.random.pick([BUILT_IN_ROLE_IDS.member, BUILT_IN_ROLE_IDS.member, BUILT_IN_ROLE_IDS.tenantAdmin, ...own]);
};

function pickReport(input: KindInput): Report | undefined {
  return input.reports.length === 0 ? undefined : input.ctx.random.pick(input.reports);
}

const REPORT_FLAGS: Readonly<Record<Report['template'], readonly string[]>> = {
  'access-review': ACCESS_FLAGS,
  'privileged-access': ACCESS_FLAGS,
  'sod-violations': ['SOX', 'SOC2'],
  'audit-activity': ['SOX', 'HIPAA', 'ISO27001'],
  'quota-usage': [],
  approvals: ['SOX', 'SOC2'],
};

export const EVENT_KINDS: readonly EventKind[] = [
  { weight: 38, jobs: ALL, permission: null, build: ({ actor }) => ({ action: 'session.login', resourceType: 'session', resourceId: actor.user.id, outcome: 'success', context: { device: actor.deviceId }, pii: false, flags: [] }) },
  {
    weight: 1.8,
    jobs: ALL, permission: null,
    build: ({ actor }) => ({ action: 'session.login-failed', resourceType: 'session', resourceId: actor.user.id, outcome: 'denied', context: { reason: 'invalid-credentials', email: actor.user.email }, pii: true, flags: ['SOC2', 'ISO27001'] }),
  },
  {
    weight: 5,
    jobs: ['admin'], permission: 'user:update',
    build: (input) => {
      const fields = input.ctx.random.pick([['displayName'], ['displayName'], ['mfaEnabled'], ['status'], ['email']]);
      const pii = fields[0] === 'displayName' || fields[0] === 'email';
      return { action: auditActionOf('users', 'update'), resourceType: 'user', resourceId: colleague(input).user.id, outcome: 'success', context: { collection: 'users', revision: input.ctx.random.int(2, 9), fields }, pii, flags: pii ? PRIVACY_FLAGS : ['SOC2'] };
    },
  },
  {
    weight: 3,
    jobs: ['admin'], permission: 'role:assign',
    build: (input) => ({ action: auditActionOf('roleAssignments', 'create'), resourceType: 'roleAssignment', resourceId: input.ctx.idAt(input.atMs), outcome: 'success', context: { collection: 'roleAssignments', revision: 1, roleId: grantableRoleId(input), userId: colleague(input).user.id }, pii: false, flags: ACCESS_FLAGS }),
  },
  {
    weight: 1.5,
    jobs: ['admin'], permission: 'role:assign',
    build: (input) => ({ action: auditActionOf('roleAssignments', 'delete'), resourceType: 'roleAssignment', resourceId: input.ctx.idAt(input.atMs - input.ctx.random.int(5, 200) * DAY_MS), outcome: 'success', context: { collection: 'roleAssignments', revision: 2, roleId: grantableRoleId(input), userId: colleague(input).user.id }, pii: false, flags: ACCESS_FLAGS }),
  },
  {
    weight: 0.7,
    jobs: ['admin'], permission: 'role:update',
    build: ({ ctx, tenant }) => ({ action: auditActionOf('roles', 'update'), resourceType: 'role', resourceId: tenant.roles.length > 0 ? ctx.random.pick(tenant.roles).id : BUILT_IN_ROLE_IDS.member, outcome: 'success', context: { collection: 'roles', revision: ctx.random.int(2, 6), fields: ctx.random.pick([['permissions'], ['description'], ['exclusiveWith']]) }, pii: false, flags: ACCESS_FLAGS }),
  },
  {
    weight: 0.4,
    jobs: ['admin'], permission: 'tenant:update',
    build: ({ ctx, tenant }) => ({ action: auditActionOf('tenants', 'update'), resourceType: 'tenant', resourceId: tenant.doc.id, outcome: 'success', context: { collection: 'tenants', revision: ctx.random.int(2, 12), fields: ctx.random.pick([['branding'], ['featureFlags'], ['retentionDays']]) }, pii: false, flags: ['SOX', 'SOC2'] }),
  },
  {
    weight: 0.3,
    jobs: ['admin'], permission: 'tenant:update',
    build: ({ ctx, atMs }) => ({ action: 'apiKey.create', resourceType: 'apiKey', resourceId: ctx.idAt(atMs), outcome: 'success', context: ctx.random.pick([{ name: 'HR sync', permissions: 'user:read user:create user:update' }, { name: 'SIEM export', permissions: 'audit:read' }, { name: 'Ticketing bridge', permissions: 'workflow:read workflow:request' }]), pii: false, flags: ['SOC2', 'ISO27001'] }),
  },
  {
    weight: 3,
    jobs: ['member', 'admin'], permission: 'workflow:request',
    build: ({ ctx, atMs, workflows }) => ({ action: auditActionOf('workflowRuns', 'create'), resourceType: 'workflowRun', resourceId: ctx.idAt(atMs), outcome: 'success', context: { collection: 'workflowRuns', revision: 1, workflowId: workflows.length > 0 ? ctx.random.pick(workflows).id : 'none' }, pii: false, flags: [] }),
  },
  { weight: 2.2, jobs: ['officer'], permission: 'workflow:approve', build: (input) => decision(input, 'approve') },
  { weight: 0.4, jobs: ['officer'], permission: 'workflow:approve', build: (input) => decision(input, 'reject') },
  {
    weight: 6,
    jobs: ['officer', 'admin'], permission: 'report:run',
    build: (input) => {
      const { ctx } = input;
      const report = pickReport(input);
      const failed = ctx.random.chance(0.04);
      const template = report?.template ?? 'audit-activity';
      const context = failed ? { template, error: 'Timed out after 120 s while reading the audit trail; retried on the next schedule.' } : { template, format: report?.format ?? 'pdf', rows: ctx.random.int(20, 40_000), durationMs: ctx.random.int(300, 90_000) };
      return { action: 'report.run', resourceType: 'report', resourceId: report?.id ?? ctx.idAt(input.atMs), outcome: failed ? 'failure' : 'success', context, pii: false, flags: REPORT_FLAGS[template] };
    },
  },
  {
    weight: 3,
    jobs: ['officer', 'auditor'], permission: 'report:export',
    build: (input) => {
      const report = pickReport(input);
      const pii = input.ctx.random.chance(0.45);
      return { action: 'report.export', resourceType: 'report', resourceId: report?.id ?? input.ctx.idAt(input.atMs), outcome: 'success', context: { format: report?.format ?? 'pdf', sizeBytes: input.ctx.random.int(40_000, 9_000_000), signed: true, containsPersonalData: pii }, pii, flags: pii ? ['SOX', ...PRIVACY_FLAGS] : ['SOX'] };
    },
  },
  {
    weight: 1.2,
    jobs: ['officer', 'auditor'], permission: 'audit:export',
    build: ({ ctx, atMs }) => {
      const to = Math.floor(atMs / DAY_MS) * DAY_MS;
      const from = to - ctx.random.pick([7, 30, 90]) * DAY_MS;
      const pii = ctx.random.chance(0.5);
      const range = `${iso(from).slice(0, 10)}..${iso(to).slice(0, 10)}`;
      return { action: 'audit.export', resourceType: 'auditEvent', resourceId: range, outcome: 'success', context: { from: iso(from), to: iso(to), events: ctx.random.int(200, 20_000), format: 'jsonl', signedBundle: true }, pii, flags: pii ? ['SOX', ...PRIVACY_FLAGS] : ['SOX', 'HIPAA'] };
    },
  },
  // Refused: people trying what their role does not allow.
  {
    weight: 1,
    jobs: ['member', 'auditor'], permission: 'role:assign', refused: true,
    build: (input) => ({ action: 'roleAssignment.denied', resourceType: 'roleAssignment', resourceId: input.ctx.idAt(input.atMs), outcome: 'denied', context: { collection: 'roleAssignments', ...forbidden('role:assign') }, pii: false, flags: ACCESS_FLAGS }),
  },
  { weight: 0.8, jobs: ['auditor', 'member'], permission: 'report:run', refused: true, build: (input) => ({ action: 'report.run', resourceType: 'report', resourceId: pickReport(input)?.id ?? input.ctx.idAt(input.atMs), outcome: 'denied', context: forbidden('report:run'), pii: false, flags: ['SOX'] }) },
  { weight: 0.6, jobs: ['member', 'auditor', 'officer'], permission: 'user:update', refused: true, build: (input) => ({ action: 'user.denied', resourceType: 'user', resourceId: colleague(input).user.id, outcome: 'denied', context: { collection: 'users', ...forbidden('user:update') }, pii: false, flags: ['SOC2'] }) },
  { weight: 0.3, jobs: ['officer', 'auditor', 'member'], permission: 'tenant:update', refused: true, build: ({ tenant }) => ({ action: 'tenant.denied', resourceType: 'tenant', resourceId: tenant.doc.id, outcome: 'denied', context: { collection: 'tenants', ...forbidden('tenant:update') }, pii: false, flags: ['SOX', 'SOC2'] }) },
  {
    weight: 0.4,
    jobs: ['admin'], permission: 'workflow:approve',
    build: ({ ctx, atMs }) => ({ action: 'workflowRun.approve', resourceType: 'workflowRun', resourceId: ctx.idAt(atMs - ctx.random.int(1, 48) * HOUR_MS), outcome: 'denied', context: { code: 'FORBIDDEN', reason: 'A requester cannot approve their own request; another approver must.' }, pii: false, flags: ['SOX', 'SOC2'] }),
  },
  // Failed: the write was malformed.
  {
    weight: 0.8,
    jobs: ['admin'], permission: 'user:create',
    build: (input) => ({ action: 'user.invalid', resourceType: 'user', resourceId: input.ctx.idAt(input.atMs), outcome: 'failure', context: { collection: 'users', code: 'INVALID', reason: 'email: must be an email address', attemptedEmail: `${colleague(input).user.displayName.split(' ')[0] ?? 'new'}.hire@${input.tenant.slug}` }, pii: true, flags: PRIVACY_FLAGS }),
  },
];

function decision(input: KindInput, decided: 'approve' | 'reject'): KindResult {
  const { ctx, atMs, workflows } = input;
  const workflow = workflows.length > 0 ? ctx.random.pick(workflows) : undefined;
  return {
    action: `workflowRun.${decided}`,
    resourceType: 'workflowRun',
    resourceId: ctx.idAt(atMs - ctx.random.int(1, 48) * HOUR_MS),
    outcome: 'success',
    context: { workflowId: workflow?.id ?? 'none', stepId: workflow?.steps[0]?.id ?? 'approval' },
    pii: false,
    flags: ['SOX', 'SOC2', 'HIPAA'],
  };
}

/** The fields a kind's result leaves to the generator. */
export function completeEvent(tenant: DemoTenant, actor: DemoPerson, result: KindResult): EventFields {
  const { flags, ...rest } = result;
  return { ...rest, tenantId: tenant.doc.id, actorId: actor.user.id, actorType: 'user', complianceFlags: flagsFor(tenant, flags) };
}
