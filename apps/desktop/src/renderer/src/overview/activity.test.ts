import { describe, expect, it } from 'vitest';
import { isWriteAction } from '../audit/write-events.ts';
import { activitySeries, bucketLabel, bucketRange, bucketSizeFor, bucketStart, countByHour, type ActivityEvent } from './activity.ts';

const ev = (occurredAt: string, outcome: ActivityEvent['outcome'] = 'success', action = 'tenant.update'): ActivityEvent => ({ occurredAt, outcome, action });
const ms = (iso: string): number => Date.parse(iso);

describe('isWriteAction', () => {
  it('knows the server\'s names for document writes and their refusals, and nothing else', () => {
    for (const action of ['tenant.update', 'roleAssignment.create', 'user.delete', 'user.denied', 'workflowRun.invalid']) expect(isWriteAction(action), action).toBe(true);
    for (const action of ['session.login', 'session.login-failed', 'apiKey.create', 'report.export', 'audit.export', 'workflowRun.approve', 'tenant', 'unknown.update']) expect(isWriteAction(action), action).toBe(false);
  });
});

describe('countByHour', () => {
  it('counts every event under its UTC hour by outcome, and writes separately', () => {
    const hourly = countByHour([
      ev('2026-11-20T09:05:00.000Z'),
      ev('2026-11-20T09:59:59.999Z', 'denied', 'user.denied'),
      ev('2026-11-20T10:00:00.000Z', 'denied', 'session.login-failed'),
      ev('2026-11-20T10:30:00.000Z', 'failure', 'user.invalid'),
    ]);
    expect(hourly.undated).toBe(0);
    expect(hourly.hours.get(ms('2026-11-20T09:00:00.000Z'))).toEqual({ all: { success: 1, denied: 1, failure: 0 }, writes: { success: 1, denied: 1, failure: 0 } });
    expect(hourly.hours.get(ms('2026-11-20T10:00:00.000Z'))).toEqual({ all: { success: 0, denied: 1, failure: 1 }, writes: { success: 0, denied: 0, failure: 1 } });
  });

  it('sets aside events whose time cannot be read instead of inventing one', () => {
    const hourly = countByHour([ev(''), ev('yesterday'), ev('2026-19-40T99:00:00.000Z'), ev('2026-11-20T09:05:00.000Z')]);
    expect(hourly.undated).toBe(3);
    expect([...hourly.hours.keys()]).toEqual([ms('2026-11-20T09:00:00.000Z')]);
  });
});

describe('buckets', () => {
  it('picks hours for short spans, days up to four months, weeks beyond', () => {
    expect(bucketSizeFor(0)).toBe('hour');
    expect(bucketSizeFor(48 * 3_600_000)).toBe('hour');
    expect(bucketSizeFor(48 * 3_600_000 + 1)).toBe('day');
    expect(bucketSizeFor(120 * 86_400_000)).toBe('day');
    expect(bucketSizeFor(121 * 86_400_000)).toBe('week');
  });

  it('starts UTC days at midnight and weeks on Monday', () => {
    expect(bucketStart(ms('2026-11-22T13:04:05.000Z'), 'day')).toBe(ms('2026-11-22T00:00:00.000Z'));
    expect(bucketStart(ms('2026-11-22T13:04:05.000Z'), 'hour')).toBe(ms('2026-11-22T13:00:00.000Z'));
    // 2026-11-22 is a Sunday: its week began on Monday the 16th; Monday the 23rd starts the next.
    expect(bucketStart(ms('2026-11-22T23:59:59.999Z'), 'week')).toBe(ms('2026-11-16T00:00:00.000Z'));
    expect(bucketStart(ms('2026-11-23T00:00:00.000Z'), 'week')).toBe(ms('2026-11-23T00:00:00.000Z'));
  });

  it('gives the audit log an inclusive range that ends a millisecond before the next bucket', () => {
    expect(bucketRange(ms('2026-11-22T00:00:00.000Z'), 'day')).toEqual({ from: '2026-11-22T00:00:00.000Z', to: '2026-11-22T23:59:59.999Z' });
    expect(bucketLabel(ms('2026-11-16T00:00:00.000Z'), 'week')).toBe('Week of 2026-11-16');
    expect(bucketLabel(ms('2026-11-16T07:00:00.000Z'), 'hour')).toBe('2026-11-16 07:00');
  });
});

describe('activitySeries', () => {
  const events = [
    ev('2026-11-01T08:00:00.000Z'),
    ev('2026-11-01T23:00:00.000Z', 'denied', 'role.denied'),
    // nothing on the 2nd
    ev('2026-11-03T12:00:00.000Z', 'success', 'session.login'),
    ev('2026-11-03T12:30:00.000Z', 'failure', 'user.invalid'),
  ];
  const hourly = countByHour(events);

  it('rolls hours up into contiguous day buckets, empty days included, totals kept', () => {
    const s = activitySeries(hourly, { sinceMs: null });
    expect(s.size).toBe('day');
    expect(s.starts).toEqual([ms('2026-11-01T00:00:00.000Z'), ms('2026-11-02T00:00:00.000Z'), ms('2026-11-03T00:00:00.000Z')]);
    expect(s.all).toEqual({ success: [1, 0, 1], denied: [1, 0, 0], failure: [0, 0, 1] });
    expect(s.writes).toEqual({ success: [1, 0, 0], denied: [1, 0, 0], failure: [0, 0, 1] });
    expect(s.totalEvents).toBe(4);
    expect(s.totalWrites).toBe(3);
  });

  it('keeps only hours since the window start, and re-picks the bucket size for the shorter span', () => {
    const s = activitySeries(hourly, { sinceMs: ms('2026-11-03T00:00:00.000Z') });
    expect(s.size).toBe('hour');
    expect(s.starts).toEqual([ms('2026-11-03T12:00:00.000Z')]);
    expect(s.all.success).toEqual([1]);
    expect(s.totalEvents).toBe(2);
  });

  it('is empty, not broken, when there is nothing to show', () => {
    const s = activitySeries(countByHour([]), { sinceMs: null });
    expect(s.starts).toEqual([]);
    expect(s.totalEvents).toBe(0);
  });

  it('counts 50,000 events in one pass quickly', () => {
    const many: ActivityEvent[] = [];
    const start = ms('2026-09-01T00:00:00.000Z');
    for (let i = 0; i < 50_000; i++) many.push(ev(new Date(start + i * 155_000).toISOString(), i % 7 === 0 ? 'denied' : 'success', i % 3 === 0 ? 'user.update' : 'session.login'));
    const began = performance.now();
    const s = activitySeries(countByHour(many), { sinceMs: null });
    const took = performance.now() - began;
    expect(s.totalEvents).toBe(50_000);
    expect(s.size).toBe('day');
    expect(s.writes.success.reduce((a, b) => a + b, 0) + s.writes.denied.reduce((a, b) => a + b, 0)).toBe(Math.ceil(50_000 / 3));
    expect(took).toBeLessThan(500);
  });
});
