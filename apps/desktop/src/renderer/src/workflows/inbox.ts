/**
 * Which workflow runs a person sees where: the inbox holds the pending runs
 * they may decide now (the domain's checkApproval: workflow:approve in the
 * run's tenant, one of the step's approver roles, not their own request,
 * not already decided by them); their own requests are listed apart; other
 * pending runs say why this person cannot decide them; decided runs are
 * history, newest decision first.
 */
import { checkApproval, type DomainIssue, type Instant, type TenantPolicy, type Workflow, type WorkflowRun, type WorkflowStep } from '@steward/domain';
import { stepAwaitingDecision } from './decide.ts';

export interface PendingEntry {
  readonly run: WorkflowRun;
  readonly workflow: Workflow | undefined;
  /** The approval step the run waits on; null when the run is stuck (unknown workflow, no approval step). */
  readonly step: WorkflowStep | null;
  /** Why this person cannot decide it now; empty for inbox entries. */
  readonly blockers: readonly DomainIssue[];
}

export interface RunSelection {
  readonly inbox: readonly PendingEntry[];
  readonly mine: readonly WorkflowRun[];
  readonly otherPending: readonly PendingEntry[];
  readonly history: readonly WorkflowRun[];
}

export interface SelectionInput {
  readonly runs: readonly WorkflowRun[];
  readonly workflows: readonly Workflow[];
  readonly policies: ReadonlyMap<string, TenantPolicy>;
  readonly userId: string;
  readonly now: Instant;
}

/** The time of a run's latest history entry (or its updatedAt). */
export function lastActivityAt(run: WorkflowRun): string {
  return run.history.reduce((latest, h) => (h.at > latest ? h.at : latest), run.history[0]?.at ?? run.updatedAt);
}

/** When the run was requested: its first history entry. */
export function requestedAt(run: WorkflowRun): string {
  return run.history.find((h) => h.event === 'requested')?.at ?? run.history[0]?.at ?? run.updatedAt;
}

/** What stops `userId` deciding the pending run's current step; [] when they may. */
export function blockersOf(run: WorkflowRun, workflow: Workflow | undefined, policy: TenantPolicy | undefined, userId: string, now: Instant): readonly DomainIssue[] {
  const step = stepAwaitingDecision(run, workflow);
  if (step === null) return [{ code: 'INVALID', message: workflow === undefined ? 'Its workflow definition is not in your replica.' : 'It is not waiting on an approval step.', details: { reason: 'no-approval-step' } }];
  if (policy === undefined) return [{ code: 'FORBIDDEN', message: 'You hold no role in this run\'s tenant.', details: { reason: 'no-policy' } }];
  return checkApproval(policy, { approverId: userId, run, step, now });
}

export function selectRuns({ runs, workflows, policies, userId, now }: SelectionInput): RunSelection {
  const workflowsById = new Map(workflows.map((w) => [w.id, w]));
  const inbox: PendingEntry[] = [];
  const otherPending: PendingEntry[] = [];
  const mine: WorkflowRun[] = [];
  const history: WorkflowRun[] = [];
  for (const run of runs) {
    if (run._deleted) continue;
    if (run.requesterId === userId) mine.push(run);
    if (run.state !== 'pending') {
      history.push(run);
      continue;
    }
    if (run.requesterId === userId) continue;
    const workflow = workflowsById.get(run.workflowId);
    const blockers = blockersOf(run, workflow, run.tenantId === null ? undefined : policies.get(run.tenantId), userId, now);
    const entry = { run, workflow, step: stepAwaitingDecision(run, workflow), blockers };
    (blockers.length === 0 ? inbox : otherPending).push(entry);
  }
  const oldestFirst = (a: PendingEntry, b: PendingEntry) => compare(requestedAt(a.run), requestedAt(b.run)) || compare(a.run.id, b.run.id);
  const newestFirst = (a: WorkflowRun, b: WorkflowRun) => compare(lastActivityAt(b), lastActivityAt(a)) || compare(b.id, a.id);
  return { inbox: inbox.sort(oldestFirst), otherPending: otherPending.sort(oldestFirst), mine: mine.sort(newestFirst), history: history.sort(newestFirst) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
