/**
 * No privilege escalation: nobody grants (or writes) a role holding a
 * permission they do not hold themselves, as in Kubernetes RBAC. The whole
 * effective set of the role is compared, not just what an edit adds, so a
 * role never ends up holding more than its last editor could do.
 */
import type { DomainIssue } from '../errors.ts';
import { missingPermissions, permissionSetOf, permissionsOfSet, type PermissionSet } from './permission-set.ts';

export interface Granter {
  readonly userId: string;
  /** What the granter holds right now in the tenant (see `heldPermissions`). */
  readonly permissions: PermissionSet | readonly string[];
}

export interface GrantedRole {
  readonly id: string;
  readonly name: string;
  /** The role's effective permissions, inherited ones included. */
  readonly permissions: PermissionSet | readonly string[];
}

/**
 * What the granter is doing, for the message: giving the role to someone
 * ("grant"), or writing its definition ("define", a role create or edit).
 */
export type EscalationAction = 'grant' | 'define';

/** FORBIDDEN when the role's effective permissions include any the granter lacks; [] otherwise. */
export function checkEscalation(granter: Granter, role: GrantedRole, action: EscalationAction = 'grant'): DomainIssue<'FORBIDDEN'>[] {
  const held = asSet(granter.permissions);
  const needed = isPermissionSet(role.permissions) ? permissionsOfSet(role.permissions) : role.permissions;
  const missing = missingPermissions(held, needed);
  if (missing.length === 0) return [];
  const message =
    action === 'grant'
      ? `You cannot grant "${role.name}": you lack ${missing.join(', ')}. Nobody may grant a role with permissions they do not hold themselves.`
      : `You cannot save role "${role.name}" this way: it would grant ${missing.join(', ')}, which you lack. A role may not grant more than its author holds.`;
  return [{
    code: 'FORBIDDEN',
    message,
    details: { reason: 'privilege-escalation', granterId: granter.userId, roleId: role.id, missing },
  }];
}

function asSet(permissions: PermissionSet | readonly string[]): PermissionSet {
  return isPermissionSet(permissions) ? permissions : permissionSetOf(permissions);
}

function isPermissionSet(value: PermissionSet | readonly string[]): value is PermissionSet {
  return !Array.isArray(value);
}
