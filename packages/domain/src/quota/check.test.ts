import { describe, expect, it } from 'vitest';
import { addUsage, checkQuota } from './check.ts';
import { PLAN_IDS, limitsFor, type TenantLimits } from './plans.ts';
import { formatBytes, groupDigits } from './wording.ts';

function limits(plan: string, overrides?: Record<string, unknown>): TenantLimits {
  const result = limitsFor(plan, overrides);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const GiB = 1024 ** 3;

describe('checkQuota', () => {
  it('refuses the seat that goes past the limit, with the numbers', () => {
    const result = checkQuota(limits('team'), { seats: 25 }, { seats: 1 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'QUOTA_EXCEEDED',
        message: 'Seat limit of the Team plan reached: 25 of 25 seats in use; this would make 26.',
        details: { limit: 'seats', max: 25, current: 25, requested: 1, wouldBe: 26, plan: 'team', overridden: false },
      },
    });
  });

  it('allows the write that reaches the limit exactly and returns the usage after it', () => {
    expect(checkQuota(limits('team'), { seats: 24, roles: 3 }, { seats: 1 })).toEqual({ ok: true, value: { seats: 25, roles: 3 } });
  });

  it('says "would be exceeded" when a write jumps over the limit from below', () => {
    const result = checkQuota(limits('free'), { reportRunsPerMonth: 9 }, { reportRunsPerMonth: 2 });
    expect(!result.ok && result.error.message).toBe(
      'Monthly report run limit of the Free plan would be exceeded: 9 of 10 report runs this month (UTC); this would make 11.',
    );
  });

  it('always allows a decrease, even over the limit after a downgrade', () => {
    expect(checkQuota(limits('free'), { seats: 40 }, { seats: -1 })).toEqual({ ok: true, value: { seats: 39 } });
    expect(checkQuota(limits('free'), { seats: 40 }, { seats: 0 })).toEqual({ ok: true, value: { seats: 40 } });
    expect(checkQuota(limits('free'), { seats: 40 }, {})).toEqual({ ok: true, value: { seats: 40 } });
  });

  it('refuses any increase while over the limit, saying the limit is already exceeded', () => {
    const result = checkQuota(limits('free'), { seats: 40 }, { seats: 1 });
    expect(!result.ok && result.error.message).toBe('Seat limit of the Free plan already exceeded: 40 seats in use, the limit is 3 seats; this would make 41.');
  });

  it('never limits an unlimited counter, and needs no usage for it', () => {
    expect(checkQuota(limits('enterprise'), { seats: 1_000_000 }, { seats: 5 })).toEqual({ ok: true, value: { seats: 1_000_005 } });
    expect(checkQuota(limits('enterprise'), {}, { workflows: 5 })).toEqual({ ok: true, value: {} });
  });

  it('names a custom limit as the tenant’s own', () => {
    const result = checkQuota(limits('team', { roles: 2 }), { roles: 2 }, { roles: 1 });
    expect(!result.ok && result.error.message).toBe('Custom role limit for this tenant (a custom limit on the Team plan) reached: 2 of 2 custom roles defined; this would make 3.');
    expect(!result.ok && result.error.details).toMatchObject({ overridden: true, max: 2 });
  });

  it('refuses everything on a limit overridden to 0', () => {
    const result = checkQuota(limits('business', { workflows: 0 }), { workflows: 0 }, { workflows: 1 });
    expect(!result.ok && result.error.message).toBe('Workflow limit for this tenant (a custom limit on the Business plan) reached: 0 of 0 workflows defined; this would make 1.');
  });

  it('words storage in binary units, and in exact bytes when rounding would hide the excess', () => {
    const over = checkQuota(limits('free'), { storageBytes: GiB / 2 }, { storageBytes: GiB });
    expect(!over.ok && over.error.message).toBe('Storage limit of the Free plan would be exceeded: 512 MiB of 1 GiB in use; this would make 1.5 GiB.');
    const byOneByte = checkQuota(limits('free'), { storageBytes: GiB }, { storageBytes: 1 });
    expect(!byOneByte.ok && byOneByte.error.message).toBe(
      'Storage limit of the Free plan reached: 1,073,741,824 of 1,073,741,824 bytes in use; this would make 1,073,741,825.',
    );
  });

  it('words API calls per day', () => {
    const result = checkQuota(limits('team'), { apiCallsPerDay: 50_000 }, { apiCallsPerDay: 1 });
    expect(!result.ok && result.error.message).toBe('Daily API call limit of the Team plan reached: 50,000 of 50,000 API calls today (UTC); this would make 50,001.');
  });

  it('reports the first exceeded counter in plan order when a write adds to several', () => {
    const result = checkQuota(limits('free'), { reportRunsPerMonth: 10, storageBytes: GiB }, { reportRunsPerMonth: 1, storageBytes: 10 });
    expect(!result.ok && result.error.details).toMatchObject({ limit: 'reportRunsPerMonth' });
  });

  it.each(PLAN_IDS.filter((plan) => plan !== 'enterprise'))('holds every counted limit of the %s plan at its maximum', (plan) => {
    const tenant = limits(plan);
    for (const [counter, max] of Object.entries(tenant.limits)) {
      if (counter === 'auditRetentionDays' || max === null) continue;
      expect(checkQuota(tenant, { [counter]: max - 1 }, { [counter]: 1 }).ok).toBe(true);
      const refused = checkQuota(tenant, { [counter]: max }, { [counter]: 1 });
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error.details).toMatchObject({ limit: counter, max, current: max, requested: 1 });
    }
  });

  it('refuses to guess usage it was not given', () => {
    const result = checkQuota(limits('team'), {}, { seats: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'INVALID', details: { limit: 'seats' } });
    // A decrease of an unknown counter needs no count.
    expect(checkQuota(limits('team'), {}, { seats: -1 }).ok).toBe(true);
  });

  it.each([
    ['a fractional delta', {}, { seats: 0.5 }],
    ['a negative usage', { seats: -1 }, {}],
    ['a NaN usage', { seats: Number.NaN }, {}],
    ['a non-counter limit', {}, { auditRetentionDays: 1 }],
    ['an unknown counter', { users: 1 }, {}],
  ])('refuses %s as INVALID', (_what, usage, delta) => {
    const result = checkQuota(limits('team'), usage as never, delta as never);
    expect(!result.ok && result.error.code).toBe('INVALID');
  });
});

describe('addUsage', () => {
  it('adds the counters it knows and leaves unknown ones unknown', () => {
    expect(addUsage({ seats: 3, roles: 1 }, { seats: -1, workflows: 2 })).toEqual({ seats: 2, roles: 1 });
  });
});

describe('wording', () => {
  it('groups digits without depending on the locale', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1_000)).toBe('1,000');
    expect(groupDigits(-1_234_567)).toBe('-1,234,567');
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(25 * GiB)).toBe('25 GiB');
    expect(formatBytes(1.25 * 1024 ** 4)).toBe('1.25 TiB');
  });
});
