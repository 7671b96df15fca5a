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

/** Two mutually exclusive roles one user holds together, and the assignments that give them. */
export interface HeldConflict {
  readonly userId: string;
  /** The exclusive pair, smaller id first. */
  readonly roleIds: readonly [string, string];
  readonly roleNames: readonly [string, string];
  /** The assignments giving each role of the pair (the same one when a single role combines both). */
  readonly assignmentIds: readonly [string, string];
}

/**
 * Every exclusive pair the user holds together at or after `now`, keyed by
 * the pair. A role change compares these before and after, so that editing a
 * role (a new inherited role, a new exclusion) cannot quietly put its holders
 * in breach.
 */
export function conflictsHeldBy(policy: TenantPolicy, userId: string, now: Instant): Map<string, HeldConflict> {
  const held = heldAssignments(policy, userId, toMillis(now), undefined);
  const found = new Map<string, HeldConflict>();
  for (let i = 0; i < held.length; i++) {
    for (let j = i; j < held.length; j++) {
      const left = held[i];
      const right = held[j];
      if (left === undefined || right === undefined || left.role === null || right.role === null) continue;
      for (const [x, y] of exclusivePairs(rolesOf(left.role, policy.graph), rolesOf(right.role, policy.graph))) {
        const key = pairKey(x, y);
        if (found.has(key)) continue;
        const [first, second, firstVia, secondVia] = x.id < y.id ? [x, y, left, right] : [y, x, right, left];
        found.set(key, { userId, roleIds: [first.id, second.id], roleNames: [first.name, second.name], assignmentIds: [firstVia.id, secondVia.id] });
      }
    }
  }
  return found;
}

/** Exclusive pairs inside one role's own inheritance: such a role can never be granted. */
export function exclusivePairsWithin(role: CompiledRole, graph: RoleGraph): [CompiledRole, CompiledRole][] {
  const closure = rolesOf(role, graph);
  const seen = new Set<string>();
  return [...exclusivePairs(closure, closure)].filter(([x, y]) => firstTime(seen, x, y));
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

function pairKey(x: CompiledRole, y: CompiledRole): string {
  return x.id < y.id ? `${x.id} ${y.id}` : `${y.id} ${x.id}`;
}

function firstTime(reported: Set<string>, x: CompiledRole, y: CompiledRole): boolean {
  const key = pairKey(x, y);
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
