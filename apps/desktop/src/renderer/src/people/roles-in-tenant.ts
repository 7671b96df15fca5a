/**
 * The roles one tenant can use: the built-ins (from the code when the
 * replica has not got its stored copies yet) and the tenant's own, in the
 * order the console lists them — built-ins first.
 */
import { BUILT_IN_ROLES, isRoleUsableIn, type Role, type RoleLike } from '@steward/domain';

export function rolesInTenant(stored: readonly Role[], tenantId: string | null): RoleLike[] {
  const storedIds = new Set(stored.map((r) => r.id));
  const builtIns = BUILT_IN_ROLES.filter((r) => !storedIds.has(r.id));
  const usable = stored.filter((r) => isRoleUsableIn(r, tenantId));
  return [...builtIns, ...usable].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || builtInOrder(a) - builtInOrder(b) || a.name.localeCompare(b.name));
}

/** Roles that may be granted inside a tenant: platform roles are granted platform-wide only. */
export function grantableInTenant(roles: readonly RoleLike[]): RoleLike[] {
  return roles.filter((r) => r.scope === 'tenant');
}

function builtInOrder(role: RoleLike): number {
  const i = BUILT_IN_ROLES.findIndex((r) => r.id === role.id);
  return i === -1 ? BUILT_IN_ROLES.length : i;
}
