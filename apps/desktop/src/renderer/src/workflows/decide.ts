/**
 * An approve or reject decision as the workflow run it produces: the
 * approval and a history entry are appended (both only grow, as the schema
 * and merge rules require), and the run moves on when the step has enough
 * approvals. Pure: the caller checks the result with the domain (writer.check)
 * before writing it.
 */
import { LIMITS, type Workflow, type WorkflowRun, type WorkflowStep } from '@steward/domain';

export type DecisionKind = 'approve' | 'reject';

export interface Decision {
  /** The signed-in person deciding. */
  readonly approverId: string;
  readonly decision: DecisionKind;
  readonly comment: string;
  /** ISO-8601 with milliseconds. */
  readonly at: string;
}

export type Decided = { readonly ok: true; readonly run: WorkflowRun } | { readonly ok: false; readonly reason: string };

/** The approval step a pending run waits on, or null when it waits on none. */
export function stepAwaitingDecision(run: WorkflowRun, workflow: Workflow | undefined): WorkflowStep | null {
  if (run.state !== 'pending' || workflow === undefined) return null;
  const step = workflow.steps[run.currentStep];
  return step?.kind === 'approval' ? step : null;
}

export function decideRun(run: WorkflowRun, workflow: Workflow | undefined, decision: Decision): Decided {
  if (workflow === undefined) return { ok: false, reason: `The workflow of run ${run.id} is not in your replica, so its steps are unknown.` };
  const step = stepAwaitingDecision(run, workflow);
  if (step === null) return { ok: false, reason: run.state === 'pending' ? 'This run is not waiting on an approval step.' : `This run is already ${run.state}; there is nothing left to decide.` };
  const comment = decision.comment.trim();
  if (decision.decision === 'reject' && comment === '') return { ok: false, reason: 'Say why you reject the request: a comment is required.' };
  if (comment.length > LIMITS.note) return { ok: false, reason: `The comment is too long (${comment.length} characters; at most ${LIMITS.note}).` };

  const approvals = [...run.approvals, { stepId: step.id, approverId: decision.approverId, decision: decision.decision, comment, at: decision.at }];
  const history = [...run.history, { at: decision.at, actorId: decision.approverId, event: decision.decision === 'approve' ? 'step.approved' : 'step.rejected', note: comment }];
  const base = { ...run, approvals, history };
  if (decision.decision === 'reject') return { ok: true, run: { ...base, state: 'rejected' } };

  const approvedCount = approvals.filter((a) => a.stepId === step.id && a.decision === 'approve').length;
  if (approvedCount < step.minApprovals) return { ok: true, run: base };
  const next = run.currentStep + 1;
  const nextStep = workflow.steps[next];
  // The next approval step waits for its own approvers; action steps are carried out after approval.
  if (nextStep?.kind === 'approval') return { ok: true, run: { ...base, currentStep: next } };
  return { ok: true, run: { ...base, state: 'approved', currentStep: next } };
}
