/**
 * The report form's fields (as the person typed them) to a definition's
 * parameters, validated by the reports package's own parser so the form
 * refuses exactly what a scheduled run would. Dates are whole UTC days: the
 * period runs from the start of the first day to the end of the last.
 */
import type { Report, ReportTemplate } from '@steward/domain';
import { parseParameters } from '@steward/reports';

export interface RunFormFields {
  readonly template: ReportTemplate;
  readonly tenantIds: readonly string[];
  /** `YYYY-MM-DD` or '' for an open start. */
  readonly fromDay: string;
  /** `YYYY-MM-DD` (inclusive) or '' for "until now". */
  readonly toDay: string;
  /** The template's filters as JSON text; '' for none. */
  readonly filtersJson: string;
}

/** A definition's parameters: what the form produces and what a stored report holds. */
export type RunParameters = Report['parameters'];

export type FormResult = { readonly ok: true; readonly parameters: RunParameters } | { readonly ok: false; readonly reason: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function dayStart(day: string): number | null {
  if (!DAY.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(day) ? ms : null;
}

export function parametersFromForm(fields: RunFormFields): FormResult {
  const fromMs = fields.fromDay === '' ? null : dayStart(fields.fromDay);
  if (fromMs === null && fields.fromDay !== '') return { ok: false, reason: `"${fields.fromDay}" is not a date (YYYY-MM-DD).` };
  const toStart = fields.toDay === '' ? null : dayStart(fields.toDay);
  if (toStart === null && fields.toDay !== '') return { ok: false, reason: `"${fields.toDay}" is not a date (YYYY-MM-DD).` };
  if (fromMs !== null && toStart !== null && toStart < fromMs) return { ok: false, reason: `The last day (${fields.toDay}) is before the first day (${fields.fromDay}).` };
  let filters: unknown = {};
  if (fields.filtersJson.trim() !== '') {
    try {
      filters = JSON.parse(fields.filtersJson);
    } catch (e: unknown) {
      return { ok: false, reason: `The filters are not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) return { ok: false, reason: 'The filters must be a JSON object, like {"includeExpired": true}.' };
  }
  const raw = {
    tenantIds: [...fields.tenantIds],
    from: fromMs === null ? null : new Date(fromMs).toISOString(),
    to: toStart === null ? null : new Date(toStart + DAY_MS).toISOString(),
    filters,
  };
  const parsed = parseParameters(fields.template, raw);
  if (!parsed.ok) return { ok: false, reason: parsed.error.message };
  // The filters came from JSON.parse (so they are JSON) and passed the template's parser; kept as typed, defaults are the template's.
  return { ok: true, parameters: raw as RunParameters };
}

/** A definition's parameters back as form fields (the inverse of parametersFromForm for whole-day periods). */
export function formFromParameters(template: ReportTemplate, parameters: RunParameters): RunFormFields {
  const toDay = parameters.to === null ? '' : new Date(Date.parse(parameters.to) - 1).toISOString().slice(0, 10);
  return {
    template,
    tenantIds: parameters.tenantIds,
    fromDay: parameters.from === null ? '' : parameters.from.slice(0, 10),
    toDay,
    filtersJson: Object.keys(parameters.filters).length === 0 ? '' : JSON.stringify(parameters.filters, null, 2),
  };
}
