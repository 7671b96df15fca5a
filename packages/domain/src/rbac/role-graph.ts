/**
 * Roles of one tenant (its own plus the platform-wide ones) compiled into
 * effective permission sets through `inherits`.
 *
 * Bad links never crash a compile and never widen access: data merged from
 * two offline replicas can hold a cycle or point at a deleted role, each edit
 * valid alone. Such links are reported as INVALID issues (for the console to
 * show and for writes to be refused) and are ignored: a link to an unknown
 * role, and every link inside a cycle, grants nothing. Roles on a cycle keep
 * their own permissions and those of roles outside the cycle.
 */
import type { DomainIssue } from '../errors.ts';
import { BUILT_IN_ROLES } from './built-in-roles.ts';
import { permissionIssues } from './permission.ts';
import { permissionSetOf, unionOfPermissionSets, type PermissionSet } from './permission-set.ts';
import { findCycle, stronglyConnectedComponents } from './scc.ts';
import type { RoleLike, RoleScope } from './types.ts';

export interface CompiledRole {
  readonly id: string;
  readonly name: string;
  readonly tenantId: string | null;
  readonly scope: RoleScope;
  readonly builtIn: boolean;
  /** The role's own permissions. */
  readonly own: PermissionSet;
  /** Own permissions plus everything inherited through valid links. */
  readonly effective: PermissionSet;
  /** Inherited role ids that count (after dropping bad links), in document order. */
  readonly inherits: readonly string[];
  /** This role and every role it inherits, transitively. */
  readonly closure: ReadonlySet<string>;
  readonly exclusiveWith: readonly string[];
}

export type RoleGraphProblem =
  | 'duplicate-role'
  | 'built-in-redefined'
  | 'malformed-permission'
  | 'unknown-inherited-role'
  | 'platform-role-inherits-tenant-role'
  | 'tenant-role-inherits-platform-role'
  | 'inheritance-cycle';

export interface RoleGraph {
  /** The tenant whose roles these are; null: the platform's own (platform-wide roles only). */
  readonly tenantId: string | null;
  readonly roles: ReadonlyMap<string, CompiledRole>;
  /** Every problem found, each INVALID with `details.reason` a `RoleGraphProblem`. */
  readonly issues: readonly DomainIssue<'INVALID'>[];
}

const BUILT_IN_BY_ID: ReadonlyMap<string, RoleLike> = new Map(BUILT_IN_ROLES.map((r) => [r.id, r]));

/** Is the role defined for this tenant (its own, or platform-wide) and not deleted? */
export function isRoleUsableIn(role: RoleLike, tenantId: string | null): boolean {
  return role._deleted !== true && (role.tenantId === null || role.tenantId === tenantId);
}

