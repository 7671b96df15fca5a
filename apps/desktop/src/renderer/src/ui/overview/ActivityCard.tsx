/**
 * One time chart of the Overview — all audit events, or document writes —
 * as stacked bars by outcome, and beside it the same counts as a table of
 * buttons, so a keyboard or screen-reader user can open any bar's events
 * too. A bar, or its button, opens the audit log filtered to that outcome
 * and time (and to writes, on the writes chart).
 */
import { useCallback, useId, useMemo } from 'react';
import type { Outcome } from '../../audit/audit-row.ts';
import { bucketLabel, bucketRange, type ActivitySeries } from '../../overview/activity.ts';
import { OUTCOME_SERIES, outcomeBarsOption, type ChartTheme } from '../../overview/chart-options.ts';
import { formatCount } from '../format.ts';
import { EChart, type ChartClick } from './EChart.tsx';

export interface BucketPick {
  readonly outcome: Outcome;
  readonly from: string;
  readonly to: string;
}

const isOutcome = (id: string | undefined): id is Outcome => OUTCOME_SERIES.some((s) => s.outcome === id);

export function ActivityCard({
  title,
  summary,
  series,
  which,
  theme,
  onPick,
}: {
  readonly title: string;
  readonly summary: string;
  readonly series: ActivitySeries;
  readonly which: 'all' | 'writes';
  readonly theme: ChartTheme;
  readonly onPick: (pick: BucketPick) => void;
}) {
  const titleId = useId();
  const option = useMemo(() => outcomeBarsOption(series, which, theme), [series, which, theme]);
  const pick = useCallback(
    (outcome: Outcome, index: number) => {
      const start = series.starts[index];
      if (start !== undefined) onPick({ outcome, ...bucketRange(start, series.size) });
    },
    [series, onPick],
  );
  const onClick = useCallback(
    ({ seriesId, dataIndex }: ChartClick) => {
      if (isOutcome(seriesId)) pick(seriesId, dataIndex);
    },
    [pick],
  );
  const names = OUTCOME_SERIES.map((s) => ({ outcome: s.outcome, name: which === 'all' ? s.all : s.writes }));
  const newestFirst = series.starts.map((start, index) => ({ start, index })).reverse();

  return (
    <section className="overview-card" aria-labelledby={titleId} data-chart={which}>
      <header className="overview-card-head">
        <h2 id={titleId}>{title}</h2>
        <p className="muted">{summary}</p>
      </header>
      <EChart option={option} label={`${title}: ${summary}. The table below lists the same counts.`} onClick={onClick} className="echart-bars" />
      <details className="chart-table">
        <summary>Counts per {series.size === 'week' ? 'week' : series.size} (UTC), newest first</summary>
        <div className="chart-table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{series.size === 'hour' ? 'Hour' : series.size === 'week' ? 'Week' : 'Day'}</th>
                {names.map((n) => (
                  <th scope="col" key={n.outcome}>
                    {n.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {newestFirst.map(({ start, index }) => {
                const label = bucketLabel(start, series.size);
                return (
                  <tr key={start}>
                    <th scope="row">{label}</th>
                    {names.map((n) => {
                      const count = series[which][n.outcome][index] ?? 0;
                      return (
                        <td key={n.outcome}>
                          {count === 0 ? (
                            <span className="muted">0</span>
                          ) : (
                            <button type="button" className="overview-link" aria-label={`${formatCount(count)} ${n.name.toLowerCase()}, ${label}: open in the audit log`} onClick={() => pick(n.outcome, index)}>
                              {formatCount(count)}
                            </button>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
