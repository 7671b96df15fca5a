import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { parseIsoInstant } from '../rbac/instant.ts';
import { limitsFor, type TenantLimits } from './plans.ts';
import { isPastRetention, retentionCutoff } from './retention.ts';

function limits(plan: string, overrides?: Record<string, unknown>): TenantLimits {
  const result = limitsFor(plan, overrides);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const NOW = '2024-05-15T12:00:00.000Z';

describe('retentionCutoff', () => {
  it.each([
    ['free', '2024-04-15T12:00:00.000Z'],
    ['team', '2023-05-16T12:00:00.000Z'],
    ['business', '2021-05-16T12:00:00.000Z'],
    ['enterprise', '2017-05-15T12:00:00.000Z'],
  ])('keeps the %s plan’s audit events for its retention window (cutoff %s)', (plan, cutoff) => {
    expect(retentionCutoff(limits(plan), NOW)).toBe(cutoff);
  });

  it('keeps events forever when retention is overridden to unlimited', () => {
    expect(retentionCutoff(limits('free', { auditRetentionDays: null }), NOW)).toBeNull();
  });

  it('follows an overridden window, and reads an epoch-millisecond clock the same', () => {
    const oneDay = limits('team', { auditRetentionDays: 1 });
    expect(retentionCutoff(oneDay, NOW)).toBe('2024-05-14T12:00:00.000Z');
    expect(retentionCutoff(oneDay, parseIsoInstant(NOW))).toBe('2024-05-14T12:00:00.000Z');
  });

  it('refuses a clock reading that is not an instant', () => {
    expect(() => retentionCutoff(limits('team'), 'now')).toThrow(DomainError);
  });
});

describe('isPastRetention', () => {
  const cutoff = '2024-04-15T12:00:00.000Z';

  it('purges only what occurred strictly before the cutoff', () => {
    expect(isPastRetention('2024-04-15T11:59:59.999Z', cutoff)).toBe(true);
    expect(isPastRetention(cutoff, cutoff)).toBe(false);
    expect(isPastRetention('2024-05-01T00:00:00.000Z', cutoff)).toBe(false);
  });

  it('purges nothing when events are kept forever, nor an event whose time cannot be read', () => {
    expect(isPastRetention('2000-01-01T00:00:00.000Z', null)).toBe(false);
    expect(isPastRetention('not a time', cutoff)).toBe(false);
  });
});
