/**
 * A tenant's counted limits next to its usage, as the Overview's gauges and
 * the Tenants screen's bars show them. The limits are the domain's
 * (`limitsFor`: the plan with the tenant's overrides), the usage the
 * domain's count of the documents in this replica (`usageOf`), so what is
 * shown is what a local write would be checked against.
 */
import { COUNTER_NAMES, formatBytes, groupDigits, limitsFor, usageOf, type CounterName, type DocumentUsage, type Tenant, type User, type Role, type Workflow, type ReportRun } from '@steward/domain';

export type MeterLevel = 'ok' | 'warn' | 'full' | 'over' | 'unlimited' | 'unknown';

export interface QuotaMeter {
  readonly counter: CounterName;
  readonly label: string;
  /** null: not counted from documents (API calls are metered by the server). */
  readonly used: number | null;
  /** null: unlimited. */
  readonly limit: number | null;
  /** used / limit in percent, not capped (a tenant over its limit after a downgrade reads above 100); null when unlimited or unknown. */
  readonly percent: number | null;
  readonly level: MeterLevel;
  /** The limit is a per-tenant override of the plan's. */
  readonly overridden: boolean;
  /** "18 of 25", "1.5 GiB of 25 GiB", "3 (unlimited)". */
  readonly text: string;
}

export interface TenantQuota {
  readonly planName: string;
  readonly meters: readonly QuotaMeter[];
  /** The meter closest to (or furthest past) its limit; null when nothing counted is limited. */
  readonly tightest: QuotaMeter | null;
}

export const COUNTER_LABELS: Readonly<Record<CounterName, string>> = {
  seats: 'Seats',
  roles: 'Custom roles',
  workflows: 'Workflows',
  reportRunsPerMonth: 'Report runs this month',
  storageBytes: 'Storage',
  apiCallsPerDay: 'API calls today',
};

/** At or above this share of a limit a meter warns. */
export const WARN_PERCENT = 80;

const amount = (counter: CounterName, n: number): string => (counter === 'storageBytes' ? formatBytes(n) : groupDigits(n));

export function levelOf(used: number | null, limit: number | null): MeterLevel {
  if (used === null) return 'unknown';
  if (limit === null) return 'unlimited';
  if (used > limit) return 'over';
  if (used === limit) return 'full';
  return (used / limit) * 100 >= WARN_PERCENT ? 'warn' : 'ok';
}

export function meterOf(counter: CounterName, used: number | null, limit: number | null, overridden: boolean): QuotaMeter {
  const percent = used === null || limit === null ? null : limit === 0 ? (used === 0 ? 100 : Number.POSITIVE_INFINITY) : (used / limit) * 100;
  const text =
    used === null
      ? limit === null
        ? 'unlimited; metered by the server'
        : `limit ${amount(counter, limit)}; metered by the server`
      : limit === null
        ? `${amount(counter, used)} (unlimited)`
        : `${amount(counter, used)} of ${amount(counter, limit)}`;
  return { counter, label: COUNTER_LABELS[counter], used, limit, percent, level: levelOf(used, limit), overridden, text };
}

/** The meters of one tenant, or the domain's reason its limits cannot be read (an unknown plan, a bad override). */
export function tenantQuota(tenant: Pick<Tenant, 'plan' | 'quotaOverrides'>, usage: DocumentUsage): { ok: true; value: TenantQuota } | { ok: false; message: string } {
  const limits = limitsFor(tenant.plan, tenant.quotaOverrides);
  if (!limits.ok) return { ok: false, message: limits.error.message };
  const counted: Readonly<Partial<Record<CounterName, number>>> = usage;
  const meters = COUNTER_NAMES.map((counter) => meterOf(counter, counted[counter] ?? null, limits.value.limits[counter], limits.value.overridden.includes(counter)));
  let tightest: QuotaMeter | null = null;
  for (const meter of meters) {
    if (meter.percent !== null && (tightest === null || meter.percent > (tightest.percent ?? 0))) tightest = meter;
  }
  return { ok: true, value: { planName: limits.value.planName, meters, tightest } };
}

export interface ReplicaCounted {
  readonly users: readonly User[];
  readonly roles: readonly Role[];
  readonly workflows: readonly Workflow[];
  readonly reportRuns: readonly ReportRun[];
}

/** Usage per tenant id, counted once per tenant from the replica's documents (usageOf keeps each tenant's own). */
export function usageByTenant(tenantIds: readonly string[], docs: ReplicaCounted, now: string): ReadonlyMap<string, DocumentUsage> {
  return new Map(tenantIds.map((id) => [id, usageOf(id, docs, now)]));
}
