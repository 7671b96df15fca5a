/**
 * fast-check arbitraries for RBAC property tests: permissions (well formed
 * and not), and whole random tenants whose inheritance is a DAG by
 * construction (a role only inherits roles listed before it). Not part of the
 * module's API.
 */
import fc from 'fast-check';
import { DAY, NOW, OTHER_TENANT, TENANT, iso } from './fixtures.test-support.ts';
import type { RoleAssignmentLike, RoleLike, UserLike } from './types.ts';

const segment = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3})?$/);

export const wellFormedPermission = fc.oneof(
  fc.constant('*'),
  segment.map((r) => `${r}:*`),
  fc.tuple(segment, segment).map(([r, a]) => `${r}:${a}`),
);

/** A small vocabulary, so random roles and checks often meet. */
const RESOURCES = ['audit', 'report', 'user'] as const;
const ACTIONS = ['read', 'export', 'delete'] as const;
export const WILDCARDS: readonly string[] = ['*', ...RESOURCES.map((r) => `${r}:*`)];
export const EXACT: readonly string[] = RESOURCES.flatMap((r) => ACTIONS.map((a) => `${r}:${a}`));
export const MALFORMED: readonly string[] = ['Audit:read', '*:read', 'audit:', '', 'audit:*:x', 'a::b'];

/** What checks ask for: the vocabulary, plus malformed strings that must never be allowed. */
export const checkedPermission = fc.constantFrom(...EXACT, ...WILDCARDS, ...MALFORMED);
/** What roles carry: mostly exact grants, sometimes wildcards, rarely junk. */
export const grantedPermission = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...EXACT) },
  { weight: 3, arbitrary: fc.constantFrom(...WILDCARDS.slice(1)) },
  { weight: 1, arbitrary: fc.constantFrom('*', ...MALFORMED) },
);

/** Time points around NOW: assignment windows are built from these. */
const TIMES = [NOW - 10 * DAY, NOW - DAY, NOW, NOW + DAY, NOW + 10 * DAY];
export const TIME_OF: ReadonlyMap<string, number> = new Map(TIMES.map((t) => [iso(t), t]));
export const checkTime = fc.constantFrom(...TIMES, NOW - 1, NOW + 1);

export interface RandomTenant {
  readonly roles: RoleLike[];
  readonly assignments: RoleAssignmentLike[];
  readonly users: UserLike[];
  /** Every user id assignments may name, listed in `users` or not. */
  readonly userIds: string[];
}

const USER_IDS = ['u0', 'u1', 'u2', 'u3'];
const roleTenant = fc.constantFrom<string | null>(TENANT, TENANT, TENANT, null, null, OTHER_TENANT);
const grantTenant = fc.constantFrom<string | null>(TENANT, TENANT, TENANT, TENANT, null, OTHER_TENANT);

const roleDraft = fc.record({
  permissions: fc.array(grantedPermission, { maxLength: 3 }),
  inheritPicks: fc.array(fc.nat(), { maxLength: 2 }),
  tenantId: roleTenant,
  platformScope: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  deleted: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
});

const grantDraft = fc.record({
  userId: fc.constantFrom(...USER_IDS, 'u-unlisted'),
  rolePick: fc.nat(),
  tenantId: grantTenant,
  from: fc.constantFrom<number | 'bad'>(...TIMES, TIMES[0] ?? 0, TIMES[0] ?? 0, 'bad'),
  until: fc.constantFrom<number | null>(null, null, null, ...TIMES),
  deleted: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
});

/** A tenant's worth of roles, assignments and users, including every kind of bad data. */
export const randomTenant: fc.Arbitrary<RandomTenant> = fc
  .record({
    roles: fc.array(roleDraft, { minLength: 1, maxLength: 8 }),
    grants: fc.array(grantDraft, { maxLength: 12 }),
    statuses: fc.array(fc.constantFrom('active', 'active', 'active', 'disabled', 'invited'), { minLength: USER_IDS.length, maxLength: USER_IDS.length }),
  })
  .map(({ roles: drafts, grants, statuses }) => {
    const roles: RoleLike[] = drafts.map((d, i) => ({
      id: `r${i}`,
      tenantId: d.tenantId,
      name: `Role ${i}`,
      scope: d.platformScope ? 'platform' : 'tenant',
      permissions: d.permissions,
      // Only earlier roles: the graph is a DAG by construction.
      inherits: i === 0 ? [] : [...new Set(d.inheritPicks.map((p) => `r${p % i}`))],
      exclusiveWith: [],
      builtIn: false,
      _deleted: d.deleted,
    }));
    const roleIds = [...roles.map((r) => r.id), 'r-missing'];
    const assignments: RoleAssignmentLike[] = grants.map((g, i) => ({
      id: `a${String(i).padStart(2, '0')}`,
      userId: g.userId,
      roleId: roleIds[g.rolePick % roleIds.length] ?? 'r-missing',
      tenantId: g.tenantId,
      grantedBy: 'u0',
      validFrom: g.from === 'bad' ? 'yesterday' : iso(g.from),
      expiresAt: g.until === null ? null : iso(g.until),
      reason: 'random',
      _deleted: g.deleted,
    }));
    const users: UserLike[] = USER_IDS.map((id, i) => ({ id, status: statuses[i] ?? 'active' }));
    return { roles, assignments, users, userIds: [...USER_IDS, 'u-unlisted'] };
  });
