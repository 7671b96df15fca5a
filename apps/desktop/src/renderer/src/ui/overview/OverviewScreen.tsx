/**
 * Overview: audit activity over time, document writes accepted and
 * rejected, and each tenant's quota usage — all from this device's replica,
 * so it works offline. Every chart opens the audit log filtered to what was
 * clicked.
 */
import type { Tenant } from '@steward/domain';
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { useAuditRows } from '../../audit/use-audit-rows.ts';
import { activitySeries, countByHour } from '../../overview/activity.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { isInitialSyncRunning } from '../../replica/sync-status.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { formatCount } from '../format.ts';
import { StateMessage } from '../StateMessage.tsx';
import { useTenantQuotas } from '../tenants/use-tenant-quotas.ts';
import { WithReplica } from '../use-replica.tsx';
import { ActivityCard, type BucketPick } from './ActivityCard.tsx';
import { QuotaGauges } from './QuotaGauges.tsx';
import { useChartTheme } from './use-chart-theme.ts';
import { useOpenAudit } from './use-open-audit.ts';
import './overview.css';

const WINDOWS = [
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: 'all', label: 'Everything in the replica', days: null },
] as const;
type WindowId = (typeof WINDOWS)[number]['id'];

export function OverviewScreen() {
  return (
    <section className="screen overview" aria-labelledby="overview-title">
      <WithReplica>{(db) => <Overview db={db} />}</WithReplica>
    </section>
  );
}

const percent = (part: number, whole: number): string => (whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`);

function Overview({ db }: { readonly db: ReplicaDatabase }) {
  const { syncStatus } = useAppServices();
  const syncing = useSlice(syncStatus, isInitialSyncRunning);
  const { rows, complete, total, error } = useAuditRows(db);
  const tenantQuotas = useTenantQuotas(db);
  const theme = useChartTheme();
  const openAudit = useOpenAudit();
  const windowSelect = useId();
  const [windowId, setWindowId] = useState<WindowId>('all');
  // The charts count every event: they wait until the whole audit trail is read, not just its newest page.
  const hourly = useMemo(() => (rows === null || !complete ? null : countByHour(rows)), [rows, complete]);
  const days = WINDOWS.find((w) => w.id === windowId)?.days ?? null;
  // The window ends at the newest event, not the wall clock, so an offline replica still shows its last days.
  const series = useMemo(() => {
    if (hourly === null) return null;
    const newest = Math.max(...hourly.hours.keys(), 0);
    return activitySeries(hourly, { sinceMs: days === null || newest === 0 ? null : newest - days * 86_400_000 });
  }, [hourly, days]);

  const openBucket = useCallback((pick: BucketPick, writesOnly: boolean) => openAudit({ outcome: pick.outcome, from: pick.from, to: pick.to, ...(writesOnly ? { writesOnly: true } : {}) }), [openAudit]);
  const openTenant = useCallback((tenant: Tenant) => openAudit({ tenantId: tenant.id }), [openAudit]);

  let body: ReactNode;
  if (error !== null) body = <StateMessage title="The audit trail could not be read" tone="error"><p>{error}</p></StateMessage>;
  else if (series === null)
    body = (
      <StateMessage title="Reading the audit trail from this device…" tone="loading">
        {total > 0 && <p>{formatCount(total)} events; the charts appear once every one is read.</p>}
      </StateMessage>
    );
  else if (series.totalEvents === 0)
    body = syncing ? (
      <StateMessage title="Fetching audit events from the server…" tone="loading">
        <p>The charts fill in as events arrive, and stay available offline.</p>
      </StateMessage>
    ) : (
      <StateMessage title="No audit events yet" tone="empty">
        <p>None has reached this device: nothing in your tenants has been recorded yet, or your roles do not include reading the audit trail (audit:read).</p>
      </StateMessage>
    );
  else {
    const rejected = series.totalWrites - sum(series.writes.success);
    body = (
      <div className="overview-charts">
        <ActivityCard
          title="Audit activity"
          summary={`${formatCount(series.totalEvents)} events; ${formatCount(sum(series.all.denied))} denied, ${formatCount(sum(series.all.failure))} failed`}
          series={series}
          which="all"
          theme={theme}
          onPick={(pick) => openBucket(pick, false)}
        />
        <ActivityCard
          title="Writes accepted and rejected"
          summary={`${formatCount(series.totalWrites)} document writes; ${formatCount(rejected)} rejected (${percent(rejected, series.totalWrites)})`}
          series={series}
          which="writes"
          theme={theme}
          onPick={(pick) => openBucket(pick, true)}
        />
      </div>
    );
  }

  return (
    <>
      <div className="screen-title">
        <h1 id="overview-title">Overview</h1>
        {syncing && <span className="muted">Still syncing: the charts grow as events arrive.</span>}
        <div className="field overview-window">
          <label htmlFor={windowSelect}>Period</label>
          <select id={windowSelect} value={windowId} onChange={(e) => setWindowId(WINDOWS.find((w) => w.id === e.target.value)?.id ?? 'all')}>
            {WINDOWS.map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="overview-scroll">
        {series !== null && series.totalEvents > 0 && error === null ? body : <div className="overview-state">{body}</div>}
        {tenantQuotas.error !== null ? (
          <StateMessage title="Tenants could not be read" tone="error"><p>{tenantQuotas.error}</p></StateMessage>
        ) : tenantQuotas.tenants === null ? null : (
          <QuotaGauges tenants={tenantQuotas.tenants} quotas={tenantQuotas.quotas} theme={theme} onOpenTenant={openTenant} />
        )}
      </div>
    </>
  );
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
