/**
 * Workflow definitions, runs (some decided, some awaiting a compliance
 * officer) and report definitions for one demo tenant, with the audit events
 * the runs left behind. Requests come from members and admins and are
 * decided by compliance officers, never by the person who asked.
 */
import { BUILT_IN_ROLE_IDS, type AuditEvent, type Report, type Workflow, type WorkflowRun, type WorkflowStep } from '@steward/domain';
import { DAY_MS, HOUR_MS, activeAt, flagsFor, iso, type DemoContext, type DemoJob, type DemoPerson, type DemoTenant, makeEvent, withinHour } from './demo-model.ts';

export interface DemoWorkflows {
  readonly workflows: readonly Workflow[];
  readonly runs: readonly WorkflowRun[];
  readonly reports: readonly Report[];
  readonly events: readonly AuditEvent[];
}

/** How many runs each tenant has awaiting approval, and decided ones in its history window. */
const RUN_COUNTS: Readonly<Record<string, { pending: number; decided: number; workflows: number }>> = {
  acme: { pending: 6, decided: 14, workflows: 3 },
  globex: { pending: 3, decided: 6, workflows: 2 },
  initech: { pending: 1, decided: 2, workflows: 1 },
};

const officerApproval = (id: string, name: string): WorkflowStep => ({ id, name, kind: 'approval', approverRoleIds: [BUILT_IN_ROLE_IDS.complianceOfficer], minApprovals: 1 });

interface WorkflowSpec {
  readonly name: string;
  readonly description: string;
  readonly trigger: Workflow['trigger'];
  readonly steps: readonly WorkflowStep[];
  /** Who starts a run: members ask for access; a scheduled run is started on behalf of the admin who owns the schedule. */
  readonly requesters: readonly DemoJob[];
  /** What a run asks for. */
  readonly subject: (requester: DemoPerson, ticket: number) => WorkflowRun['subject'];
}

const WORKFLOW_SPECS: readonly WorkflowSpec[] = [
  {
    name: 'Privileged access request',
    description: 'Temporary tenant-admin access for an incident or a change. A compliance officer approves; access is granted for at most 7 days.',
    trigger: { type: 'manual' },
    steps: [officerApproval('officer-approval', 'Compliance officer approval'), { id: 'grant', name: 'Grant time-boxed access', kind: 'action', approverRoleIds: [], minApprovals: 1 }],
    requesters: ['member'],
    subject: (p, n) => ({ type: 'role', id: BUILT_IN_ROLE_IDS.tenantAdmin, summary: `Tenant admin for ${p.user.displayName}, 72 h, for incident INC-${n}` }),
  },
  {
    name: 'Production data export',
    description: 'Any export of production records leaves the company only after a compliance officer has approved it.',
    trigger: { type: 'event', action: 'report.export' },
    steps: [officerApproval('privacy-review', 'Privacy review')],
    requesters: ['member', 'admin'],
    subject: (_p, n) => ({ type: 'dataExport', id: `EXP-${n}`, summary: `Export of customer records for regulator inquiry REG-${n}` }),
  },
  {
    name: 'Quarterly access review sign-off',
    description: 'At each quarter start the access review is compiled and a compliance officer signs it off.',
    trigger: { type: 'schedule', cron: '0 6 1 1,4,7,10 *' },
    steps: [officerApproval('sign-off', 'Officer sign-off')],
    requesters: ['admin'],
    subject: (_p, n) => ({ type: 'accessReview', id: `AR-${n}`, summary: 'Quarterly review of privileged role holders' }),
  },
];

