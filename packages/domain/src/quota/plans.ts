/**
 * Plans and their limits, with per-tenant overrides.
 *
 * Unlimited is `null`, not `Infinity`: JSON has no Infinity
 * (`JSON.stringify(Infinity)` is "null"), so null is what would arrive after
 * a sync round trip anyway; making it the only spelling means desktop and
 * server read the same value. The limit names are the schema's QUOTA_KEYS.
 *
 * Numbers follow what compliance SaaS commonly sells: Free is for trying
 * Steward with a small team; Team covers one department; Business a company
 * with several; Enterprise is contracted, with no counted limits and seven
 * years of audit history (a common regulatory horizon, e.g. SOX / SEC 17a-4);
 * contracts change it through overrides. Seven years is 2,557 days, not
 * 7 × 365 = 2,555: seven calendar years can hold two leap days, and a window
 * two days short would purge evidence a regulator still expects.
 */
import { err, ok, type DomainIssue, type Result } from '../errors.ts';
import { PLANS, QUOTA_KEYS } from '../schema/identity.ts';

/** The tenant schema's lists, under the names this module uses: one source for both. */
export const PLAN_IDS = PLANS;
export type PlanId = (typeof PLAN_IDS)[number];

export const LIMIT_NAMES = QUOTA_KEYS;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** Limits that count something consumed; `auditRetentionDays` is a time window instead (see retention.ts). */
export type CounterName = Exclude<LimitName, 'auditRetentionDays'>;
export const COUNTER_NAMES: readonly CounterName[] = Object.freeze(
  LIMIT_NAMES.filter((n): n is CounterName => n !== 'auditRetentionDays'),
);

/** A maximum, or null for unlimited. */
export type Limit = number | null;
export type Limits = { readonly [K in LimitName]: Limit };
export type LimitOverrides = { readonly [K in LimitName]?: Limit };

export interface PlanDefinition {
  readonly id: PlanId;
  /** As people read it in messages: "Team". */
  readonly name: string;
  readonly limits: Limits;
}

/** The limits in force for one tenant: its plan's, with overrides applied. */
export interface TenantLimits {
  readonly plan: PlanId;
  readonly planName: string;
  readonly limits: Limits;
  /** Limits that differ from the plan because of an override. */
  readonly overridden: readonly LimitName[];
}

const GiB = 1024 ** 3;

const plan = (id: PlanId, name: string, limits: Limits): PlanDefinition =>
  Object.freeze({ id, name, limits: Object.freeze({ ...limits }) });

export const PLAN_DEFINITIONS: Readonly<Record<PlanId, PlanDefinition>> = Object.freeze({
  free: plan('free', 'Free', {
    seats: 3,
    roles: 3,
    workflows: 3,
    reportRunsPerMonth: 10,
    storageBytes: 1 * GiB,
    apiCallsPerDay: 1_000,
    auditRetentionDays: 30,
  }),
  team: plan('team', 'Team', {
    seats: 25,
    roles: 20,
    workflows: 25,
    reportRunsPerMonth: 200,
    storageBytes: 25 * GiB,
    apiCallsPerDay: 50_000,
    auditRetentionDays: 365,
  }),
  business: plan('business', 'Business', {
    seats: 250,
    roles: 100,
    workflows: 250,
    reportRunsPerMonth: 2_000,
    storageBytes: 250 * GiB,
    apiCallsPerDay: 500_000,
    auditRetentionDays: 1_095,
  }),
  enterprise: plan('enterprise', 'Enterprise', {
    seats: null,
    roles: null,
    workflows: null,
    reportRunsPerMonth: null,
    storageBytes: null,
    apiCallsPerDay: null,
    auditRetentionDays: 2_557,
  }),
});

export function isPlanId(text: string): text is PlanId {
  return (PLAN_IDS as readonly string[]).includes(text);
}

export function isLimitName(text: string): text is LimitName {
  return (LIMIT_NAMES as readonly string[]).includes(text);
}

/**
 * The limits for a plan with a tenant's overrides (the tenant document's
 * `quotaOverrides`). Overrides are checked here too, since they may come from
 * an older replica or an integration: each must name a known limit and be a
 * non-negative integer or null (unlimited); a retention of 0 days is refused,
 * as it would purge the audit trail as it is written.
 */
export function limitsFor(planId: string, overrides?: Readonly<Record<string, unknown>> | null): Result<TenantLimits, DomainIssue<'INVALID'>> {
  if (!isPlanId(planId)) {
    return err(invalid('unknown-plan', `Unknown plan ${JSON.stringify(planId)}; the plans are ${PLAN_IDS.join(', ')}.`, { plan: planId, plans: [...PLAN_IDS] }));
  }
  const base = PLAN_DEFINITIONS[planId];
  const limits: Record<LimitName, Limit> = { ...base.limits };
  const overridden: LimitName[] = [];
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (!isLimitName(key)) {
      return err(invalid('unknown-limit', `Override ${JSON.stringify(key)} is not a limit; limits are ${LIMIT_NAMES.join(', ')}.`, { limit: key }));
    }
    if (value === undefined) continue;
    if (value !== null && !(Number.isSafeInteger(value) && typeof value === 'number' && value >= 0)) {
      return err(invalid('invalid-override', `Override for ${key} must be a whole number of at least 0, or null for unlimited; got ${JSON.stringify(value)}.`, { limit: key, value }));
    }
    if (key === 'auditRetentionDays' && value === 0) {
      return err(invalid('invalid-override', 'Audit retention must be at least 1 day (or null to keep audit events forever).', { limit: key, value }));
    }
    limits[key] = value;
    if (value !== base.limits[key]) overridden.push(key);
  }
  return ok(Object.freeze({ plan: planId, planName: base.name, limits: Object.freeze(limits), overridden: Object.freeze(overridden) }));
}

function invalid(reason: string, message: string, details: Record<string, unknown>): DomainIssue<'INVALID'> {
  return { code: 'INVALID', message, details: { reason, ...details } };
}
