/**
 * Every rule a grant, edit or revoke of a role assignment must pass, in one
 * call, so the desktop (offline) and the server (authority) refuse the same
 * writes with the same messages. The change has the shape of a sync push
 * row: the document before (null for a grant) and after (deleted for a revoke).
 */
import type { DomainIssue } from '../errors.ts';
import { adminRoleIdFor } from './built-in-roles.ts';
import { PERMISSIONS } from './catalogue.ts';
import { checkSameDocument, checkUnchangedFields, isLive, requirePermission, withReplaced } from './change-support.ts';
import { checkEscalation } from './escalation.ts';
import { toMillis, type Instant } from './instant.ts';
import { checkLastAdmin } from './last-admin.ts';
import { compileTenantPolicy, heldPermissions, type PolicyOptions, type TenantPolicy } from './policy.ts';
import { checkSeparationOfDuties } from './separation-of-duties.ts';
import type { RoleAssignmentLike, RoleLike, UserLike } from './types.ts';

export interface AssignmentChange {
  /** The authenticated user making the change (never a client's claim). */
  readonly actorId: string;
  /** The assignment as stored now; null for a new grant. */
  readonly before: RoleAssignmentLike | null;
  /** The assignment as it would be stored; null or `_deleted` for a revoke. */
  readonly after: RoleAssignmentLike | null;
  /** Every role, and every assignment as stored now. */
  readonly roles: readonly RoleLike[];
  readonly assignments: readonly RoleAssignmentLike[];
  /** Users, when known: inactive ones hold nothing (see `compileTenantPolicy`). */
  readonly users?: readonly UserLike[];
  readonly now: Instant;
}

export function checkAssignmentChange(change: AssignmentChange): DomainIssue[] {
  const { before, after, actorId, now } = change;
  const target = after ?? before;
  const shape = [...checkSameDocument('role assignment', before, after), ...checkUnchangedFields('role assignment', before, after, ['userId', 'roleId', 'tenantId'])];
  if (target === null || shape.length > 0) return shape;
  const nowMs = toMillis(now);
  if (Number.isNaN(nowMs)) return [invalid('invalid-clock', `The clock ${JSON.stringify(now)} is not a valid instant.`, {})];

  const options = change.users === undefined ? {} : { users: change.users };
  const policyBefore = compileTenantPolicy(change.roles, withReplaced(change.assignments, target.id, before), target.tenantId, options);
  const denied = requirePermission(policyBefore, actorId, PERMISSIONS.roleAssign, now);
  if (denied.length > 0) return denied;

  const issues: DomainIssue[] = [];
  if (after !== null && isLive(after)) {
    const invalid = validateGrant(after, before, policyBefore, actorId, nowMs);
    if (invalid.length > 0) return invalid;
    const role = policyBefore.graph.roles.get(after.roleId);
    if (role !== undefined) {
      issues.push(...checkEscalation({ userId: actorId, permissions: heldPermissions(policyBefore, actorId, now) }, { id: role.id, name: role.name, permissions: role.effective }));
    }
    issues.push(...checkSeparationOfDuties(policyBefore, after.userId, after.roleId, now, { ignoreAssignmentId: after.id }));
    if (after.tenantId === null) issues.push(...platformWideConflicts(change, after, options));
  }
  // Only a grant whose role includes the admin role can change who administers
  // the tenant; skipping the second compile for the others keeps writes cheap.
  const adminRoleId = adminRoleIdFor(target.tenantId);
  if ([before, after].some((a) => a !== null && policyBefore.graph.roles.get(a.roleId)?.closure.has(adminRoleId) === true)) {
    const policyAfter = compileTenantPolicy(change.roles, withReplaced(change.assignments, target.id, after), target.tenantId, options);
    issues.push(...checkLastAdmin(policyBefore, policyAfter, now));
  }
  return issues;
}

/**
 * A platform-wide grant is in force in every tenant, so separation of duties
 * is also checked in each tenant where the user holds a role of that tenant.
 * Conflicts with the user's other platform-wide grants were already found in
 * the platform's own policy and are not repeated per tenant.
 */
function platformWideConflicts(change: AssignmentChange, after: RoleAssignmentLike, options: PolicyOptions): DomainIssue[] {
  const tenantGrants = change.assignments.filter((a) => isLive(a) && a.userId === after.userId && a.tenantId !== null && a.id !== after.id);
  const tenantGrantIds = new Set(tenantGrants.map((a) => a.id));
  const tenants = [...new Set(tenantGrants.map((a) => a.tenantId))].sort();
  return tenants.flatMap((tenantId) => {
    const policy = compileTenantPolicy(change.roles, change.assignments, tenantId, options);
    return checkSeparationOfDuties(policy, after.userId, after.roleId, change.now, { ignoreAssignmentId: after.id })
      .filter((i) => tenantGrantIds.has(String(i.details?.['assignmentId'])))
      .map((i) => ({ ...i, message: `In tenant ${tenantId ?? ''}: ${i.message}`, details: { ...i.details, tenantId } }));
  });
}

/** The grant's own fields: INVALID issues a person can fix in the form. */
function validateGrant(a: RoleAssignmentLike, before: RoleAssignmentLike | null, policy: TenantPolicy, actorId: string, nowMs: number): DomainIssue<'INVALID'>[] {
  const issues: DomainIssue<'INVALID'>[] = [];
  const role = policy.graph.roles.get(a.roleId);
  if (role === undefined) {
    issues.push(invalid('unknown-role', `Role ${a.roleId} does not exist in ${a.tenantId === null ? 'the platform' : `tenant ${a.tenantId}`} (or was deleted), so it cannot be granted.`, { roleId: a.roleId }));
  } else if (role.scope === 'platform' && a.tenantId !== null) {
    issues.push(invalid('platform-role-in-tenant', `"${role.name}" is a platform role; it can only be granted platform-wide (tenantId null), not inside one tenant.`, { roleId: a.roleId }));
  }
  if (a.reason.trim() === '') issues.push(invalid('reason-required', 'Say why this role is granted: the reason is kept for access reviews and auditors.', {}));
  if (a.grantedBy !== actorId) {
    issues.push(invalid('granted-by-mismatch', `grantedBy must be the user making the change (${actorId}), not ${a.grantedBy}.`, { grantedBy: a.grantedBy, actorId }));
  }
  const from = toMillis(a.validFrom);
  const until = a.expiresAt === null ? Number.POSITIVE_INFINITY : toMillis(a.expiresAt);
  if (Number.isNaN(from)) issues.push(invalid('invalid-valid-from', `validFrom ${JSON.stringify(a.validFrom)} is not an ISO-8601 instant with a time zone.`, { validFrom: a.validFrom }));
  if (Number.isNaN(until)) issues.push(invalid('invalid-expires-at', `expiresAt ${JSON.stringify(a.expiresAt)} is not an ISO-8601 instant with a time zone.`, { expiresAt: a.expiresAt }));
  if (!Number.isNaN(from) && !Number.isNaN(until)) {
    if (until <= from) {
      issues.push(invalid('expires-before-valid', `The grant would expire (${a.expiresAt ?? ''}) before it starts (${a.validFrom}).`, { validFrom: a.validFrom, expiresAt: a.expiresAt }));
    } else if (!isLive(before) && until <= nowMs) {
      issues.push(invalid('expired-on-grant', `The grant would already have expired (${a.expiresAt ?? ''}) when made.`, { expiresAt: a.expiresAt }));
    }
  }
  return issues;
}

function invalid(reason: string, message: string, details: Record<string, unknown>): DomainIssue<'INVALID'> {
  return { code: 'INVALID', message, details: { reason, ...details } };
}
