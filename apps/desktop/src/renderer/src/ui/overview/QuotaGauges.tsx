/**
 * Quota usage per tenant: a gauge of the limit each tenant is closest to
 * (or furthest past), with all its counted limits as bars below. The gauge,
 * or the button under it, opens the audit log filtered to that tenant.
 */
import type { Tenant } from '@steward/domain';
import { useMemo } from 'react';
import { quotaGaugeOption, type ChartTheme } from '../../overview/chart-options.ts';
import type { TenantQuota } from '../../tenants/quota-meters.ts';
import { QuotaBars } from '../tenants/QuotaBars.tsx';
import type { QuotaResult } from '../tenants/use-tenant-quotas.ts';
import { EChart } from './EChart.tsx';

export function QuotaGauges({
  tenants,
  quotas,
  theme,
  onOpenTenant,
}: {
  readonly tenants: readonly Tenant[];
  readonly quotas: ReadonlyMap<string, QuotaResult>;
  readonly theme: ChartTheme;
  readonly onOpenTenant: (tenant: Tenant) => void;
}) {
  return (
    <section className="overview-card overview-quotas" aria-labelledby="overview-quotas-title">
      <header className="overview-card-head">
        <h2 id="overview-quotas-title">Quota usage</h2>
        <p className="muted">Each gauge shows the limit the tenant is closest to, counted from this device's replica.</p>
      </header>
      {tenants.length === 0 ? (
        <p className="muted">No tenants in your replica.</p>
      ) : (
        <ul className="gauge-grid">
          {tenants.map((tenant) => {
            const quota = quotas.get(tenant.id);
            return (
              <li key={tenant.id} className="gauge-cell" data-tenant={tenant.slug}>
                <h3>{tenant.name}</h3>
                {quota === undefined ? null : quota.ok ? <TenantGauge tenant={tenant} quota={quota.value} theme={theme} onOpen={onOpenTenant} /> : <p className="form-error">{quota.message}</p>}
                <button type="button" className="overview-link" onClick={() => onOpenTenant(tenant)}>
                  Audit log for {tenant.name}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function TenantGauge({ tenant, quota, theme, onOpen }: { readonly tenant: Tenant; readonly quota: TenantQuota; readonly theme: ChartTheme; readonly onOpen: (tenant: Tenant) => void }) {
  const option = useMemo(() => quotaGaugeOption(quota, theme), [quota, theme]);
  const tightest = quota.tightest;
  const label = `${tenant.name}, ${quota.planName} plan: ${tightest === null ? 'no counted limits' : `${tightest.label} ${tightest.text}`}`;
  return (
    <>
      <p className="muted gauge-plan">{quota.planName} plan</p>
      <EChart option={option} label={label} onClick={() => onOpen(tenant)} className="echart-gauge" />
      <QuotaBars meters={quota.meters} />
    </>
  );
}
