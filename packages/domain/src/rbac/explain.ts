/**
 * `explain` answers the same question as `can`, slowly and in words: which
 * assignment and which role granted a permission, or, for a refusal, what
 * each of the user's assignments lacked. Both ends explain a decision the
 * same way because assignments are walked in id order and inheritance in
 * document order.
 */
import type { DomainIssue } from '../errors.ts';
import { toMillis, type Instant } from './instant.ts';
import { parsePermission } from './permission.ts';
import { permissionSetAllows, type PermissionSet } from './permission-set.ts';
import { can, isInForce, type Actor, type AssignmentProblem, type CompiledAssignment, type ResourceRef, type TenantPolicy } from './policy.ts';
import type { CompiledRole, RoleGraph } from './role-graph.ts';

interface AssignmentReason<C extends string> {
  readonly code: C;
  readonly message: string;
  readonly assignmentId: string;
  readonly roleId: string;
}

export type DenialReason =
  | { readonly code: 'malformed-permission'; readonly message: string }
  | { readonly code: 'invalid-clock'; readonly message: string }
  | { readonly code: 'wrong-tenant'; readonly message: string; readonly policyTenantId: string | null; readonly resourceTenantId: string | null }
  | { readonly code: 'no-assignment'; readonly message: string }
  | (AssignmentReason<'not-yet-valid'> & { readonly validFrom: string })
  | (AssignmentReason<'expired'> & { readonly expiresAt: string })
  | AssignmentReason<AssignmentProblem>
  | AssignmentReason<'role-lacks-permission'>;

export interface AllowedDecision {
  readonly allowed: true;
  readonly userId: string;
  readonly tenantId: string | null;
  readonly permission: string;
  readonly assignmentId: string;
  /** The role the assignment gives. */
  readonly roleId: string;
  /** The role whose own permissions hold it: `roleId` itself or one it inherits. */
  readonly viaRoleId: string;
  /** Role ids from `roleId` down to `viaRoleId` through `inherits`. */
  readonly inheritancePath: readonly string[];
  /** The permission in `viaRoleId` that matched ("audit:*" for "audit:read"). */
  readonly matchedPermission: string;
  readonly message: string;
}

export interface DeniedDecision {
  readonly allowed: false;
  readonly userId: string;
  readonly tenantId: string | null;
  readonly permission: string;
  /** One reason per assignment considered, or one for the whole request. */
  readonly reasons: readonly DenialReason[];
  readonly message: string;
}

export type Decision = AllowedDecision | DeniedDecision;

export function explain(policy: TenantPolicy, actor: Actor, permission: string, resource: ResourceRef, now: Instant): Decision {
  const base = { userId: actor.userId, tenantId: resource.tenantId, permission };
  const parsed = parsePermission(permission);
  if (!parsed.ok) return denied(base, [{ code: 'malformed-permission', message: parsed.error.message }]);
  const nowMs = toMillis(now);
  if (Number.isNaN(nowMs)) {
    return denied(base, [{ code: 'invalid-clock', message: `The clock ${JSON.stringify(now)} is not a valid instant, so nothing can be checked.` }]);
  }
  if (resource.tenantId !== policy.tenantId) {
    return denied(base, [{
      code: 'wrong-tenant',
      message: `The resource belongs to ${tenantLabel(resource.tenantId)}, but this policy decides for ${tenantLabel(policy.tenantId)}.`,
      policyTenantId: policy.tenantId,
      resourceTenantId: resource.tenantId,
    }]);
  }
  const assignments = policy.assignmentsByUser.get(actor.userId) ?? [];
  if (assignments.length === 0) {
    return denied(base, [{ code: 'no-assignment', message: `User ${actor.userId} has no role in ${tenantLabel(policy.tenantId)}.` }]);
  }
  const reasons: DenialReason[] = [];
  for (const a of assignments) {
    if (a.grants !== null && a.role !== null && isInForce(a, nowMs) && permissionSetAllows(a.grants, permission)) {
      return allowed(base, a, a.role, policy.graph);
    }
    reasons.push(whyNot(a, permission, nowMs));
  }
  return denied(base, reasons);
}

/**
 * The gate for middleware and write checks: [] when allowed, else the
 * refusal as one typed issue explaining why. Allowed requests cost one fast
 * `can`; only a refusal pays for the explanation.
 */
export function checkPermission(policy: TenantPolicy, actor: Actor, permission: string, resource: ResourceRef, now: Instant): DomainIssue<'FORBIDDEN' | 'INVALID'>[] {
  if (can(policy, actor, permission, resource, now)) return [];
  const decision = explain(policy, actor, permission, resource, now);
  if (!decision.allowed) return [denialIssue(decision)];
  // explain and can agree (property-tested); should they ever not, refusing is the safe answer.
  return [{ code: 'FORBIDDEN', message: `User ${actor.userId} may not ${permission} in ${tenantLabel(resource.tenantId)}.`, details: { reason: 'not-permitted', userId: actor.userId, tenantId: resource.tenantId, permission, causes: [] } }];
}

