import { describe, expect, it } from 'vitest';
import { meterOf, type TenantQuota } from '../tenants/quota-meters.ts';
import { activitySeries, countByHour } from './activity.ts';
import { BAR_GRID, outcomeBarsOption, quotaGaugeOption, type ChartTheme } from './chart-options.ts';

const theme: ChartTheme = { text: '#111111', muted: '#777777', border: '#dddddd', surface: '#ffffff', accent: '#0000ff', ok: '#00aa00', warn: '#aa8800', bad: '#cc0000' };

interface BarSeries {
  readonly id: string;
  readonly name: string;
  readonly data: readonly number[];
  readonly itemStyle: { readonly color: string };
}

const seriesOf = (option: ReturnType<typeof outcomeBarsOption>): BarSeries[] => option.series as unknown as BarSeries[];

describe('outcomeBarsOption', () => {
  const series = activitySeries(
    countByHour([
      { occurredAt: '2026-11-01T08:00:00.000Z', outcome: 'success', action: 'user.update' },
      { occurredAt: '2026-11-03T09:00:00.000Z', outcome: 'denied', action: 'user.denied' },
      { occurredAt: '2026-11-03T10:00:00.000Z', outcome: 'denied', action: 'session.login-failed' },
    ]),
    { sinceMs: null },
  );

  it('gives each series its outcome as id (what a click reports) and the theme colour for it', () => {
    const option = seriesOf(outcomeBarsOption(series, 'all', theme));
    expect(option.map((s) => [s.id, s.name, s.itemStyle.color])).toEqual([
      ['success', 'Succeeded', '#00aa00'],
      ['denied', 'Denied', '#cc0000'],
      ['failure', 'Failed', '#aa8800'],
    ]);
    expect(option[1]?.data).toEqual([0, 0, 2]);
  });

  it('draws writes only on the writes chart, named as accepted and rejected', () => {
    const option = seriesOf(outcomeBarsOption(series, 'writes', theme));
    expect(option.map((s) => s.name)).toEqual(['Accepted', 'Rejected: not allowed', 'Rejected: invalid']);
    expect(option[1]?.data).toEqual([0, 0, 1]);
  });

  it('keeps the plot margins fixed and tooltips on the canvas (no inline-styled HTML under the CSP)', () => {
    const option = outcomeBarsOption(series, 'all', theme);
    expect(option.grid).toMatchObject({ ...BAR_GRID, outerBoundsMode: 'none' });
    expect(option.tooltip).toMatchObject({ renderMode: 'richText' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });
});

describe('quotaGaugeOption', () => {
  const gauge = (quota: TenantQuota) => (quotaGaugeOption(quota, theme).series as unknown as { data: { value: number; name: string }[]; progress: { itemStyle: { color: string } } }[])[0];

  it('shows the tightest limit, stops the dial at 100 % for a tenant over its limit, and colours by level', () => {
    const over = meterOf('seats', 40, 25, false);
    const g = gauge({ planName: 'Team', meters: [over], tightest: over });
    expect(g?.data[0]).toEqual({ value: 100, name: 'Seats' });
    expect(g?.progress.itemStyle.color).toBe('#cc0000');
    const warn = meterOf('roles', 17, 20, false);
    expect(gauge({ planName: 'Team', meters: [warn], tightest: warn })?.progress.itemStyle.color).toBe('#aa8800');
  });

  it('reads "no counted limits" when nothing counted is limited', () => {
    const g = gauge({ planName: 'Enterprise', meters: [meterOf('seats', 3, null, false)], tightest: null });
    expect(g?.data[0]).toEqual({ value: 0, name: 'No counted limits' });
  });
});
