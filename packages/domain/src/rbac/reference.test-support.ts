/**
 * A brute-force reference for `can`, written from the rules in the docs and
 * sharing no code with the module: scan every assignment, walk inheritance
 * naively (recursively, every time), match permissions by string rules.
 * Correct only for acyclic inheritance, which is what the generators make.
 */
import { TIME_OF, type RandomTenant } from './arbitraries.test-support.ts';
import type { RoleLike } from './types.ts';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** The generators write only a few instants; anything else is not a date. */
const parse = (iso: string): number => TIME_OF.get(iso) ?? Number.NaN;

function wellFormed(p: string): boolean {
  if (p === '*') return true;
  const parts = p.split(':');
  return parts.length === 2 && NAME.test(parts[0] ?? '') && (parts[1] === '*' || NAME.test(parts[1] ?? ''));
}

function grants(granted: string, required: string): boolean {
  if (!wellFormed(granted) || !wellFormed(required)) return false;
  if (granted === '*') return true;
  if (granted.endsWith(':*')) return required !== '*' && required.split(':')[0] === granted.split(':')[0];
  return granted === required;
}

export interface ReferenceQuery {
  readonly tenantId: string | null;
  readonly userId: string;
  readonly permission: string;
  readonly resourceTenantId: string | null;
  readonly nowMs: number;
}

export function referenceCan(t: RandomTenant, q: ReferenceQuery): boolean {
  if (q.resourceTenantId !== q.tenantId || Number.isNaN(q.nowMs)) return false;
  const listed = t.users.find((u) => u.id === q.userId);
  if (listed !== undefined && (listed._deleted === true || listed.status !== 'active')) return false;
  const roleById = (id: string): RoleLike | undefined =>
    t.roles.find((r) => r.id === id && r._deleted !== true && (r.tenantId === null || r.tenantId === q.tenantId));
  const walk = (r: RoleLike): boolean =>
    r.permissions.some((g) => grants(g, q.permission)) ||
    r.inherits.some((parentId) => {
      const parent = roleById(parentId);
      if (parent === undefined) return false;
      if (r.tenantId === null && parent.tenantId !== null) return false;
      if (r.scope === 'tenant' && parent.scope === 'platform') return false;
      return walk(parent);
    });
  return t.assignments.some((a) => {
    if (a._deleted === true || a.userId !== q.userId) return false;
    if (a.tenantId !== null && a.tenantId !== q.tenantId) return false;
    const from = parse(a.validFrom);
    const until = a.expiresAt === null ? Number.POSITIVE_INFINITY : parse(a.expiresAt);
    if (!(from <= q.nowMs && q.nowMs < until)) return false;
    const r = roleById(a.roleId);
    if (r === undefined || (r.scope === 'platform' && a.tenantId !== null)) return false;
    return walk(r);
  });
}

/** Every permission string a role reaches by walking valid inheritance links naively (acyclic data only). */
export function referenceReachablePermissions(t: RandomTenant, tenantId: string | null, roleId: string): string[] {
  const roleById = (id: string): RoleLike | undefined =>
    t.roles.find((r) => r.id === id && r._deleted !== true && (r.tenantId === null || r.tenantId === tenantId));
  const walk = (r: RoleLike): string[] => [
    ...r.permissions,
    ...r.inherits.flatMap((parentId) => {
      const parent = roleById(parentId);
      if (parent === undefined || (r.tenantId === null && parent.tenantId !== null) || (r.scope === 'tenant' && parent.scope === 'platform')) return [];
      return walk(parent);
    }),
  ];
  const start = roleById(roleId);
  return start === undefined ? [] : walk(start).filter(wellFormed);
}
