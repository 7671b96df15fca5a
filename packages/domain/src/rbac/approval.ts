/**
 * Who may decide a workflow approval step: someone holding workflow:approve
 * in the run's tenant, who did not request the run (separation of duties),
 * who holds one of the step's approver roles when the step names any, and
 * who has not already decided this step.
 */
import type { DomainIssue } from '../errors.ts';
import { PERMISSIONS } from './catalogue.ts';
import { checkPermission } from './explain.ts';
import type { Instant } from './instant.ts';
import { heldRoleIds, type TenantPolicy } from './policy.ts';

export interface ApprovalRequestLike {
  readonly id: string;
  /** The user who started the run (the requester). */
  readonly requesterId: string;
}

/** The fields of a workflow run the approval rules read. */
export interface ApprovalRunLike extends ApprovalRequestLike {
  readonly tenantId: string | null;
  /** Decisions so far; one per approver per step. */
  readonly approvals: readonly { readonly stepId: string; readonly approverId: string }[];
}

/** The step being decided, from the workflow definition. */
export interface ApprovalStepLike {
  readonly id: string;
  readonly name: string;
  /** Roles allowed to decide this step (inherited roles count); empty: any holder of workflow:approve. */
  readonly approverRoleIds: readonly string[];
}

export interface ApprovalCheck {
  /** The authenticated user deciding (never a client's claim). */
  readonly approverId: string;
  readonly run: ApprovalRunLike;
  readonly step: ApprovalStepLike;
  readonly now: Instant;
}

/** A requester never approves their own request. */
export function checkRequesterNotApprover(run: ApprovalRequestLike, approverId: string): DomainIssue<'FORBIDDEN'>[] {
  if (run.requesterId !== approverId) return [];
  return [{
    code: 'FORBIDDEN',
    message: `User ${approverId} requested workflow run ${run.id} and so cannot approve it; another approver must.`,
    details: { reason: 'requester-approves-own-request', runId: run.id, userId: approverId },
  }];
}

/**
 * Every rule an approve or reject decision must pass, in one call; `policy`
 * is the run's tenant's. Returns [] when the decision may be recorded.
 */
export function checkApproval(policy: TenantPolicy, check: ApprovalCheck): DomainIssue[] {
  const { approverId, run, step, now } = check;
  const denied = checkPermission(policy, { userId: approverId }, PERMISSIONS.workflowApprove, { tenantId: run.tenantId }, now);
  if (denied.length > 0) return denied;
  const issues: DomainIssue[] = [...checkRequesterNotApprover(run, approverId)];
  if (step.approverRoleIds.length > 0) {
    const held = heldRoleIds(policy, approverId, now);
    if (!step.approverRoleIds.some((id) => held.has(id))) {
      const names = step.approverRoleIds.map((id) => `"${policy.graph.roles.get(id)?.name ?? id}"`).join(', ');
      issues.push({
        code: 'FORBIDDEN',
        message: `User ${approverId} cannot decide step "${step.name}" of workflow run ${run.id}: it needs one of the roles ${names}, and they hold none of them.`,
        details: { reason: 'not-a-step-approver', runId: run.id, stepId: step.id, userId: approverId, approverRoleIds: [...step.approverRoleIds] },
      });
    }
  }
  if (run.approvals.some((a) => a.stepId === step.id && a.approverId === approverId)) {
    issues.push({
      code: 'INVALID',
      message: `User ${approverId} has already decided step "${step.name}" of workflow run ${run.id}; each approver decides a step once.`,
      details: { reason: 'already-decided', runId: run.id, stepId: step.id, userId: approverId },
    });
  }
  return issues;
}
