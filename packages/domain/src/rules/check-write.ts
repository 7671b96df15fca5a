/**
 * Every rule a single document write must pass, in the contract's order
 * after schema and actor: RBAC against the roles held now, the invariants
 * (escalation, separation of duties, last admin, append-only records), then
 * quotas. The server calls it for each pushed row (the authority); the
 * desktop calls it for each local write against its replica, so an officer
 * offline gets the same refusal, with the same words, at once.
 */
import type { DomainIssue } from '../errors.ts';
import { checkQuota } from '../quota/check.ts';
import { limitsFor } from '../quota/plans.ts';
import { deltaOf } from '../quota/usage.ts';
import { checkApproval } from '../rbac/approval.ts';
import { checkAssignmentChange } from '../rbac/assignment-change.ts';
import { requirePermission } from '../rbac/change-support.ts';
import { heldPermissions } from '../rbac/policy.ts';
import { permissionsOfSet } from '../rbac/permission-set.ts';
import { checkRoleChange } from '../rbac/role-change.ts';
import type { CollectionName, DocumentOf } from '../schema/collections.ts';
import { approvalKey, historyKey } from '../schema/workflows.ts';
import { COLLECTION_ACCESS, operationOf, type WriteOperation } from './collection-access.ts';
import type { TenantState } from './tenant-state.ts';

/** Tenant fields a tenant's own admins do not set: changing any of them needs tenant:manage (platform staff). */
const TENANT_MANAGED_FIELDS = ['plan', 'status', 'quotaOverrides'] as const;

export interface WriteCheck<C extends CollectionName> {
  readonly collection: C;
  /** The authenticated actor. */
  readonly actorId: string;
  /** The document as stored now; null when it does not exist. */
  readonly before: DocumentOf<C> | null;
  /** The document as it would be stored (server-set fields already applied). */
  readonly after: DocumentOf<C>;
  /** The state of `after.tenantId`. */
  readonly state: TenantState;
  readonly now: string;
}

export function checkWrite<C extends CollectionName>(check: WriteCheck<C>): DomainIssue[] {
  const shape = checkShape(check);
  if (shape.length > 0) return shape;
  const operation = operationOf(check.before, check.after);
  const access = checkAccessAndInvariants(check, operation);
  if (access.length > 0) return access;
  return checkQuotaOf(check);
}

function checkShape({ collection, before, after }: WriteCheck<CollectionName>): DomainIssue[] {
  if (before !== null && before.id !== after.id) {
    return [{ code: 'INVALID', message: `A write must keep the document id (${before.id} became ${after.id}).`, details: { reason: 'id-changed' } }];
  }
  if (before !== null && before.tenantId !== after.tenantId) {
    return [{ code: 'IMMUTABLE', message: `A ${COLLECTION_ACCESS[collection].noun} cannot move to another tenant; create a new one there instead.`, details: { reason: 'tenant-changed', field: 'tenantId' } }];
  }
  return [];
}

function permission(check: WriteCheck<CollectionName>, name: string): DomainIssue[] {
  return requirePermission(check.state.policy, check.actorId, name, check.now);
}

function immutable(noun: string, why: string): DomainIssue[] {
  return [{ code: 'IMMUTABLE', message: `${noun} ${why}`, details: { reason: 'append-only' } }];
}

function checkAccessAndInvariants(check: WriteCheck<CollectionName>, operation: WriteOperation): DomainIssue[] {
  const { state, actorId, now } = check;
  // Each case reads its own collection's documents; the casts follow from `check.collection`.
  switch (check.collection) {
    case 'auditEvents': {
      if (check.before !== null) return immutable('Audit events', 'are append-only: an event cannot be edited or deleted once recorded.');
      if (check.after._deleted) return [{ code: 'INVALID', message: 'An audit event cannot be created deleted.', details: { reason: 'deleted-on-create' } }];
      const held = permissionsOfSet(heldPermissions(state.policy, actorId, now));
      return held.length > 0 ? [] : [{ code: 'FORBIDDEN', message: 'You hold no role in this tenant, so you cannot record events in its audit trail.', details: { reason: 'no-role-in-tenant' } }];
    }
    case 'auditReviews':
      if (check.before !== null) return immutable('Audit reviews', 'are append-only: record a new review to change your assessment.');
      return permission(check, 'audit:review');
    case 'roles': {
      const c = check as WriteCheck<'roles'>;
      return checkRoleChange({ actorId, before: c.before, after: c.after, roles: state.roles, assignments: state.assignments, users: state.docs.users, now });
    }
    case 'roleAssignments': {
      const c = check as WriteCheck<'roleAssignments'>;
      return checkAssignmentChange({ actorId, before: c.before, after: c.after, roles: state.roles, assignments: state.assignments, users: state.docs.users, now });
    }
    case 'workflowRuns':
      return checkWorkflowRun(check as WriteCheck<'workflowRuns'>, operation);
    case 'reportRuns':
      if (operation === 'update') return immutable('Report runs', 'are generated artifacts: run the report again instead of editing a run.');
      return permission(check, operation === 'create' ? 'report:run' : 'report:delete');
    case 'tenants': {
      // Creating or deleting a tenant is a platform act; the policy includes platform-wide grants.
      if (operation !== 'update') return permission(check, `tenant:${operation}`);
      const c = check as WriteCheck<'tenants'>;
      const managed = TENANT_MANAGED_FIELDS.filter((field) => c.before !== null && JSON.stringify(c.before[field]) !== JSON.stringify(c.after[field]));
      const issues = permission(check, 'tenant:update');
      return issues.length > 0 || managed.length === 0 ? issues : permission(check, 'tenant:manage');
    }
    default:
      return permission(check, `${COLLECTION_ACCESS[check.collection].resource}:${operation}`);
  }
}