export function compileRoleGraph(roles: readonly RoleLike[], tenantId: string | null): RoleGraph {
  const issues: DomainIssue<'INVALID'>[] = [];
  const usable = new Map<string, RoleLike>();
  for (const role of roles) {
    if (!isRoleUsableIn(role, tenantId)) continue;
    const builtIn = BUILT_IN_BY_ID.get(role.id);
    if (builtIn !== undefined && !sameDefinition(role, builtIn)) {
      // Built-ins mean the same everywhere: a document reusing a built-in's id
      // (edited, merged or forged) never redefines it, whatever its position.
      issues.push(invalid('built-in-redefined', `Role ${role.id} is the built-in "${builtIn.name}" and cannot be redefined; the built-in definition is used.`, { roleId: role.id }));
      if (!usable.has(role.id)) usable.set(role.id, builtIn);
      continue;
    }
    const first = usable.get(role.id);
    if (first !== undefined) {
      // The same definition twice (built-ins from code and from storage, say) is harmless.
      if (!sameDefinition(first, role)) {
        issues.push(invalid('duplicate-role', `Role id ${role.id} is defined twice; the second definition ("${role.name}") is ignored.`, { roleId: role.id }));
      }
      continue;
    }
    usable.set(role.id, role);
  }

  const ids = [...usable.keys()];
  const links = new Map<string, readonly string[]>();
  for (const role of usable.values()) {
    for (const p of permissionIssues(role.permissions)) {
      issues.push(invalid('malformed-permission', `Role "${role.name}": ${p.message} It grants nothing.`, { roleId: role.id, permission: p.details.permission, problem: p.details.reason }));
    }
    links.set(role.id, validLinks(role, usable, issues));
  }

  const components = stronglyConnectedComponents(ids, links);
  const componentOf = new Map<string, number>();
  components.forEach((members, i) => {
    for (const id of members) componentOf.set(id, i);
  });
  for (const members of components) {
    const cycle = findCycle(members, links);
    if (cycle !== null) issues.push(cycleIssue(cycle, members, usable));
  }

  // Components come out in reverse topological order: whatever a role
  // inherits (outside its own cycle) is compiled before the role itself.
  const compiled = new Map<string, CompiledRole>();
  for (const members of components) {
    for (const id of members) {
      const role = usable.get(id);
      if (role === undefined) continue;
      const inherits = (links.get(id) ?? []).filter((p) => componentOf.get(p) !== componentOf.get(id));
      const parents = inherits.flatMap((p) => compiled.get(p) ?? []);
      const own = permissionSetOf(role.permissions);
      const closure = new Set([id]);
      for (const parent of parents) for (const r of parent.closure) closure.add(r);
      compiled.set(id, Object.freeze({
        id,
        name: role.name,
        tenantId: role.tenantId,
        scope: role.scope,
        builtIn: role.builtIn,
        own,
        effective: parents.length === 0 ? own : unionOfPermissionSets([own, ...parents.map((p) => p.effective)]),
        inherits: Object.freeze(inherits),
        closure,
        exclusiveWith: Object.freeze([...role.exclusiveWith]),
      }));
    }
  }
  // Present roles in document order, whatever order the compile needed.
  const ordered = new Map<string, CompiledRole>();
  for (const id of ids) {
    const role = compiled.get(id);
    if (role !== undefined) ordered.set(id, role);
  }
  return Object.freeze({ tenantId, roles: ordered, issues: Object.freeze(issues) });
}

/** The links of `role` that may count; reports the others. */
function validLinks(role: RoleLike, usable: ReadonlyMap<string, RoleLike>, issues: DomainIssue<'INVALID'>[]): string[] {
  const kept: string[] = [];
  for (const parentId of new Set(role.inherits)) {
    const parent = usable.get(parentId);
    if (parent === undefined) {
      issues.push(invalid('unknown-inherited-role', `Role "${role.name}" inherits role ${parentId}, which does not exist here (or was deleted); that link grants nothing.`, { roleId: role.id, inheritedRoleId: parentId }));
    } else if (role.tenantId === null && parent.tenantId !== null) {
      // A platform-wide role must mean the same in every tenant.
      issues.push(invalid('platform-role-inherits-tenant-role', `Platform-wide role "${role.name}" cannot inherit "${parent.name}", which belongs to one tenant; that link grants nothing.`, { roleId: role.id, inheritedRoleId: parentId }));
    } else if (role.scope === 'tenant' && parent.scope === 'platform') {
      // Platform powers are granted platform-wide only, never smuggled in through a tenant role.
      issues.push(invalid('tenant-role-inherits-platform-role', `Tenant role "${role.name}" cannot inherit platform role "${parent.name}"; that link grants nothing.`, { roleId: role.id, inheritedRoleId: parentId }));
    } else {
      kept.push(parentId);
    }
  }
  return kept;
}

/** Same fields that matter for access (the document's bookkeeping fields aside). */
function sameDefinition(a: RoleLike, b: RoleLike): boolean {
  const sameList = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.tenantId === b.tenantId &&
    a.name === b.name &&
    a.scope === b.scope &&
    a.builtIn === b.builtIn &&
    sameList(a.permissions, b.permissions) &&
    sameList(a.inherits, b.inherits) &&
    sameList(a.exclusiveWith, b.exclusiveWith)
  );
}

function cycleIssue(cycle: readonly string[], members: readonly string[], roles: ReadonlyMap<string, RoleLike>): DomainIssue<'INVALID'> {
  const names = cycle.map((id) => `"${roles.get(id)?.name ?? id}"`).join(' → ');
  return invalid(
    'inheritance-cycle',
    `Roles inherit from each other in a cycle: ${names}. Inheritance must not loop; the links inside the cycle grant nothing until one is removed.`,
    { cycle, roleIds: [...members].sort() },
  );
}

function invalid(reason: RoleGraphProblem, message: string, details: Record<string, unknown>): DomainIssue<'INVALID'> {
  return { code: 'INVALID', message, details: { reason, ...details } };
}
