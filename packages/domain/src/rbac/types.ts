/**
 * The fields RBAC reads from replicated documents. The collection schemas
 * (src/schema) have more; these minimal shapes let their types, plain test
 * objects and server rows all be passed in as they are.
 */

export type RoleScope = 'tenant' | 'platform';

export interface RoleLike {
  readonly id: string;
  /** null: a platform-wide definition (the built-ins), usable in every tenant. */
  readonly tenantId: string | null;
  readonly name: string;
  /** "platform" roles carry platform powers and may only be granted platform-wide. */
  readonly scope: RoleScope;
  readonly permissions: readonly string[];
  /** Role ids whose permissions this role also grants; the graph must be acyclic. */
  readonly inherits: readonly string[];
  /** Role ids nobody may hold together with this one (separation of duties). */
  readonly exclusiveWith: readonly string[];
  readonly builtIn: boolean;
  readonly _deleted?: boolean | undefined;
}

export interface RoleAssignmentLike {
  readonly id: string;
  readonly userId: string;
  readonly roleId: string;
  /** null: a platform-wide grant, in force in every tenant. */
  readonly tenantId: string | null;
  readonly grantedBy: string;
  /** ISO-8601; the grant is in force from this instant (inclusive)… */
  readonly validFrom: string;
  /** …until this one (exclusive); null: no end. */
  readonly expiresAt: string | null;
  readonly reason: string;
  readonly _deleted?: boolean | undefined;
}

export interface UserLike {
  readonly id: string;
  /** Only `ACTIVE_USER_STATUS` may act; any other status (invited, disabled…) grants nothing. */
  readonly status: string;
  readonly _deleted?: boolean | undefined;
}

export const ACTIVE_USER_STATUS = 'active';

export function isActiveUser(user: UserLike): boolean {
  return user._deleted !== true && user.status === ACTIVE_USER_STATUS;
}
