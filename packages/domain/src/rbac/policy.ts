/**
 * A tenant's access rules compiled once for fast, allocation-free checks.
 *
 * Compile when roles or assignments change (both ends hold them in memory);
 * the time window of each assignment is checked at decision time against the
 * `now` the caller passes, so one policy stays valid while time passes.
 */
import type { DomainIssue } from '../errors.ts';
import { toMillis, type Instant } from './instant.ts';
import { buildAccessIndex, indexAllows, type AccessIndex } from './access-index.ts';
import { EMPTY_PERMISSION_SET, unionOfPermissionSets, type PermissionSet } from './permission-set.ts';
import { compileRoleGraph, type CompiledRole, type RoleGraph } from './role-graph.ts';
import { isActiveUser, type RoleAssignmentLike, type RoleLike, type UserLike } from './types.ts';

/** Why an assignment grants nothing whatever the time. */
export type AssignmentProblem = 'unknown-role' | 'platform-role-in-tenant' | 'invalid-dates' | 'inactive-user';

export interface CompiledAssignment {
  readonly id: string;
  readonly userId: string;
  readonly roleId: string;
  readonly tenantId: string | null;
  readonly grantedBy: string;
  readonly validFrom: string;
  readonly expiresAt: string | null;
  /** In force while validFromMs <= now < expiresAtMs. */
  readonly validFromMs: number;
  readonly expiresAtMs: number;
  /** The role, when it exists in this tenant. */
  readonly role: CompiledRole | null;
  /** What the assignment grants when in force; null when it has a problem. */
  readonly grants: PermissionSet | null;
  readonly problem: AssignmentProblem | null;
}

export interface TenantPolicy {
  /** The tenant the policy decides for; null: platform-level actions (e.g. tenant:create). */
  readonly tenantId: string | null;
  readonly graph: RoleGraph;
  /** Assignments in force in this tenant (its own and platform-wide ones), per user, sorted by id. */
  readonly assignmentsByUser: ReadonlyMap<string, readonly CompiledAssignment[]>;
  /** Problems in the data (role graph and assignments); the console shows them, checks fail closed. */
  readonly issues: readonly DomainIssue<'INVALID'>[];
  /** The same assignments in the compact form `can` reads (see access-index.ts). */
  readonly access: AccessIndex;
}

export interface Actor {
  readonly userId: string;
}

/** What is being acted on; its tenant must be the policy's. */
export interface ResourceRef {
  readonly tenantId: string | null;
}

export interface PolicyOptions {
  /**
   * Users as the replica knows them: a listed user who is not active (or is
   * deleted) holds nothing. Users not listed (platform staff, say) are judged
   * by their assignments alone.
   */
  readonly users?: readonly UserLike[];
}

export function compileTenantPolicy(
  roles: readonly RoleLike[],
  assignments: readonly RoleAssignmentLike[],
  tenantId: string | null,
  options: PolicyOptions = {},
): TenantPolicy {
  const graph = compileRoleGraph(roles, tenantId);
  const inactive = new Set<string>();
  for (const user of options.users ?? []) if (!isActiveUser(user)) inactive.add(user.id);
  const issues: DomainIssue<'INVALID'>[] = [...graph.issues];
  const byUser = new Map<string, CompiledAssignment[]>();
  for (const a of assignments) {
    if (a._deleted === true || (a.tenantId !== null && a.tenantId !== tenantId)) continue;
    const compiled = compileAssignment(a, graph, inactive.has(a.userId));
    if (compiled.problem !== null && compiled.problem !== 'inactive-user') issues.push(assignmentIssue(compiled, compiled.problem));
    const list = byUser.get(a.userId);
    if (list === undefined) byUser.set(a.userId, [compiled]);
    else list.push(compiled);
  }
  // Sorted so that every replica explains a decision with the same assignment.
  for (const list of byUser.values()) {
    list.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    Object.freeze(list);
  }
  return Object.freeze({ tenantId, graph, assignmentsByUser: byUser, issues: Object.freeze(issues), access: buildAccessIndex(byUser) });
}

