/** Workflow definitions and their runs. */
import { z } from 'zod';
import { LIMITS, description, documentBase, dottedName, list, name, note, shortKey, timestamp, uuidRef, cron } from './primitives.ts';

export const STEP_KINDS = ['approval', 'action'] as const;

export const workflowTriggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('manual') }),
  z.strictObject({ type: z.literal('event'), action: dottedName }),
  z.strictObject({ type: z.literal('schedule'), cron }),
]);

export const workflowStepSchema = z.strictObject({
  id: shortKey,
  name,
  kind: z.enum(STEP_KINDS),
  approverRoleIds: list(uuidRef, LIMITS.listSmall),
  minApprovals: z.int().min(1).max(LIMITS.listSmall),
});

export const workflowSchema = z
  .strictObject({
    ...documentBase,
    name,
    description,
    trigger: workflowTriggerSchema,
    steps: list(workflowStepSchema, LIMITS.listSmall).min(1, { error: 'must have at least one step' }),
    enabled: z.boolean(),
  })
  .refine((workflow) => new Set(workflow.steps.map((step) => step.id)).size === workflow.steps.length, {
    path: ['steps'],
    error: 'must not repeat a step id',
  });

export const RUN_STATES = ['pending', 'approved', 'rejected', 'cancelled', 'completed'] as const;
export const DECISIONS = ['approve', 'reject'] as const;

export const runHistoryEntrySchema = z.strictObject({
  at: timestamp,
  actorId: uuidRef,
  /** What happened, e.g. `requested`, `step.approved`. */
  event: dottedName,
  note,
});

export const approvalSchema = z.strictObject({
  stepId: shortKey,
  approverId: uuidRef,
  decision: z.enum(DECISIONS),
  comment: note,
  at: timestamp,
});

/** The keys that make history entries and approvals unique (merge relies on them). */
export const historyKey = (entry: { at: string; actorId: string; event: string }): string =>
  `${entry.at}|${entry.actorId}|${entry.event}`;
export const approvalKey = (approval: { stepId: string; approverId: string }): string =>
  `${approval.stepId}|${approval.approverId}`;

export const workflowRunSchema = z
  .strictObject({
    ...documentBase,
    workflowId: uuidRef,
    requesterId: uuidRef,
    state: z.enum(RUN_STATES),
    subject: z.strictObject({
      type: dottedName,
      id: z.string().min(1).max(LIMITS.externalId),
      summary: z.string().max(LIMITS.summary),
    }),
    currentStep: z.int().min(0).max(LIMITS.listSmall),
    /** Grows only; unique by at + actorId + event. */
    history: list(runHistoryEntrySchema, LIMITS.listLarge),
    /** Grows only; one decision per approver per step. */
    approvals: list(approvalSchema, LIMITS.listMedium),
  })
  .refine((run) => new Set(run.approvals.map(approvalKey)).size === run.approvals.length, {
    path: ['approvals'],
    error: 'must hold at most one decision per approver and step',
  })
  .refine((run) => new Set(run.history.map(historyKey)).size === run.history.length, {
    path: ['history'],
    error: 'must not repeat an entry (same time, actor and event)',
  });

export type Workflow = z.infer<typeof workflowSchema>;
export type WorkflowTrigger = z.infer<typeof workflowTriggerSchema>;
export type WorkflowStep = z.infer<typeof workflowStepSchema>;
export type WorkflowRun = z.infer<typeof workflowRunSchema>;
export type RunHistoryEntry = z.infer<typeof runHistoryEntrySchema>;
export type Approval = z.infer<typeof approvalSchema>;