function checkWorkflowRun(check: WriteCheck<'workflowRuns'>, operation: WriteOperation): DomainIssue[] {
  const { before, after, actorId } = check;
  if (operation === 'create') return permission(check, 'workflow:request');
  if (operation === 'delete') return permission(check, 'workflow:delete');
  if (before === null) return [];
  const kept = new Set(after.approvals.map(approvalKey));
  const keptHistory = new Set(after.history.map(historyKey));
  if (before.approvals.some((a) => !kept.has(approvalKey(a))) || before.history.some((h) => !keptHistory.has(historyKey(h)))) {
    return immutable('A workflow run\'s approvals and history', 'only grow: recorded decisions cannot be removed.');
  }
  const known = new Set(before.approvals.map(approvalKey));
  const added = after.approvals.filter((a) => !known.has(approvalKey(a)));
  const issues: DomainIssue[] = [];
  for (const approval of added) {
    if (approval.approverId !== actorId) {
      issues.push({ code: 'FORBIDDEN', message: 'You can record only your own approval decisions, not another person\'s.', details: { reason: 'approval-for-someone-else', approverId: approval.approverId } });
      continue;
    }
    issues.push(...checkDecision(check, before, approval.stepId));
  }
  const otherChange = before.state !== after.state || before.currentStep !== after.currentStep || before.workflowId !== after.workflowId || JSON.stringify(before.subject) !== JSON.stringify(after.subject);
  if (added.length === 0 && otherChange && before.requesterId !== actorId) issues.push(...permission(check, 'workflow:update'));
  return dedupe(issues);
}

/**
 * A decision must be about the run's current step, while the run is
 * pending, by someone the step accepts as approver (its roles, workflow:approve,
 * never the requester): the same checkApproval the desktop's inbox uses.
 */
function checkDecision(check: WriteCheck<'workflowRuns'>, run: DocumentOf<'workflowRuns'>, stepId: string): DomainIssue[] {
  const { state, actorId, now } = check;
  if (run.state !== 'pending') {
    return [{ code: 'INVALID', message: `Workflow run ${run.id} is ${run.state}, so it takes no more decisions.`, details: { reason: 'run-not-pending', runId: run.id, state: run.state } }];
  }
  const workflow = state.docs.workflows.find((w) => w.id === run.workflowId && !w._deleted);
  if (workflow === undefined) {
    return [{ code: 'INVALID', message: `Workflow run ${run.id} belongs to workflow ${run.workflowId}, which does not exist in this tenant.`, details: { reason: 'unknown-workflow', runId: run.id, workflowId: run.workflowId } }];
  }
  const step = workflow.steps[run.currentStep];
  if (step?.id !== stepId || step.kind !== 'approval') {
    const current = step === undefined ? 'no step' : `step "${step.name}"`;
    return [{ code: 'INVALID', message: `Workflow run ${run.id} is at ${current}; a decision on step ${stepId} is not due.`, details: { reason: 'not-the-current-step', runId: run.id, stepId, currentStep: run.currentStep } }];
  }
  return checkApproval(state.policy, { approverId: actorId, run, step, now });
}

function dedupe(issues: DomainIssue[]): DomainIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.message) ? false : (seen.add(i.message), true)));
}

function checkQuotaOf<C extends CollectionName>(check: WriteCheck<C>): DomainIssue[] {
  const tenantId = check.after.tenantId;
  if (tenantId === null || check.collection === 'tenants') return [];
  const delta = deltaOf<C>(check.collection, check.before, check.after, tenantId, check.now);
  if (Object.keys(delta).length === 0) return [];
  const tenant = check.state.docs.tenant;
  if (tenant === null) return [{ code: 'INVALID', message: `There is no tenant ${tenantId}; a document must belong to an existing tenant.`, details: { reason: 'unknown-tenant', tenantId } }];
  const limits = limitsFor(tenant.plan, tenant.quotaOverrides);
  if (!limits.ok) return [limits.error];
  const verdict = checkQuota(limits.value, check.state.usage, delta);
  return verdict.ok ? [] : [verdict.error];
}
