/**
 * Every rule a create, edit or delete of a role must pass: the right
 * permission, built-ins untouched, a valid graph (no cycle, no unknown
 * inherited role, well-formed permissions), no escalation, and the tenant
 * keeps an admin (dropping "inherits tenant-admin" from the role its only
 * admin holds would lock it out).
 */
import type { DomainIssue } from '../errors.ts';
import { PERMISSIONS } from './catalogue.ts';
import { checkSameDocument, checkUnchangedFields, isLive, requirePermission, withReplaced } from './change-support.ts';
import { checkEscalation } from './escalation.ts';
import { toMillis, type Instant } from './instant.ts';
import { checkLastAdmin } from './last-admin.ts';
import { compileTenantPolicy, heldPermissions } from './policy.ts';
import type { RoleAssignmentLike, RoleLike, UserLike } from './types.ts';

export interface RoleChange {
  readonly actorId: string;
  /** The role as stored now; null for a new role. */
  readonly before: RoleLike | null;
  /** The role as it would be stored; null or `_deleted` for a delete. */
  readonly after: RoleLike | null;
  readonly roles: readonly RoleLike[];
  readonly assignments: readonly RoleAssignmentLike[];
  readonly users?: readonly UserLike[];
  readonly now: Instant;
}

export function checkRoleChange(change: RoleChange): DomainIssue[] {
  const { before, after, actorId, now } = change;
  const target = after ?? before;
  const shape = [...checkSameDocument('role', before, after), ...checkUnchangedFields('role', before, after, ['tenantId', 'builtIn'])];
  if (target === null || shape.length > 0) return shape;
  if (before?.builtIn === true || after?.builtIn === true) {
    return [{ code: 'IMMUTABLE', message: `"${target.name}" is a built-in role; it cannot be created, changed or deleted. Create a role of your own instead.`, details: { reason: 'built-in-role', roleId: target.id } }];
  }
  if (Number.isNaN(toMillis(now))) return [invalid('invalid-clock', `The clock ${JSON.stringify(now)} is not a valid instant.`, {})];

  const options = change.users === undefined ? {} : { users: change.users };
  const rolesBefore = withReplaced(change.roles, target.id, before);
  const policyBefore = compileTenantPolicy(rolesBefore, change.assignments, target.tenantId, options);
  const permission = !isLive(before) ? PERMISSIONS.roleCreate : isLive(after) ? PERMISSIONS.roleUpdate : PERMISSIONS.roleDelete;
  const denied = requirePermission(policyBefore, actorId, permission, now);
  if (denied.length > 0) return denied;

  const rolesAfter = withReplaced(change.roles, target.id, after);
  const policyAfter = compileTenantPolicy(rolesAfter, change.assignments, target.tenantId, options);
  const issues: DomainIssue[] = [];
  if (!isLive(after)) {
    const dependents = change.roles.filter((r) => isLive(r) && r.id !== target.id && r.inherits.includes(target.id));
    if (dependents.length > 0) {
      return [invalid('role-in-use', `"${target.name}" is inherited by ${dependents.map((r) => `"${r.name}"`).join(', ')}; remove those links before deleting it.`, { roleId: target.id, inheritedBy: dependents.map((r) => r.id) })];
    }
  }
  if (after !== null && isLive(after)) {
    const invalidIssues = validateRole(after, policyAfter.graph.issues);
    if (invalidIssues.length > 0) return invalidIssues;
    const compiled = policyAfter.graph.roles.get(after.id);
    if (compiled !== undefined) {
      issues.push(...checkEscalation({ userId: actorId, permissions: heldPermissions(policyBefore, actorId, now) }, { id: compiled.id, name: compiled.name, permissions: compiled.effective }));
    }
  }
  issues.push(...checkLastAdmin(policyBefore, policyAfter, now));
  return issues;
}

/** The role's own problems: its fields, and graph issues it is part of. */
function validateRole(role: RoleLike, graphIssues: readonly DomainIssue<'INVALID'>[]): DomainIssue<'INVALID'>[] {
  const issues: DomainIssue<'INVALID'>[] = [];
  if (role.name.trim() === '') issues.push(invalid('name-required', 'A role needs a name people recognise.', {}));
  if (role.scope === 'platform' && role.tenantId !== null) {
    issues.push(invalid('platform-role-in-tenant', `"${role.name}" has platform scope, so it must be a platform-wide definition (tenantId null).`, { roleId: role.id }));
  }
  for (const graphIssue of graphIssues) {
    const d = graphIssue.details ?? {};
    const members = d['roleIds'];
    if (d['roleId'] === role.id || (Array.isArray(members) && members.includes(role.id))) issues.push(graphIssue);
  }
  return issues;
}

function invalid(reason: string, message: string, details: Record<string, unknown>): DomainIssue<'INVALID'> {
  return { code: 'INVALID', message, details: { reason, ...details } };
}
