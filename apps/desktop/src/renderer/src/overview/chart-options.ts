/**
 * The Overview's ECharts options, built from the aggregated series and the
 * console's theme colours (read from its CSS variables, so light and dark
 * follow the stylesheet). Pure: the chart component only hands them to
 * ECharts.
 *
 * Tooltips use `renderMode: 'richText'` (drawn on the canvas): the CSP's
 * `style-src 'self'` blocks the inline `style` attributes of ECharts' HTML
 * tooltips.
 */
import type { BarSeriesOption, GaugeSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Outcome } from '../audit/audit-row.ts';
import type { MeterLevel, TenantQuota } from '../tenants/quota-meters.ts';
import { bucketLabel, type ActivitySeries } from './activity.ts';

export type ChartOption = ComposeOption<BarSeriesOption | GaugeSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly surface: string;
  readonly accent: string;
  readonly ok: string;
  readonly warn: string;
  readonly bad: string;
}

/**
 * The plot area's margins in pixels. Fixed (with outerBoundsMode 'none')
 * so that a bar's position follows from its index: the end-to-end test
 * clicks a bar by computing where it is.
 */
export const BAR_GRID = { left: 56, right: 16, top: 40, bottom: 48 } as const;

export const OUTCOME_SERIES: readonly { readonly outcome: Outcome; readonly all: string; readonly writes: string }[] = [
  { outcome: 'success', all: 'Succeeded', writes: 'Accepted' },
  { outcome: 'denied', all: 'Denied', writes: 'Rejected: not allowed' },
  { outcome: 'failure', all: 'Failed', writes: 'Rejected: invalid' },
];

export function outcomeColor(outcome: Outcome, theme: ChartTheme): string {
  return outcome === 'success' ? theme.ok : outcome === 'denied' ? theme.bad : theme.warn;
}

function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
  };
}

/** Stacked bars per time bucket, one series per outcome (series id = the outcome, for clicks). */
export function outcomeBarsOption(series: ActivitySeries, which: 'all' | 'writes', theme: ChartTheme): ChartOption {
  const labels = series.starts.map((start) => bucketLabel(start, series.size));
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text },
    grid: { ...BAR_GRID, outerBoundsMode: 'none' },
    legend: { top: 4, left: BAR_GRID.left - 8, textStyle: { color: theme.text }, itemWidth: 14, itemHeight: 10, selectedMode: false },
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' }, backgroundColor: theme.surface, borderColor: theme.border, textStyle: { color: theme.text } },
    xAxis: { type: 'category', data: labels, ...axisStyle(theme), axisLabel: { color: theme.muted, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    series: OUTCOME_SERIES.map(({ outcome, all, writes }) => ({
      id: outcome,
      name: which === 'all' ? all : writes,
      type: 'bar',
      stack: 'outcomes',
      barCategoryGap: '20%',
      cursor: 'pointer',
      itemStyle: { color: outcomeColor(outcome, theme) },
      emphasis: { focus: 'series' },
      data: [...series[which][outcome]],
    })),
  };
}

export function levelColor(level: MeterLevel, theme: ChartTheme): string {
  if (level === 'over' || level === 'full') return theme.bad;
  if (level === 'warn') return theme.warn;
  return level === 'ok' ? theme.ok : theme.muted;
}

/**
 * One gauge per tenant: its tightest limit in percent (the needle stops at
 * the dial's end when a tenant is over; the label says by how much).
 */
export function quotaGaugeOption(quota: TenantQuota, theme: ChartTheme): ChartOption {
  const tightest = quota.tightest;
  const percent = tightest?.percent ?? 0;
  const color = tightest === null ? theme.muted : levelColor(tightest.level, theme);
  return {
    animation: false,
    backgroundColor: 'transparent',
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        radius: '92%',
        center: ['50%', '58%'],
        startAngle: 200,
        endAngle: -20,
        cursor: 'pointer',
        progress: { show: true, width: 12, itemStyle: { color } },
        axisLine: { lineStyle: { width: 12, color: [[1, theme.border]] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: true, offsetCenter: [0, '38%'], color: theme.muted, fontSize: 12 },
        detail: { valueAnimation: false, offsetCenter: [0, '0%'], fontSize: 22, fontWeight: 600, color: theme.text, formatter: () => (tightest === null ? '—' : `${Math.round(percent)}%`) },
        data: [{ value: Math.min(100, Number.isFinite(percent) ? percent : 100), name: tightest === null ? 'No counted limits' : tightest.label }],
      },
    ],
  };
}
