/** Every tenant in the replica: plan, status, branding, feature flags and quota usage; choosing one opens it beside the list. */
import type { Tenant } from '@steward/domain';
import type { ChangeStatus } from '../../replica/change-status.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';
import { QuotaBars } from './QuotaBars.tsx';
import type { QuotaResult } from './use-tenant-quotas.ts';

export function TenantList({
  tenants,
  quotas,
  selectedId,
  statusOf,
  onSelect,
}: {
  readonly tenants: readonly Tenant[];
  readonly quotas: ReadonlyMap<string, QuotaResult>;
  readonly selectedId: string | null;
  readonly statusOf: (tenantId: string) => ChangeStatus | null;
  readonly onSelect: (tenantId: string) => void;
}) {
  return (
    <ul className="tenant-list" aria-label="Tenants">
      {tenants.map((tenant) => {
        const quota = quotas.get(tenant.id);
        const flags = Object.entries(tenant.featureFlags).sort(([a], [b]) => (a < b ? -1 : 1));
        const status = statusOf(tenant.id);
        const selected = tenant.id === selectedId;
        return (
          <li key={tenant.id} className={selected ? 'tenant-card selected' : 'tenant-card'} data-tenant={tenant.slug}>
            <div className="tenant-card-head">
              <span className="tenant-swatch" style={{ background: tenant.branding.primaryColor }} title={`Branding colour ${tenant.branding.primaryColor}`} aria-hidden="true" />
              <h2>{tenant.name}</h2>
              <code className="muted">{tenant.slug}</code>
              <span className={`badge tenant-status-${tenant.status}`}>{tenant.status}</span>
              <ChangeStatusBadge status={status} />
              <button type="button" className="tenant-open" aria-pressed={selected} onClick={() => onSelect(tenant.id)} aria-label={`Details of ${tenant.name}`}>
                Details
              </button>
            </div>
            <dl className="tenant-facts">
              <div>
                <dt>Plan</dt>
                <dd>{quota?.ok === true ? quota.value.planName : tenant.plan}</dd>
              </div>
              <div>
                <dt>Branding</dt>
                <dd>
                  <code>{tenant.branding.primaryColor}</code>
                </dd>
              </div>
              <div>
                <dt>Feature flags</dt>
                <dd className="tenant-flag-list">
                  {flags.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    flags.map(([key, on]) => (
                      <span key={key} className={on ? 'flag tenant-flag-on' : 'flag tenant-flag-off'} title={on ? 'on' : 'off'}>
                        {key}: {on ? 'on' : 'off'}
                      </span>
                    ))
                  )}
                </dd>
              </div>
            </dl>
            {quota === undefined ? null : quota.ok ? <QuotaBars meters={quota.value.meters} /> : <p className="form-error">{quota.message}</p>}
          </li>
        );
      })}
    </ul>
  );
}
