import { describe, expect, it } from 'vitest';
import { levelOf, meterOf, tenantQuota, usageByTenant } from './quota-meters.ts';

const GiB = 1024 ** 3;
const usage = { seats: 20, roles: 3, workflows: 0, reportRunsPerMonth: 12, storageBytes: 1.5 * GiB };

describe('levelOf', () => {
  it('reads ok below 80 %, warns from 80 %, is full at the limit and over past it', () => {
    expect(levelOf(19, 25)).toBe('ok');
    expect(levelOf(20, 25)).toBe('warn');
    expect(levelOf(25, 25)).toBe('full');
    expect(levelOf(26, 25)).toBe('over');
    expect(levelOf(5, null)).toBe('unlimited');
    expect(levelOf(null, 100)).toBe('unknown');
  });
});

describe('meterOf', () => {
  it('words storage in binary units and counts with grouped digits', () => {
    expect(meterOf('storageBytes', 1.5 * GiB, 25 * GiB, false).text).toBe('1.5 GiB of 25 GiB');
    expect(meterOf('apiCallsPerDay', null, 50_000, false).text).toBe('limit 50,000; metered by the server');
    expect(meterOf('seats', 3, null, false)).toMatchObject({ text: '3 (unlimited)', percent: null, level: 'unlimited' });
  });

  it('treats a limit of 0 as full when nothing is used and over when anything is', () => {
    expect(meterOf('workflows', 0, 0, true)).toMatchObject({ percent: 100, level: 'full', overridden: true });
    expect(meterOf('workflows', 1, 0, true).level).toBe('over');
  });
});

describe('tenantQuota', () => {
  it("applies the tenant's overrides to its plan's limits and finds the tightest meter", () => {
    const quota = tenantQuota({ plan: 'team', quotaOverrides: { seats: 22 } }, usage);
    if (!quota.ok) throw new Error(quota.message);
    const seats = quota.value.meters.find((m) => m.counter === 'seats');
    expect(seats).toMatchObject({ used: 20, limit: 22, overridden: true, level: 'warn' });
    expect(seats?.percent).toBeCloseTo((20 / 22) * 100);
    expect(quota.value.meters.find((m) => m.counter === 'roles')).toMatchObject({ used: 3, limit: 20, overridden: false, level: 'ok' });
    expect(quota.value.tightest?.counter).toBe('seats');
    expect(quota.value.planName).toBe('Team');
  });

  it('shows a tenant over its limit after a downgrade as over, above 100 %', () => {
    const quota = tenantQuota({ plan: 'free', quotaOverrides: {} }, usage);
    if (!quota.ok) throw new Error(quota.message);
    expect(quota.value.tightest).toMatchObject({ counter: 'seats', level: 'over' });
    expect(quota.value.tightest?.percent).toBeCloseTo((20 / 3) * 100);
  });

  it('has no tightest meter on Enterprise, where nothing counted is limited', () => {
    const quota = tenantQuota({ plan: 'enterprise', quotaOverrides: {} }, usage);
    expect(quota.ok && quota.value.tightest).toBeNull();
  });

  it("passes on the domain's refusal of a plan it does not know", () => {
    const quota = tenantQuota({ plan: 'platinum' as 'team', quotaOverrides: {} }, usage);
    expect(quota.ok).toBe(false);
    if (!quota.ok) expect(quota.message).toMatch(/Unknown plan "platinum"/);
  });
});

describe('usageByTenant', () => {
  it("counts each tenant's own seats only", () => {
    const user = (id: string, tenantId: string | null, status: 'active' | 'disabled' = 'active') => ({ id, tenantId, revision: 1, updatedAt: '2026-11-01T00:00:00.000Z', _deleted: false, email: `${id}@x.example`, displayName: id, status, mfaEnabled: true });
    const docs = { users: [user('a', 't1'), user('b', 't1', 'disabled'), user('c', 't2'), user('p', null)], roles: [], workflows: [], reportRuns: [] };
    const by = usageByTenant(['t1', 't2', 't3'], docs, '2026-11-22T00:00:00.000Z');
    expect([by.get('t1')?.seats, by.get('t2')?.seats, by.get('t3')?.seats]).toEqual([1, 1, 0]);
  });
});
