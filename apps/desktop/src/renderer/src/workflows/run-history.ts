/**
 * A decided run as its history row reads: who asked and when, each step's
 * approver chain (who decided, what, when, with which comment), the outcome
 * and when it was reached.
 */
import type { Workflow, WorkflowRun } from '@steward/domain';
import { lastActivityAt, requestedAt } from './inbox.ts';

export interface ChainLink {
  readonly stepName: string;
  readonly approverId: string;
  readonly decision: 'approve' | 'reject';
  readonly comment: string;
  readonly at: string;
}

export interface HistoryRow {
  readonly runId: string;
  readonly tenantId: string | null;
  readonly workflowName: string;
  readonly summary: string;
  readonly requesterId: string;
  readonly requestedAt: string;
  /** Decisions in the order they were made. */
  readonly chain: readonly ChainLink[];
  readonly state: WorkflowRun['state'];
  readonly closedAt: string;
}

export function historyRowOf(run: WorkflowRun, workflow: Workflow | undefined): HistoryRow {
  const stepNames = new Map((workflow?.steps ?? []).map((s) => [s.id, s.name]));
  const chain = [...run.approvals]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((a) => ({ stepName: stepNames.get(a.stepId) ?? a.stepId, approverId: a.approverId, decision: a.decision, comment: a.comment, at: a.at }));
  return {
    runId: run.id,
    tenantId: run.tenantId,
    workflowName: workflow?.name ?? 'Unknown workflow',
    summary: run.subject.summary,
    requesterId: run.requesterId,
    requestedAt: requestedAt(run),
    chain,
    state: run.state,
    closedAt: lastActivityAt(run),
  };
}
