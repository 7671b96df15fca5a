/**
 * RBAC decision speed on a large tenant: 200 roles inheriting 5 levels deep,
 * 10,000 assignments over 2,000 users (some expired, some not yet valid, some
 * platform-wide, some users disabled). The data comes from a seeded generator,
 * so every run measures the same tenant.
 *
 * Anchor: Casbin (Go) takes about 164 µs per check with RBAC at 1k users and
 * 100 roles; the goal here is at least 1,000,000 checks/s on 2 cores.
 *
 * Run: node bench/rbac.bench.ts
 */
import { duration, formatSamples, rate, report, type BenchResult } from '@steward/bench';
import {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_IDS,
  can,
  compileTenantPolicy,
  explain,
  formatIsoInstant,
  type RoleAssignmentLike,
  type RoleLike,
  type TenantPolicy,
  type UserLike,
} from '../src/rbac/index.ts';

const TENANT = 'tenant-bench';
const ROLE_COUNT = 200;
const LEVELS = 5;
const USER_COUNT = 2_000;
const ASSIGNMENT_COUNT = 10_000;
const RESOURCES = 30;
const ACTIONS = ['read', 'create', 'update', 'delete', 'approve', 'export', 'run', 'review'];
const NOW = 1_750_000_000_000;
const DAY = 86_400_000;
const CHECKS = 1 << 16;

/** mulberry32: a small, fast, seeded PRNG, so every run builds the same tenant. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Tenant {
  readonly roles: RoleLike[];
  readonly assignments: RoleAssignmentLike[];
  readonly users: UserLike[];
  readonly permissions: string[];
}

function buildTenant(seed: number): Tenant {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const permissions: string[] = [];
  for (let r = 0; r < RESOURCES; r++) for (const action of ACTIONS) permissions.push(`res${r}:${action}`);

  const roles: RoleLike[] = [...BUILT_IN_ROLES];
  const perLevel = ROLE_COUNT / LEVELS;
  const levels: string[][] = [];
  for (let level = 0; level < LEVELS; level++) {
    const ids: string[] = [];
    for (let i = 0; i < perLevel; i++) {
      const id = `role-${level}-${i}`;
      ids.push(id);
      const own = new Set<string>();
      const count = 2 + Math.floor(random() * 5);
      for (let k = 0; k < count; k++) {
        // One grant in ten is a resource wildcard, so the wildcard path is measured too.
        own.add(random() < 0.1 ? `res${Math.floor(random() * RESOURCES)}:*` : pick(permissions));
      }
      const below = levels[level - 1];
      const inherits = below === undefined ? [] : [...new Set([pick(below), pick(below)])];
      roles.push({ id, tenantId: TENANT, name: `Role ${level}.${i}`, scope: 'tenant', permissions: [...own], inherits, exclusiveWith: [], builtIn: false });
    }
    levels.push(ids);
  }
  const customIds = levels.flat();

  const users: UserLike[] = [];
  for (let u = 0; u < USER_COUNT; u++) users.push({ id: `user-${u}`, status: random() < 0.02 ? 'disabled' : 'active' });

  const assignments: RoleAssignmentLike[] = [];
  for (let i = 0; i < ASSIGNMENT_COUNT; i++) {
    const window = random();
    const validFrom = window < 0.05 ? NOW + 10 * DAY : NOW - 100 * DAY;
    const expiresAt = window > 0.9 ? NOW - DAY : window > 0.8 ? NOW + 30 * DAY : null;
    const builtIn = random() < 0.05;
    assignments.push({
      id: `assignment-${String(i).padStart(5, '0')}`,
      userId: `user-${Math.floor(random() * USER_COUNT)}`,
      roleId: builtIn ? pick([BUILT_IN_ROLE_IDS.member, BUILT_IN_ROLE_IDS.auditor, BUILT_IN_ROLE_IDS.complianceOfficer]) : pick(customIds),
      tenantId: random() < 0.01 ? null : TENANT,
      grantedBy: 'user-0',
      validFrom: formatIsoInstant(validFrom),
      expiresAt: expiresAt === null ? null : formatIsoInstant(expiresAt),
      reason: 'bench',
    });
  }
  return { roles, assignments, users, permissions: [...permissions, 'audit:read', 'report:export', 'workflow:request'] };
}

interface Check {
  readonly userId: string;
  readonly permission: string;
}

function buildChecks(tenant: Tenant, seed: number): Check[] {
  const random = prng(seed);
  const checks: Check[] = [];
  for (let i = 0; i < CHECKS; i++) {
    checks.push({
      // A few unknown users: they must be denied as fast as anyone.
      userId: random() < 0.02 ? `stranger-${i}` : `user-${Math.floor(random() * USER_COUNT)}`,
      permission: tenant.permissions[Math.floor(random() * tenant.permissions.length)] ?? '*',
    });
  }
  return checks;
}

function runChecks(policy: TenantPolicy, checks: readonly Check[]): number {
  const resource = { tenantId: TENANT };
  let allowed = 0;
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i] as Check;
    if (can(policy, { userId: check.userId }, check.permission, resource, NOW)) allowed++;
  }
  return allowed;
}

function runExplains(policy: TenantPolicy, checks: readonly Check[], count: number): number {
  const resource = { tenantId: TENANT };
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    const check = checks[i] as Check;
    if (explain(policy, { userId: check.userId }, check.permission, resource, NOW).allowed) allowed++;
  }
  return allowed;
}

const tenant = buildTenant(20_250_601);
const checks = buildChecks(tenant, 7);
const compile = (): TenantPolicy => compileTenantPolicy(tenant.roles, tenant.assignments, TENANT, { users: tenant.users });

const compiled = await duration(compile, { runs: 9, warmup: 2 });
const policy = compile();
const allowedShare = runChecks(policy, checks) / CHECKS;
const ROUNDS = 8;
const checkRate = await rate(CHECKS * ROUNDS, () => {
  for (let r = 0; r < ROUNDS; r++) runChecks(policy, checks);
}, { runs: 9, warmup: 3 });
const EXPLAINS = 8_192;
const explainRate = await rate(EXPLAINS, () => runExplains(policy, checks, EXPLAINS), { runs: 7, warmup: 2 });

const size = `${tenant.roles.length} roles (${ROLE_COUNT} custom, ${LEVELS} levels), ${tenant.assignments.length} assignments, ${USER_COUNT} users`;
const results: BenchResult[] = [
  {
    name: 'domain.rbac.checks_per_s',
    value: Math.round(checkRate.perSecond),
    unit: 'checks/s',
    better: 'higher',
    notes: `${size}; ${(allowedShare * 100).toFixed(0)}% allowed; goal ≥ 1,000,000; samples ${formatSamples(checkRate.samples)}`,
  },
  {
    name: 'domain.rbac.compile_ms',
    value: Number(compiled.ms.toFixed(2)),
    unit: 'ms',
    better: 'lower',
    notes: `median of 9; samples ${formatSamples(compiled.samples, 1)}`,
  },
  {
    name: 'domain.rbac.explain_per_s',
    value: Math.round(explainRate.perSecond),
    unit: 'explains/s',
    better: 'higher',
    notes: `same checks as checks_per_s; samples ${formatSamples(explainRate.samples)}`,
  },
];
report(results);
