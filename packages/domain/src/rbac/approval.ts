/** Separation of duties on workflow runs: whoever asked for something never approves it. */
import type { DomainIssue } from '../errors.ts';

export interface ApprovalRequestLike {
  readonly id: string;
  /** The user who started the run (the requester). */
  readonly requesterId: string;
}

export function checkRequesterNotApprover(run: ApprovalRequestLike, approverId: string): DomainIssue<'FORBIDDEN'>[] {
  if (run.requesterId !== approverId) return [];
  return [{
    code: 'FORBIDDEN',
    message: `User ${approverId} requested workflow run ${run.id} and so cannot approve it; another approver must.`,
    details: { reason: 'requester-approves-own-request', runId: run.id, userId: approverId },
  }];
}