export function buildWorkflows(ctx: DemoContext, tenant: DemoTenant): DemoWorkflows {
  const counts = RUN_COUNTS[tenant.slug] ?? { pending: 1, decided: 1, workflows: 1 };
  const createdMs = Date.parse(tenant.doc.updatedAt) + 14 * DAY_MS;
  const workflows = WORKFLOW_SPECS.slice(0, counts.workflows).map((spec, i): Workflow => {
    const at = createdMs + i * 9 * DAY_MS + withinHour(ctx);
    return { id: ctx.idAt(at), tenantId: tenant.doc.id, revision: 1, updatedAt: iso(at), _deleted: false, name: spec.name, description: spec.description, trigger: spec.trigger, steps: [...spec.steps], enabled: true };
  });
  const runs: WorkflowRun[] = [];
  const events: AuditEvent[] = [];
  let ticket = 4100 + ctx.random.int(0, 800);
  const add = (index: number, requestedMs: number, pending: boolean): void => {
    const workflow = workflows[index];
    const spec = WORKFLOW_SPECS[index];
    if (workflow === undefined || spec === undefined) return;
    const run = buildRun(ctx, tenant, workflow, spec, requestedMs, pending, (ticket += ctx.random.int(3, 40)));
    if (run === undefined) return;
    runs.push(run.doc);
    events.push(...run.events);
  };
  // Requests (privileged access, data exports; mostly the former), some waiting, some decided.
  const requestKinds = Math.min(2, workflows.length);
  for (let i = 0; i < counts.pending + counts.decided; i += 1) {
    const pending = i < counts.pending;
    const index = Math.min(pending ? (i % 3 === 2 ? 1 : 0) : ctx.random.weighted([[0, 0.6], [1, 0.4]]), requestKinds - 1);
    const ageMs = (pending ? ctx.random.int(2, 9 * 24) * HOUR_MS : ctx.random.int(3, tenant.historyDays - 2) * DAY_MS) + withinHour(ctx);
    add(index, ctx.nowMs - ageMs, pending);
  }
  // The scheduled sign-off ran once, at the start of this quarter (when that is inside the window).
  const quarterStart = Date.parse(previousQuarter(ctx.nowMs).to) + 6 * HOUR_MS;
  if (workflows.length > 2 && quarterStart < ctx.nowMs - 2 * DAY_MS && quarterStart > ctx.nowMs - tenant.historyDays * DAY_MS) add(2, quarterStart, false);
  return { workflows, runs, reports: buildReports(ctx, tenant), events };
}

function buildRun(ctx: DemoContext, tenant: DemoTenant, workflow: Workflow, spec: WorkflowSpec, requestedMs: number, pending: boolean, ticket: number) {
  const people = activeAt(tenant.people, requestedMs);
  const requester = ctx.random.pick(people.filter((p) => spec.requesters.includes(p.job)));
  const officers = people.filter((p) => p.job === 'officer' && p.user.id !== requester.user.id);
  const step = workflow.steps[0];
  if (step === undefined || officers.length === 0) return undefined;
  const id = ctx.idAt(requestedMs);
  const justification = pending ? 'Needed before the change window closes; ticket linked.' : 'Routine request; ticket linked.';
  const history: WorkflowRun['history'] = [{ at: iso(requestedMs), actorId: requester.user.id, event: 'requested', note: justification }];
  const events: AuditEvent[] = [runEvent(ctx, tenant, requestedMs, requester.user.id, 'workflowRun.create', id, { collection: 'workflowRuns', revision: 1, workflowId: workflow.id })];
  let state: WorkflowRun['state'] = 'pending';
  let currentStep = 0;
  const approvals: WorkflowRun['approvals'] = [];
  if (!pending) {
    const officer = ctx.random.pick(officers);
    const decidedMs = requestedMs + ctx.random.int(1, 30) * HOUR_MS + withinHour(ctx);
    const approve = ctx.random.chance(0.8);
    const comment = approve ? 'Scope and duration are proportionate.' : 'Declined: use the read-only role; re-request with a change ticket.';
    approvals.push({ stepId: step.id, approverId: officer.user.id, decision: approve ? 'approve' : 'reject', comment, at: iso(decidedMs) });
    history.push({ at: iso(decidedMs), actorId: officer.user.id, event: approve ? 'step.approved' : 'step.rejected', note: comment });
    events.push(runEvent(ctx, tenant, decidedMs, officer.user.id, approve ? 'workflowRun.approve' : 'workflowRun.reject', id, { workflowId: workflow.id, stepId: step.id }, ['SOX', 'SOC2', 'HIPAA']));
    state = approve ? (workflow.steps.length > 1 ? 'completed' : 'approved') : 'rejected';
    currentStep = approve ? workflow.steps.length : 0;
    if (state === 'completed') history.push({ at: iso(decidedMs + 5 * 60_000), actorId: officer.user.id, event: 'completed', note: 'Access granted; it lapses on its own.' });
  }
  const updatedMs = Date.parse(history.at(-1)?.at ?? iso(requestedMs));
  const doc: WorkflowRun = {
    id, tenantId: tenant.doc.id, revision: 1, updatedAt: iso(updatedMs), _deleted: false,
    workflowId: workflow.id, requesterId: requester.user.id, state, subject: spec.subject(requester, ticket), currentStep, history, approvals,
  };
  return { doc, events };
}