/** Is the assignment in force at `nowMs`? Fails closed on a NaN clock. */
export function isInForce(a: CompiledAssignment, nowMs: number): boolean {
  return a.validFromMs <= nowMs && nowMs < a.expiresAtMs;
}

/**
 * May the actor do `permission` on the resource at `now`? The hot path,
 * answered from the policy's access index without allocating (for a numeric
 * `now`). Denies for a resource in another tenant, a malformed permission or
 * an invalid clock (every window comparison with NaN is false).
 */
export function can(policy: TenantPolicy, actor: Actor, permission: string, resource: ResourceRef, now: Instant): boolean {
  if (resource.tenantId !== policy.tenantId) return false;
  return indexAllows(policy.access, actor.userId, permission, typeof now === 'number' ? now : toMillis(now));
}

/** Everything the user holds in this tenant at `now`: what escalation checks compare against. */
export function heldPermissions(policy: TenantPolicy, userId: string, now: Instant): PermissionSet {
  const nowMs = toMillis(now);
  const sets: PermissionSet[] = [];
  for (const a of policy.assignmentsByUser.get(userId) ?? []) {
    if (a.grants !== null && isInForce(a, nowMs)) sets.push(a.grants);
  }
  return sets.length === 0 ? EMPTY_PERMISSION_SET : unionOfPermissionSets(sets);
}

/**
 * Every role the user holds in this tenant at `now`, inherited ones included
 * (ids). What checks that name roles rather than permissions compare against,
 * such as a workflow step's approver roles.
 */
export function heldRoleIds(policy: TenantPolicy, userId: string, now: Instant): ReadonlySet<string> {
  const nowMs = toMillis(now);
  const ids = new Set<string>();
  for (const a of policy.assignmentsByUser.get(userId) ?? []) {
    if (a.grants === null || a.role === null || !isInForce(a, nowMs)) continue;
    for (const id of a.role.closure) ids.add(id);
  }
  return ids;
}

function compileAssignment(a: RoleAssignmentLike, graph: RoleGraph, userInactive: boolean): CompiledAssignment {
  const role = graph.roles.get(a.roleId) ?? null;
  const from = toMillis(a.validFrom);
  const until = a.expiresAt === null ? Number.POSITIVE_INFINITY : toMillis(a.expiresAt);
  const problem: AssignmentProblem | null =
    role === null
      ? 'unknown-role'
      : role.scope === 'platform' && a.tenantId !== null
        ? 'platform-role-in-tenant'
        : Number.isNaN(from) || Number.isNaN(until)
          ? 'invalid-dates'
          : userInactive
            ? 'inactive-user'
            : null;
  return Object.freeze({
    id: a.id,
    userId: a.userId,
    roleId: a.roleId,
    tenantId: a.tenantId,
    grantedBy: a.grantedBy,
    validFrom: a.validFrom,
    expiresAt: a.expiresAt,
    // Unparseable dates make a window that is never open.
    validFromMs: Number.isNaN(from) ? Number.POSITIVE_INFINITY : from,
    expiresAtMs: Number.isNaN(until) ? Number.NEGATIVE_INFINITY : until,
    role,
    grants: problem === null && role !== null ? role.effective : null,
    problem,
  });
}

function assignmentIssue(a: CompiledAssignment, problem: Exclude<AssignmentProblem, 'inactive-user'>): DomainIssue<'INVALID'> {
  const messages: Record<Exclude<AssignmentProblem, 'inactive-user'>, string> = {
    'unknown-role': `Assignment ${a.id} gives role ${a.roleId}, which does not exist in this tenant (or was deleted); it grants nothing.`,
    'platform-role-in-tenant': `Assignment ${a.id} gives platform role "${a.role?.name ?? a.roleId}" inside one tenant; platform roles are granted platform-wide only, so it grants nothing.`,
    'invalid-dates': `Assignment ${a.id} has a validity date that is not an ISO-8601 instant (validFrom ${JSON.stringify(a.validFrom)}, expiresAt ${JSON.stringify(a.expiresAt)}); it grants nothing.`,
  };
  return { code: 'INVALID', message: messages[problem], details: { reason: problem, assignmentId: a.id, roleId: a.roleId } };
}
