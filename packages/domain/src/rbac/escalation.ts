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

export function checkEscalation(granter: Granter, role: GrantedRole): DomainIssue<'FORBIDDEN'>[] {
  const held = asSet(granter.permissions);
  const needed = isPermissionSet(role.permissions) ? permissionsOfSet(role.permissions) : role.permissions;
  const missing = missingPermissions(held, needed);
  if (missing.length === 0) return [];
  return [{
    code: 'FORBIDDEN',
    message: `You cannot grant "${role.name}": it includes ${listOf(missing)}, which you do not hold yourself.`,
    details: { reason: 'privilege-escalation', granterId: granter.userId, roleId: role.id, missing },
  }];
}

function asSet(permissions: PermissionSet | readonly string[]): PermissionSet {
  return isPermissionSet(permissions) ? permissions : permissionSetOf(permissions);
}

function isPermissionSet(value: PermissionSet | readonly string[]): value is PermissionSet {
  return !Array.isArray(value);
}

function listOf(items: readonly string[]): string {
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
