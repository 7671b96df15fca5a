/**
 * The Roles screen's matrix: one row per role of a tenant, one column per
 * permission (grouped by resource), and in each cell how the role holds it:
 * listed in its own permissions ("direct"), implied by one of its own
 * wildcards ("wildcard": `audit:*` or `*`), inherited through `inherits`
 * ("inherited", naming the role it comes from), or not at all.
 */
import { compileRoleGraph, PERMISSION_CATALOGUE, permissionSetAllows, RESOURCES, type CompiledRole, type DomainIssue, type RoleGraph, type RoleLike } from '@steward/domain';

export type CellKind = 'direct' | 'wildcard' | 'inherited' | 'none';

export interface MatrixCell {
  readonly permission: string;
  readonly kind: CellKind;
  /** The wildcard that implies it ("audit:*", "*"), for wildcard and inherited cells. */
  readonly matched: string | null;
  /** Role names from this role's first parent down to the one that holds it, for inherited cells. */
  readonly via: readonly string[];
}

export interface MatrixRow {
  readonly role: CompiledRole;
  readonly inheritsNames: readonly string[];
  readonly cells: readonly MatrixCell[];
}

export interface PermissionGroup {
  readonly resource: string;
  readonly permissions: readonly string[];
}

export interface PermissionMatrix {
  readonly groups: readonly PermissionGroup[];
  readonly rows: readonly MatrixRow[];
  /** Problems in the role data (cycles, unknown parents…), from the domain. */
  readonly issues: readonly DomainIssue<'INVALID'>[];
}

/** The catalogue's permissions plus any exact ones roles list that the catalogue does not (yet) name. */
export function permissionGroups(roles: readonly RoleLike[]): PermissionGroup[] {
  const all = new Set<string>(PERMISSION_CATALOGUE);
  for (const role of roles) for (const p of role.permissions) if (/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/.test(p)) all.add(p);
  const byResource = new Map<string, string[]>();
  for (const p of all) {
    const resource = p.slice(0, p.indexOf(':'));
    byResource.set(resource, [...(byResource.get(resource) ?? []), p]);
  }
  const known: readonly string[] = RESOURCES;
  const order = [...known.filter((r) => byResource.has(r)), ...[...byResource.keys()].filter((r) => !known.includes(r)).sort()];
  return order.map((resource) => ({ resource, permissions: byResource.get(resource) ?? [] }));
}

export function buildPermissionMatrix(roles: readonly RoleLike[], tenantId: string | null): PermissionMatrix {
  const graph = compileRoleGraph(roles, tenantId);
  const groups = permissionGroups([...graph.roles.keys()].flatMap((id) => roles.filter((r) => r.id === id)));
  const permissions = groups.flatMap((g) => g.permissions);
  const rows = [...graph.roles.values()].map((role) => ({
    role,
    inheritsNames: role.inherits.map((id) => graph.roles.get(id)?.name ?? id),
    cells: permissions.map((p) => cellFor(role, p, graph)),
  }));
  return { groups, rows, issues: graph.issues };
}

export function cellFor(role: CompiledRole, permission: string, graph: RoleGraph): MatrixCell {
  if (role.own.exact.has(permission)) return { permission, kind: 'direct', matched: null, via: [] };
  if (permissionSetAllows(role.own, permission)) return { permission, kind: 'wildcard', matched: wildcardFor(role, permission), via: [] };
  if (!permissionSetAllows(role.effective, permission)) return { permission, kind: 'none', matched: null, via: [] };
  const path = nearestHolder(role, permission, graph);
  const holder = path.at(-1);
  const matched = holder === undefined || holder.own.exact.has(permission) ? null : wildcardFor(holder, permission);
  return { permission, kind: 'inherited', matched, via: path.map((r) => r.name) };
}

function wildcardFor(role: CompiledRole, permission: string): string {
  return role.own.resources.has(permission.slice(0, permission.indexOf(':'))) ? `${permission.slice(0, permission.indexOf(':'))}:*` : '*';
}

/** Breadth-first through `inherits` (as the domain's explain walks it): the parents down to the nearest holder. */
function nearestHolder(start: CompiledRole, permission: string, graph: RoleGraph): CompiledRole[] {
  const cameFrom = new Map<string, CompiledRole | null>([[start.id, null]]);
  const queue: CompiledRole[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const role = queue[head];
    if (role === undefined) break;
    if (role !== start && permissionSetAllows(role.own, permission)) {
      const path: CompiledRole[] = [];
      for (let step: CompiledRole | null | undefined = role; step !== undefined && step !== null && step !== start; step = cameFrom.get(step.id)) path.push(step);
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
  return [];
}

/** How many cells of each kind a row has, for its summary. */
export function countKinds(row: MatrixRow): Record<CellKind, number> {
  const counts: Record<CellKind, number> = { direct: 0, wildcard: 0, inherited: 0, none: 0 };
  for (const c of row.cells) counts[c.kind]++;
  return counts;
}
