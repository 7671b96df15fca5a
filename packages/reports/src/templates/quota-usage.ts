/**
 * Quota usage per tenant: each limit of the tenant's plan (overrides
 * applied), what is used, the share used and how close it is. Counted with
 * the same domain functions (limitsFor, usageOf) that refuse writes, so the
 * report and the refusals can never disagree. API calls are metered by the
 * server, not held in documents, so they are listed without a figure.
 */
import { LIMIT_NAMES, limitsFor, parseIsoInstant, usageOf, type LimitName } from '@steward/domain';
import { live } from '../data.ts';
import type { BarChart, CellValue } from '../model.ts';
import { DAY_MS } from '../period.ts';
import { column, plural, section, type TemplateContext, type TemplateOutput } from './context.ts';

const LABELS: Readonly<Record<LimitName, string>> = {
  seats: 'Seats',
  roles: 'Custom roles',
  workflows: 'Workflows',
  reportRunsPerMonth: 'Report runs this month',
  storageBytes: 'Report storage (bytes)',
  apiCallsPerDay: 'API calls per day',
  auditRetentionDays: 'Audit retention (days)',
};

const CHARTED: readonly LimitName[] = ['seats', 'roles', 'workflows', 'reportRunsPerMonth', 'storageBytes'];

export function quotaUsage(ctx: TemplateContext<'quota-usage'>): TemplateOutput {
  const { directory: dir, period, parameters } = ctx;
  const near = parameters.filters.nearLimitPercent;
  const tenants = new Map(live(ctx.data.tenants).map((t) => [t.id, t]));
  const rows: CellValue[][] = [];
  const percents = new Map<string, number[]>();
  for (const scoped of dir.tenants) {
    const tenant = tenants.get(scoped.id);
    if (tenant === undefined) continue;
    const limits = limitsFor(tenant.plan, tenant.quotaOverrides);
    if (!limits.ok) {
      rows.push([tenant.name, tenant.plan, 'All limits', null, null, null, null, `cannot be read: ${limits.error.message}`]);
      continue;
    }
    const usage = usageOf(tenant.id, { users: ctx.data.users ?? [], roles: ctx.data.roles ?? [], workflows: ctx.data.workflows ?? [], reportRuns: ctx.data.reportRuns ?? [] }, period.toMs);
    const oldest = (ctx.data.auditEvents ?? []).reduce((min, e) => (e.tenantId === tenant.id ? Math.min(min, parseIsoInstant(e.occurredAt)) : min), Number.POSITIVE_INFINITY);
    const charted: number[] = [];
    for (const name of LIMIT_NAMES) {
      const max = limits.value.limits[name];
      const overridden = limits.value.overridden.includes(name);
      const used = name === 'apiCallsPerDay' ? null : name === 'auditRetentionDays' ? (Number.isFinite(oldest) ? Math.floor((period.toMs - oldest) / DAY_MS) : null) : usage[name];
      const percent = used === null || max === null || max === 0 ? null : Math.round((used / max) * 1000) / 10;
      rows.push([tenant.name, limits.value.planName, LABELS[name], used, max, percent, overridden, statusOf(name, used, max, percent, near)]);
      if (CHARTED.includes(name)) charted.push(percent ?? 0);
    }
    percents.set(tenant.name, charted);
  }
  const chart: BarChart | null = percents.size === 0 ? null : {
    kind: 'bar',
    stacked: false,
    title: 'Share of each limit used (%)',
    categoryLabel: 'Limit',
    valueLabel: '% used',
    categories: CHARTED.map((name) => LABELS[name]),
    series: [...percents].map(([name, values]) => ({ name, values })),
  };
  const flagged = rows.filter((r) => r[7] === 'near limit' || r[7] === 'at limit' || r[7] === 'over limit' || r[7] === 'past retention').length;
  return {
    title: 'Quota usage',
    sections: [
      section(
        'usage',
        'Usage per tenant',
        `Usage as of ${period.to} against each tenant's plan, overrides applied; ${plural(flagged, 'limit')} at or above ${near}% or past retention. "Used" for audit retention is the age in days of the oldest event held.`,
        [
          column('tenant', 'Tenant'),
          column('plan', 'Plan'),
          column('limit', 'Limit'),
          column('used', 'Used', 'number'),
          column('max', 'Maximum', 'number'),
          column('percent', '% used', 'percent'),
          column('overridden', 'Overridden', 'boolean'),
          column('status', 'Status'),
        ],
        rows,
        chart,
      ),
    ],
  };
}

function statusOf(name: LimitName, used: number | null, max: number | null, percent: number | null, near: number): string {
  if (used === null) return name === 'apiCallsPerDay' ? 'metered by the server' : 'no events held';
  if (max === null) return 'unlimited';
  if (name === 'auditRetentionDays') return used > max ? 'past retention' : 'ok';
  if (used > max) return 'over limit';
  if (used === max) return 'at limit';
  return percent !== null && percent >= near ? 'near limit' : 'ok';
}
