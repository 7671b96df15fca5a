import { describe, expect, it } from 'vitest';
import { PLANS, QUOTA_KEYS } from '../schema/identity.ts';
import { COUNTER_NAMES, LIMIT_NAMES, PLAN_DEFINITIONS, PLAN_IDS, isLimitName, isPlanId, limitsFor, type Limits, type PlanId } from './plans.ts';

const GiB = 1024 ** 3;

/** The published limits, written out again so a change to a plan is a deliberate change to this table. */
const EXPECTED: Record<PlanId, Limits> = {
  free: { seats: 3, roles: 3, workflows: 3, reportRunsPerMonth: 10, storageBytes: GiB, apiCallsPerDay: 1_000, auditRetentionDays: 30 },
  team: { seats: 25, roles: 20, workflows: 25, reportRunsPerMonth: 200, storageBytes: 25 * GiB, apiCallsPerDay: 50_000, auditRetentionDays: 365 },
  business: { seats: 250, roles: 100, workflows: 250, reportRunsPerMonth: 2_000, storageBytes: 250 * GiB, apiCallsPerDay: 500_000, auditRetentionDays: 1_095 },
  enterprise: { seats: null, roles: null, workflows: null, reportRunsPerMonth: null, storageBytes: null, apiCallsPerDay: null, auditRetentionDays: 2_557 },
};

function limitsOrThrow(plan: string, overrides?: Record<string, unknown> | null) {
  const result = limitsFor(plan, overrides);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('plans', () => {
  it('names the same plans and limits as the tenant schema', () => {
    expect([...PLAN_IDS]).toEqual([...PLANS]);
    expect([...LIMIT_NAMES]).toEqual([...QUOTA_KEYS]);
    expect(COUNTER_NAMES).not.toContain('auditRetentionDays');
    expect(COUNTER_NAMES).toHaveLength(LIMIT_NAMES.length - 1);
  });

  it.each(PLAN_IDS)('gives the %s plan its published limits', (plan) => {
    const limits = limitsOrThrow(plan);
    expect(limits.limits).toEqual(EXPECTED[plan]);
    expect(limits.plan).toBe(plan);
    expect(limits.planName).toBe(PLAN_DEFINITIONS[plan].name);
    expect(limits.overridden).toEqual([]);
  });

  it('orders the plans: each allows at least what the one below it does', () => {
    for (let i = 1; i < PLAN_IDS.length; i++) {
      const lower = EXPECTED[PLAN_IDS[i - 1] as PlanId];
      const higher = EXPECTED[PLAN_IDS[i] as PlanId];
      for (const name of LIMIT_NAMES) {
        const [low, high] = [lower[name], higher[name]];
        if (high !== null) expect(low).not.toBeNull();
        if (low !== null && high !== null) expect(high).toBeGreaterThanOrEqual(low);
      }
    }
  });

  it('applies overrides and records which limits differ from the plan', () => {
    const limits = limitsOrThrow('team', { seats: 40, workflows: null, roles: 20 });
    expect(limits.limits.seats).toBe(40);
    expect(limits.limits.workflows).toBeNull();
    expect(limits.limits.roles).toBe(20);
    expect(limits.limits.reportRunsPerMonth).toBe(200);
    // roles equals the plan's own value, so it is not an override in effect.
    expect(limits.overridden).toEqual(['seats', 'workflows']);
  });

  it('lets an override lower a limit, down to 0, and skips undefined entries', () => {
    const limits = limitsOrThrow('business', { seats: 0, auditRetentionDays: 90, roles: undefined });
    expect(limits.limits.seats).toBe(0);
    expect(limits.limits.auditRetentionDays).toBe(90);
    expect(limits.limits.roles).toBe(100);
  });

  it('gives an enterprise contract a finite limit through an override', () => {
    expect(limitsOrThrow('enterprise', { seats: 5_000 }).limits.seats).toBe(5_000);
  });

  it('treats null and missing overrides as none', () => {
    expect(limitsOrThrow('free', null).limits).toEqual(EXPECTED.free);
    expect(limitsOrThrow('free', {}).limits).toEqual(EXPECTED.free);
  });

  it('freezes what it returns, so a caller cannot change a plan by accident', () => {
    const limits = limitsOrThrow('team');
    expect(Object.isFrozen(limits.limits)).toBe(true);
    expect(Object.isFrozen(PLAN_DEFINITIONS.team.limits)).toBe(true);
    expect(limitsOrThrow('team').limits).toEqual(EXPECTED.team);
  });

  it('refuses an unknown plan, naming the plans', () => {
    const result = limitsFor('platinum');
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID',
        message: 'Unknown plan "platinum"; the plans are free, team, business, enterprise.',
        details: { reason: 'unknown-plan', plan: 'platinum', plans: ['free', 'team', 'business', 'enterprise'] },
      },
    });
  });

  it.each([
    ['a limit that does not exist', { users: 5 }, 'unknown-limit', 'Override "users" is not a limit'],
    ['a negative number', { seats: -1 }, 'invalid-override', 'Override for seats must be a whole number of at least 0'],
    ['a fraction', { seats: 2.5 }, 'invalid-override', 'got 2.5'],
    ['a numeric string', { seats: '10' }, 'invalid-override', 'got "10"'],
    ['Infinity', { storageBytes: Number.POSITIVE_INFINITY }, 'invalid-override', 'Override for storageBytes'],
    ['an unsafe integer', { apiCallsPerDay: 2 ** 60 }, 'invalid-override', 'Override for apiCallsPerDay'],
    ['a retention of 0 days', { auditRetentionDays: 0 }, 'invalid-override', 'Audit retention must be at least 1 day'],
  ])('refuses an override with %s', (_what, overrides, reason, message) => {
    const result = limitsFor('team', overrides);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID');
    expect(result.error.details).toMatchObject({ reason });
    expect(result.error.message).toContain(message);
  });

  it('recognises plan and limit names exactly', () => {
    expect(isPlanId('team')).toBe(true);
    expect(isPlanId('Team')).toBe(false);
    expect(isLimitName('seats')).toBe(true);
    expect(isLimitName('toString')).toBe(false);
  });
});

describe('enterprise audit retention', () => {
  // Regression: 2,555 days (7 × 365) fell two days short of seven calendar years across two leap days.
  it('covers seven full calendar years, whatever leap days they hold', () => {
    const days = PLAN_DEFINITIONS.enterprise.limits.auditRetentionDays;
    expect(days).toBe(2_557);
    // 2017-05-15 → 2024-05-15 holds two leap days (2020, 2024): 2,557 days.
    expect(days).toBeGreaterThanOrEqual(7 * 365 + 2);
  });
});