function runEvent(ctx: DemoContext, tenant: DemoTenant, atMs: number, actorId: string, action: string, runId: string, context: AuditEvent['context'], flags: readonly string[] = []): AuditEvent {
  return makeEvent(ctx, atMs, { tenantId: tenant.doc.id, actorId, actorType: 'user', action, resourceType: 'workflowRun', resourceId: runId, outcome: 'success', context, pii: false, complianceFlags: flagsFor(tenant, flags) });
}

interface ReportSpec {
  readonly name: string;
  readonly template: Report['template'];
  readonly schedule: string | null;
  readonly format: Report['format'];
  readonly filters: Report['parameters']['filters'];
  /** The previous calendar quarter rather than an open period. */
  readonly lastQuarter?: true;
}

const REPORTS_BY_TENANT: Readonly<Record<string, readonly ReportSpec[]>> = {
  acme: [
    { name: 'Quarterly access review', template: 'access-review', schedule: '0 6 1 1,4,7,10 *', format: 'pdf', filters: { includeExpired: true } },
    { name: 'Privileged access (monthly)', template: 'privileged-access', schedule: '0 7 1 * *', format: 'csv', filters: { roleIds: [BUILT_IN_ROLE_IDS.tenantAdmin] } },
    { name: 'SOX audit activity (weekly)', template: 'audit-activity', schedule: '0 6 * * 1', format: 'xlsx', filters: { complianceFlags: ['SOX'] } },
    { name: 'Separation of duties check', template: 'sod-violations', schedule: '@daily', format: 'json', filters: {} },
    { name: 'Approvals, last quarter', template: 'approvals', schedule: null, format: 'pdf', filters: {}, lastQuarter: true },
  ],
  globex: [
    { name: 'Quarterly access review', template: 'access-review', schedule: '0 6 1 1,4,7,10 *', format: 'pdf', filters: { includeExpired: true } },
    { name: 'HIPAA access log', template: 'audit-activity', schedule: '0 5 * * *', format: 'csv', filters: { complianceFlags: ['HIPAA'], pii: true } },
    { name: 'Plan usage', template: 'quota-usage', schedule: '0 8 1 * *', format: 'pdf', filters: {} },
  ],
  initech: [
    { name: 'Access review', template: 'access-review', schedule: null, format: 'pdf', filters: {} },
    { name: 'Audit activity, last quarter', template: 'audit-activity', schedule: null, format: 'csv', filters: {}, lastQuarter: true },
  ],
};

function buildReports(ctx: DemoContext, tenant: DemoTenant): Report[] {
  const createdMs = Date.parse(tenant.doc.updatedAt) + 20 * DAY_MS;
  const quarter = previousQuarter(ctx.nowMs);
  return (REPORTS_BY_TENANT[tenant.slug] ?? []).map((spec, i) => {
    const at = createdMs + i * 5 * DAY_MS + withinHour(ctx);
    return {
      id: ctx.idAt(at), tenantId: tenant.doc.id, revision: 1, updatedAt: iso(at), _deleted: false,
      name: spec.name, template: spec.template, schedule: spec.schedule, format: spec.format,
      parameters: { tenantIds: [tenant.doc.id], from: spec.lastQuarter ? quarter.from : null, to: spec.lastQuarter ? quarter.to : null, filters: spec.filters },
    };
  });
}

/** The calendar quarter before the one containing `nowMs`, UTC: from inclusive, to exclusive. */
function previousQuarter(nowMs: number): { from: string; to: string } {
  const now = new Date(nowMs);
  const startMonth = Math.floor(now.getUTCMonth() / 3) * 3;
  return { from: iso(Date.UTC(now.getUTCFullYear(), startMonth - 3, 1)), to: iso(Date.UTC(now.getUTCFullYear(), startMonth, 1)) };
}
