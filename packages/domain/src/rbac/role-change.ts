/**
 * Every rule a create, edit or delete of a role must pass: the right
 * permission, built-ins untouched, a valid graph (no cycle, no unknown
 * inherited role, well-formed permissions), a role that can be granted at all
 * (it does not combine mutually exclusive roles), no escalation, no holder put
 * in breach of separation of duties, and the tenant keeps an admin (dropping
 * "inherits tenant-admin" from the role its only admin holds would lock it
 * out).
 */
import type { DomainIssue } from '../errors.ts';
import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES } from './built-in-roles.ts';
import { PERMISSIONS } from './catalogue.ts';
import { checkSameDocument, checkUnchangedFields, isLive, requirePermission, withReplaced } from './change-support.ts';
import { checkEscalation } from './escalation.ts';
import { toMillis, type Instant } from './instant.ts';
import { checkLastAdmin } from './last-admin.ts';
import { compileTenantPolicy, heldPermissions, type TenantPolicy } from './policy.ts';
import type { RoleGraph } from './role-graph.ts';
import { conflictsHeldBy, exclusivePairsWithin } from './separation-of-duties.ts';
import type { RoleAssignmentLike, RoleLike, UserLike } from './types.ts';

const BUILT_IN_IDS: ReadonlySet<string> = new Set(Object.values(BUILT_IN_ROLE_IDS));

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
  if (before?.builtIn === true || after?.builtIn === true || BUILT_IN_IDS.has(target.id)) {
    const name = BUILT_IN_ROLES.find((r) => r.id === target.id)?.name ?? target.name;
    return [{ code: 'IMMUTABLE', message: `"${name}" is a built-in role; it cannot be created, changed or deleted. Create a role of your own instead.`, details: { reason: 'built-in-role', roleId: target.id } }];
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
    const invalidIssues = validateRole(after, policyAfter.graph);
    if (invalidIssues.length > 0) return invalidIssues;
    const compiled = policyAfter.graph.roles.get(after.id);
    if (compiled !== undefined) {
      const held = heldPermissions(policyBefore, actorId, now);
      issues.push(...checkEscalation({ userId: actorId, permissions: held }, { id: compiled.id, name: compiled.name, permissions: compiled.effective }, 'define'));
    }
    issues.push(...newConflicts(policyBefore, policyAfter, after.id, now));
  }
  issues.push(...checkLastAdmin(policyBefore, policyAfter, now));
  return issues;
}

/** The role's own problems: its fields, graph issues it is part of, exclusive roles it combines. */
function validateRole(role: RoleLike, graph: RoleGraph): DomainIssue<'INVALID'>[] {
  const issues: DomainIssue<'INVALID'>[] = [];
  if (role.name.trim() === '') issues.push(invalid('name-required', 'A role needs a name people recognise.', {}));
  if (role.scope === 'platform' && role.tenantId !== null) {
    issues.push(invalid('platform-role-in-tenant', `"${role.name}" has platform scope, so it must be a platform-wide definition (tenantId null).`, { roleId: role.id }));
  }
  for (const graphIssue of graph.issues) {
    const d = graphIssue.details ?? {};
    const members = d['roleIds'];
    if (d['roleId'] === role.id || (Array.isArray(members) && members.includes(role.id))) issues.push(graphIssue);
  }
  const compiled = graph.roles.get(role.id);
  for (const [x, y] of compiled === undefined ? [] : exclusivePairsWithin(compiled, graph)) {
    issues.push(invalid('combines-exclusive-roles', `"${role.name}" could never be granted: it combines "${x.name}" and "${y.name}", which are mutually exclusive.`, { roleId: role.id, exclusivePair: [x.id, y.id] }));
  }
  return issues;
}

/**
 * Separation-of-duties breaches the change would create for users holding
 * the role (directly or through inheritance). Breaches that already existed
 * are not the change's doing and do not block it.
 */
function newConflicts(before: TenantPolicy, after: TenantPolicy, roleId: string, now: Instant): DomainIssue<'FORBIDDEN'>[] {
  const issues: DomainIssue<'FORBIDDEN'>[] = [];
  for (const [userId, assignments] of after.assignmentsByUser) {
    if (!assignments.some((a) => a.role !== null && a.role.closure.has(roleId))) continue;
    const existing = conflictsHeldBy(before, userId, now);
    for (const [key, c] of conflictsHeldBy(after, userId, now)) {
      if (existing.has(key)) continue;
      const via = c.assignmentIds[0] === c.assignmentIds[1] ? `assignment ${c.assignmentIds[0]}` : `assignments ${c.assignmentIds[0]} and ${c.assignmentIds[1]}`;
      issues.push({
        code: 'FORBIDDEN',
        message: `Separation of duties: after this change user ${userId} would hold both "${c.roleNames[0]}" and "${c.roleNames[1]}" (${via}), which are mutually exclusive. Revoke one first.`,
        details: { reason: 'separation-of-duties', userId, roleId, exclusivePair: [...c.roleIds], assignmentIds: [...c.assignmentIds] },
      });
    }
  }
  return issues;
}

function invalid(reason: string, message: string, details: Record<string, unknown>): DomainIssue<'INVALID'> {
  return { code: 'INVALID', message, details: { reason, ...details } };
}
