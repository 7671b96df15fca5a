/**
 * The Export screen's form: what a person types (tenant, a period as local
 * date-times, filters, an optional report) checked and turned into an
 * export request in the one normal form the evidence package uses.
 */
import { OUTCOMES, REPORT_TEMPLATES, type ReportTemplate } from '@steward/domain';
import { normalizeFilters, normalizeTime } from '@steward/evidence';
import type { ExportRequest } from './run-export.ts';

export interface ExportFormValues {
  readonly tenantId: string;
  /** `<input type="datetime-local">` values (local time, no zone). */
  readonly from: string;
  readonly to: string;
  /** Action names, separated by commas or spaces (empty: every action). */
  readonly actions: string;
  /** Outcomes to keep (empty: every outcome). */
  readonly outcomes: readonly string[];
  /** A report template, or '' for none. */
  readonly report: string;
}

export type FormCheck = { readonly ok: true; readonly request: ExportRequest } | { readonly ok: false; readonly field: keyof ExportFormValues; readonly message: string };

/** A Date as a datetime-local value (local time, minutes). */
export function toLocalInput(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The default period: the last 30 days up to now. */
export function defaultFormValues(tenantId: string, now: Date): ExportFormValues {
  return { tenantId, from: toLocalInput(new Date(now.getTime() - 30 * 86_400_000)), to: toLocalInput(now), actions: '', outcomes: [], report: '' };
}

export function parseActions(text: string): string[] {
  return text.split(/[\s,]+/).filter((a) => a !== '');
}

export function checkExportForm(values: ExportFormValues, tenants: readonly { readonly id: string; readonly slug: string }[]): FormCheck {
  const tenant = tenants.find((t) => t.id === values.tenantId);
  if (tenant === undefined) return { ok: false, field: 'tenantId', message: 'Choose the tenant whose audit events to export.' };
  // datetime-local values carry no zone: Date.parse reads them as local time, which is what the person meant.
  const from = values.from === '' ? undefined : normalizeTime(values.from);
  const to = values.to === '' ? undefined : normalizeTime(values.to);
  if (from === undefined) return { ok: false, field: 'from', message: 'Give the start of the period as a date and time.' };
  if (to === undefined) return { ok: false, field: 'to', message: 'Give the end of the period as a date and time.' };
  if (from >= to) return { ok: false, field: 'to', message: 'The end of the period must be after its start.' };
  const actions = parseActions(values.actions);
  const badAction = actions.find((a) => a.length > 128 || !/^[A-Za-z][A-Za-z0-9_.:-]*$/.test(a));
  if (badAction !== undefined) return { ok: false, field: 'actions', message: `"${badAction.slice(0, 40)}" is not an action name (such as role.assign).` };
  const badOutcome = values.outcomes.find((o) => !(OUTCOMES as readonly string[]).includes(o));
  if (badOutcome !== undefined) return { ok: false, field: 'outcomes', message: `"${badOutcome}" is not an outcome.` };
  if (values.report !== '' && !(REPORT_TEMPLATES as readonly string[]).includes(values.report)) return { ok: false, field: 'report', message: `"${values.report}" is not a report template.` };
  return {
    ok: true,
    request: {
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      from,
      to,
      filters: normalizeFilters({ actions, outcomes: values.outcomes }),
      report: values.report === '' ? null : (values.report as ReportTemplate),
    },
  };
}
