/**
 * A new request: a pending run of a workflow, waiting on its first approval
 * step, with the requester's justification as the first history entry. The
 * writer checks it (workflow:request in the workflow's tenant) before it is
 * stored.
 */
import { LIMITS, type Workflow, type WorkflowRun } from '@steward/domain';

export interface RequestDraft {
  readonly summary: string;
  /** A ticket or change number the approver can look up; the run id when left empty. */
  readonly reference: string;
  readonly justification: string;
}

export interface RequestContext {
  readonly id: string;
  readonly requesterId: string;
  readonly at: string;
}

export type NewRequest = { readonly ok: true; readonly run: WorkflowRun } | { readonly ok: false; readonly reason: string };

export function newRequest(workflow: Workflow, draft: RequestDraft, { id, requesterId, at }: RequestContext): NewRequest {
  const summary = draft.summary.trim();
  if (summary === '') return { ok: false, reason: 'Say what you are asking for: the summary is required.' };
  if (summary.length > LIMITS.summary) return { ok: false, reason: `The summary is too long (${summary.length} characters; at most ${LIMITS.summary}).` };
  if (!workflow.enabled) return { ok: false, reason: `The workflow "${workflow.name}" is disabled; it takes no new requests.` };
  const firstApproval = workflow.steps.findIndex((s) => s.kind === 'approval');
  if (firstApproval < 0) return { ok: false, reason: `The workflow "${workflow.name}" has no approval step to request.` };
  const reference = draft.reference.trim();
  return {
    ok: true,
    run: {
      id,
      tenantId: workflow.tenantId,
      revision: 0,
      updatedAt: at,
      _deleted: false,
      workflowId: workflow.id,
      requesterId,
      state: 'pending',
      subject: { type: 'request', id: reference === '' ? id : reference.slice(0, LIMITS.externalId), summary },
      currentStep: firstApproval,
      history: [{ at, actorId: requesterId, event: 'requested', note: draft.justification.trim().slice(0, LIMITS.note) }],
      approvals: [],
    },
  };
}
