/**
 * A user's role assignments in one tenant as the Users screen lists them:
 * current ones (in force, or starting later) apart from expired ones, each
 * with names instead of ids. Platform-wide grants are in force in every
 * tenant, so they are listed too, marked as such.
 */
import type { RoleAssignment } from '@steward/domain';
import type { Directory } from './directory.ts';

export type AssignmentState = 'active' | 'scheduled' | 'expired';

export interface AssignmentRow {
  readonly assignment: RoleAssignment;
  readonly roleName: string;
  readonly grantedBy: string;
  readonly state: AssignmentState;
  /** A platform-wide grant: shown here, revoked from the platform. */
  readonly platformWide: boolean;
}

export interface UserAssignments {
  /** In force now or later, soonest-ending first among those that end. */
  readonly current: readonly AssignmentRow[];
  /** Ended, most recently ended first. */
  readonly expired: readonly AssignmentRow[];
}

export function assignmentStateAt(a: Pick<RoleAssignment, 'validFrom' | 'expiresAt'>, nowMs: number): AssignmentState {
  if (a.expiresAt !== null && Date.parse(a.expiresAt) <= nowMs) return 'expired';
  return Date.parse(a.validFrom) > nowMs ? 'scheduled' : 'active';
}

export function userAssignments(assignments: readonly RoleAssignment[], userId: string, tenantId: string, nowMs: number, directory: Directory): UserAssignments {
  const rows = assignments
    .filter((a) => !a._deleted && a.userId === userId && (a.tenantId === tenantId || a.tenantId === null))
    .map((a): AssignmentRow => ({
      assignment: a,
      roleName: directory.roleName(a.roleId),
      grantedBy: directory.userLabel(a.grantedBy),
      state: assignmentStateAt(a, nowMs),
      platformWide: a.tenantId === null,
    }));
  const endOf = (r: AssignmentRow): number => (r.assignment.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(r.assignment.expiresAt));
  const current = rows.filter((r) => r.state !== 'expired').sort((x, y) => endOf(x) - endOf(y) || x.roleName.localeCompare(y.roleName));
  const expired = rows.filter((r) => r.state === 'expired').sort((x, y) => endOf(y) - endOf(x));
  return { current, expired };
}

/** Role names a user holds now in the tenant, for the user list. */
export function currentRoleNames(assignments: readonly RoleAssignment[], userId: string, tenantId: string, nowMs: number, directory: Directory): string[] {
  return userAssignments(assignments, userId, tenantId, nowMs, directory)
    .current.filter((r) => r.state === 'active')
    .map((r) => r.roleName);
}
