/**
 * Separation of duties: roles listed in each other's `exclusiveWith` are
 * never held by one person. The relation is symmetric (one side listing the
 * other is enough) and follows inheritance: a role that inherits "Tenant
 * admin" conflicts with whatever "Tenant admin" conflicts with.
 */
import type { DomainIssue } from '../errors.ts';
import { toMillis, type Instant } from './instant.ts';
import type { CompiledAssignment, TenantPolicy } from './policy.ts';
import type { CompiledRole, RoleGraph } from './role-graph.ts';

export interface SeparationOptions {
  /** An assignment being edited: it does not conflict with its own new version. */
  readonly ignoreAssignmentId?: string;
}

/**
 * Conflicts between `newRoleId` and every role the user holds or will hold
 * in the policy's tenant (expired grants excluded, future ones included: they
 * will conflict when they start), plus conflicts inside the new role itself.
 */
export function checkSeparationOfDuties(
  policy: TenantPolicy,
  userId: string,
  newRoleId: string,
  now: Instant,
  options: SeparationOptions = {},
): DomainIssue<'FORBIDDEN'>[] {
  const newRole = policy.graph.roles.get(newRoleId);
  if (newRole === undefined) return []; // an unknown role is an INVALID grant, reported by validation
  const nowMs = toMillis(now);
  const issues: DomainIssue<'FORBIDDEN'>[] = [];
  const reported = new Set<string>();
  const newClosure = rolesOf(newRole, policy.graph);

  for (const [x, y] of exclusivePairs(newClosure, newClosure)) {
    if (!firstTime(reported, x, y)) continue;
    issues.push(conflict(
      `Separation of duties: "${newRole.name}" combines "${x.name}" and "${y.name}", which are mutually exclusive.`,
      { userId, roleId: newRole.id, conflictingRoleId: newRole.id, exclusivePair: [x.id, y.id] },
    ));
  }
  for (const held of heldAssignments(policy, userId, nowMs, options.ignoreAssignmentId)) {
    const heldRole = held.role;
    if (heldRole === null) continue;
    for (const [x, y] of exclusivePairs(newClosure, rolesOf(heldRole, policy.graph))) {
      if (!firstTime(reported, x, y)) continue;
      issues.push(conflict(
        `Separation of duties: ${through(newRole, x)} cannot be held together with ${through(heldRole, y)}, which user ${userId} already holds (assignment ${held.id}); "${x.name}" and "${y.name}" are mutually exclusive.`,
        { userId, roleId: newRole.id, conflictingRoleId: heldRole.id, assignmentId: held.id, exclusivePair: [x.id, y.id] },
      ));
    }
  }
  return issues;
}

/** Do the two roles exclude each other? Either side listing the other is enough. */
export function areMutuallyExclusive(a: Pick<CompiledRole, 'id' | 'exclusiveWith'>, b: Pick<CompiledRole, 'id' | 'exclusiveWith'>): boolean {
  return a.id !== b.id && (a.exclusiveWith.includes(b.id) || b.exclusiveWith.includes(a.id));
}

function heldAssignments(policy: TenantPolicy, userId: string, nowMs: number, ignoreId: string | undefined): CompiledAssignment[] {
  return (policy.assignmentsByUser.get(userId) ?? []).filter(
    (a) =>
      a.id !== ignoreId &&
      a.role !== null &&
      // A disabled user's grants still count: they come back when the user is re-enabled.
      (a.problem === null || a.problem === 'inactive-user') &&
      !(a.expiresAtMs <= nowMs),
  );
}

function rolesOf(role: CompiledRole, graph: RoleGraph): CompiledRole[] {
  return [...role.closure].flatMap((id) => graph.roles.get(id) ?? []);
}

function* exclusivePairs(left: readonly CompiledRole[], right: readonly CompiledRole[]): Generator<[CompiledRole, CompiledRole]> {
  for (const x of left) for (const y of right) if (areMutuallyExclusive(x, y)) yield [x, y];
}

function firstTime(reported: Set<string>, x: CompiledRole, y: CompiledRole): boolean {
  const key = x.id < y.id ? `${x.id} ${y.id}` : `${y.id} ${x.id}`;
  if (reported.has(key)) return false;
  reported.add(key);
  return true;
}

function through(role: CompiledRole, part: CompiledRole): string {
  return role.id === part.id ? `"${role.name}"` : `"${role.name}" (through "${part.name}")`;
}

function conflict(message: string, details: Record<string, unknown>): DomainIssue<'FORBIDDEN'> {
  return { code: 'FORBIDDEN', message, details: { reason: 'separation-of-duties', ...details } };
}
