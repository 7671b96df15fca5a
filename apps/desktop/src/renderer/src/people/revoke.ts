/**
 * A revoke and the reason the person gave for it. The assignment's
 * tombstone keeps the grant's fields (its `reason` says why the role was
 * granted), so the revoke's reason is recorded as an audit event of its
 * own, `roleAssignment.revoke`, beside the server's `roleAssignment.delete`
 * for the same assignment. Both writes are checked on the replica before
 * either is made, and the reason is written first: a revoke is never applied
 * without it.
 */
import { COLLECTION_ACCESS, type DomainIssue, type RoleAssignment } from '@steward/domain';
import { localAuditEvent } from '../audit/local-event.ts';
import type { LocalWriter, LocalWriteResult } from '../replica/local-writes.ts';

export const REVOKE_ACTION = 'roleAssignment.revoke';

export interface RevokeAct {
  readonly reason: string;
  readonly actorId: string;
  /** The audit event's id. */
  readonly eventId: string;
  readonly at: string;
}

export async function revokeWithReason(writer: LocalWriter, assignment: RoleAssignment, act: RevokeAct): Promise<LocalWriteResult<'roleAssignments'>> {
  const tombstone: RoleAssignment = { ...assignment, _deleted: true };
  const event = localAuditEvent({
    id: act.eventId,
    at: act.at,
    tenantId: assignment.tenantId,
    actorId: act.actorId,
    action: REVOKE_ACTION,
    resourceType: COLLECTION_ACCESS.roleAssignments.noun,
    resourceId: assignment.id,
    context: { collection: 'roleAssignments', reason: act.reason, userId: assignment.userId, roleId: assignment.roleId },
    pii: false,
  });
  const issues: readonly DomainIssue[] = [...(await writer.check('roleAssignments', tombstone)), ...(await writer.check('auditEvents', event))];
  if (issues.length > 0) return { ok: false, issues };
  const recorded = await writer.write('auditEvents', event);
  if (!recorded.ok) return recorded;
  return writer.write('roleAssignments', tombstone);
}
