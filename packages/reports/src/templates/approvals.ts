/**
 * Approvals: each workflow run requested in the period, who asked, and the
 * chain of people who decided it, in order — with a flag where the
 * requester decided their own request (which the write rules forbid, so a
 * flag here means the rules were bypassed). A second table lists every
 * decision on its own row, for filtering in a spreadsheet.
 */
import type { WorkflowRun } from '@steward/domain';
import { compareText, live } from '../data.ts';
import type { BarChart, CellValue } from '../model.ts';
import { withinPeriod } from '../period.ts';
import { column, plural, section, sortRows, type TemplateContext, type TemplateOutput } from './context.ts';

/** When the run was requested: its "requested" history entry, else its earliest entry, else its last change. */
export function requestedAt(run: WorkflowRun): string {
  const requested = run.history.find((h) => h.event === 'requested');
  if (requested !== undefined) return requested.at;
  return run.history.map((h) => h.at).sort()[0] ?? run.updatedAt;
}

export function approvals(ctx: TemplateContext<'approvals'>): TemplateOutput {
  const { directory: dir, period, parameters } = ctx;
  const { workflowIds, states } = parameters.filters;
  const tenants = new Set(dir.tenants.map((t) => t.id));
  const workflows = new Map(live(ctx.data.workflows).map((w) => [w.id, w]));
  const runs = live(ctx.data.workflowRuns).filter(
    (r) => r.tenantId !== null && tenants.has(r.tenantId) && (workflowIds.length === 0 || workflowIds.includes(r.workflowId)) && (states.length === 0 || states.includes(r.state)) && withinPeriod(period, requestedAt(r)),
  );
  const runRows: CellValue[][] = [];
  const decisionRows: CellValue[][] = [];
  for (const run of runs) {
    const workflow = workflows.get(run.workflowId);
    const workflowName = workflow?.name ?? run.workflowId;
    const chain = [...run.approvals].sort((a, b) => compareText(a.at, b.at) || compareText(a.approverId, b.approverId));
    const stepName = (stepId: string): string => workflow?.steps.find((s) => s.id === stepId)?.name ?? stepId;
    const chainText = chain.map((a) => `${dir.userLabel(a.approverId)}: ${a.decision} (${stepName(a.stepId)}, ${a.at})`).join(' → ');
    const selfDecided = chain.some((a) => a.approverId === run.requesterId);
    runRows.push([dir.tenantName(run.tenantId), workflowName, run.subject.summary, dir.userLabel(run.requesterId), requestedAt(run), run.state, chainText, chain.at(-1)?.at ?? null, selfDecided, run.id]);
    for (const a of chain) {
      decisionRows.push([dir.tenantName(run.tenantId), workflowName, run.id, stepName(a.stepId), dir.userLabel(a.approverId), a.decision, a.at, a.comment, a.approverId === run.requesterId]);
    }
  }
  sortRows(runRows, [0, 4, 9]);
  sortRows(decisionRows, [0, 6, 2, 4]);
  const states_ = [...new Set(runRows.map((r) => String(r[5])))].sort();
  const names = [...new Set(runRows.map((r) => String(r[1])))].sort();
  const chart: BarChart | null = runRows.length === 0 ? null : {
    kind: 'bar',
    stacked: true,
    title: 'Runs per workflow by state',
    categoryLabel: 'Workflow',
    valueLabel: 'Runs',
    categories: names,
    series: states_.map((state) => ({ name: state, values: names.map((n) => runRows.filter((r) => r[1] === n && r[5] === state).length) })),
  };
  const self = runRows.filter((r) => r[8] === true).length;
  return {
    title: 'Approvals',
    sections: [
      section(
        'runs',
        'Workflow runs',
        `${plural(runRows.length, 'run')} requested in the period, with the decisions in the order they were made; ${plural(self, 'run')} decided by its own requester.`,
        [
          column('tenant', 'Tenant'),
          column('workflow', 'Workflow'),
          column('subject', 'Request'),
          column('requester', 'Requester'),
          column('requestedAt', 'Requested', 'timestamp'),
          column('state', 'State'),
          column('approverChain', 'Approver chain'),
          column('decidedAt', 'Last decision', 'timestamp'),
          column('selfDecided', 'Requester decided', 'boolean'),
          column('runId', 'Run'),
        ],
        runRows,
        chart,
      ),
      section(
        'decisions',
        'Decisions',
        'Every approval or rejection of those runs, one per row.',
        [
          column('tenant', 'Tenant'),
          column('workflow', 'Workflow'),
          column('runId', 'Run'),
          column('step', 'Step'),
          column('approver', 'Approver'),
          column('decision', 'Decision'),
          column('at', 'At', 'timestamp'),
          column('comment', 'Comment'),
          column('isRequester', 'Approver is requester', 'boolean'),
        ],
        decisionRows,
      ),
    ],
  };
}