/** The refusal as the typed issue the server returns and the desktop shows. */
export function denialIssue(decision: DeniedDecision): DomainIssue<'FORBIDDEN' | 'INVALID'> {
  const malformed = decision.reasons.some((r) => r.code === 'malformed-permission' || r.code === 'invalid-clock');
  return {
    code: malformed ? 'INVALID' : 'FORBIDDEN',
    message: decision.message,
    details: {
      reason: 'not-permitted',
      userId: decision.userId,
      tenantId: decision.tenantId,
      permission: decision.permission,
      causes: decision.reasons.map((r) => r.code),
    },
  };
}

function whyNot(a: CompiledAssignment, permission: string, nowMs: number): DenialReason {
  const ids = { assignmentId: a.id, roleId: a.roleId };
  const name = `"${a.role?.name ?? a.roleId}"`;
  if (a.problem !== null) {
    const messages: Record<AssignmentProblem, string> = {
      'unknown-role': `Assignment ${a.id} gives role ${a.roleId}, which does not exist in this tenant.`,
      'platform-role-in-tenant': `Assignment ${a.id} gives platform role ${name} inside one tenant, where it grants nothing.`,
      'invalid-dates': `Assignment ${a.id} (${name}) has validity dates that are not ISO-8601 instants.`,
      'inactive-user': `User ${a.userId} is not active, so assignment ${a.id} (${name}) grants nothing.`,
    };
    return { code: a.problem, message: messages[a.problem], ...ids };
  }
  if (a.grants === null || !permissionSetAllows(a.grants, permission)) {
    return { code: 'role-lacks-permission', message: `Role ${name} (assignment ${a.id}) does not include ${permission}.`, ...ids };
  }
  if (nowMs < a.validFromMs) {
    return { code: 'not-yet-valid', message: `Assignment ${a.id} (${name}) is valid only from ${a.validFrom}.`, validFrom: a.validFrom, ...ids };
  }
  const expiresAt = a.expiresAt ?? '';
  return { code: 'expired', message: `Assignment ${a.id} (${name}) expired at ${expiresAt}.`, expiresAt, ...ids };
}

function allowed(base: Pick<AllowedDecision, 'userId' | 'tenantId' | 'permission'>, a: CompiledAssignment, role: CompiledRole, graph: RoleGraph): AllowedDecision {
  const path = pathToHolder(role, base.permission, graph) ?? [role];
  const via = path.at(-1) ?? role;
  const matchedPermission = matchedBy(via.own, base.permission);
  const inherited = path.slice(1).map((r) => `"${r.name}"`).join(' → ');
  const grants = matchedPermission === base.permission ? matchedPermission : `${matchedPermission}, which covers ${base.permission}`;
  const how = via.id === role.id ? `, which grants ${grants}` : `, which inherits ${inherited}; "${via.name}" grants ${grants}`;
  return {
    allowed: true,
    ...base,
    assignmentId: a.id,
    roleId: role.id,
    viaRoleId: via.id,
    inheritancePath: path.map((r) => r.id),
    matchedPermission,
    message: `User ${base.userId} may ${base.permission}: assignment ${a.id} gives "${role.name}"${how}.`,
  };
}

/** Breadth-first through `inherits`: the nearest role whose own permissions hold it. */
function pathToHolder(start: CompiledRole, permission: string, graph: RoleGraph): CompiledRole[] | null {
  const cameFrom = new Map<string, CompiledRole | null>([[start.id, null]]);
  const queue: CompiledRole[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const role = queue[head];
    if (role === undefined) break;
    if (permissionSetAllows(role.own, permission)) {
      const path: CompiledRole[] = [];
      for (let step: CompiledRole | null | undefined = role; step !== null && step !== undefined; step = cameFrom.get(step.id)) path.push(step);
      return path.reverse();
    }
    for (const parentId of role.inherits) {
      const parent = graph.roles.get(parentId);
      if (parent !== undefined && !cameFrom.has(parentId)) {
        cameFrom.set(parentId, role);
        queue.push(parent);
      }
    }
  }
  return null;
}

function matchedBy(own: PermissionSet, permission: string): string {
  if (own.exact.has(permission)) return permission;
  const resource = permission.slice(0, permission.indexOf(':'));
  return permission !== '*' && own.resources.has(resource) ? `${resource}:*` : '*';
}

function denied(base: Pick<DeniedDecision, 'userId' | 'tenantId' | 'permission'>, reasons: DenialReason[]): DeniedDecision {
  const summary = `User ${base.userId} may not ${base.permission} in ${tenantLabel(base.tenantId)}.`;
  return { allowed: false, ...base, reasons, message: [summary, ...reasons.map((r) => r.message)].join(' ') };
}

function tenantLabel(tenantId: string | null): string {
  return tenantId === null ? 'the platform' : `tenant ${tenantId}`;
}
