/**
 * The tenant edit form as plain values: what a person may change here
 * (name, branding, feature flags, retention), the document it makes, and
 * the domain schema's verdict on it mapped onto the form's fields. Plan,
 * status and quota overrides are shown, not edited: they are contractual
 * and set by the platform.
 */
import { parseDocument, type DomainIssue, type Tenant } from '@steward/domain';

export interface FlagEntry {
  readonly key: string;
  readonly on: boolean;
}

export interface TenantForm {
  readonly name: string;
  readonly primaryColor: string;
  /** Empty: no logo. */
  readonly logoUrl: string;
  /** As typed; the schema decides whether it is a whole number of days in range. */
  readonly retentionDays: string;
  /** In the order shown: existing flags sorted by key, new ones appended. */
  readonly flags: readonly FlagEntry[];
}

export type FormField = 'name' | 'primaryColor' | 'logoUrl' | 'retentionDays' | 'flags';
export type FieldErrors = Readonly<Partial<Record<FormField | 'form', readonly string[]>>>;

export function formOf(tenant: Tenant): TenantForm {
  return {
    name: tenant.name,
    primaryColor: tenant.branding.primaryColor,
    logoUrl: tenant.branding.logoUrl ?? '',
    retentionDays: String(tenant.retentionDays),
    flags: Object.entries(tenant.featureFlags)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, on]) => ({ key, on })),
  };
}

/** The tenant document the form describes (not yet validated). */
export function tenantFromForm(tenant: Tenant, form: TenantForm): Tenant {
  const logoUrl = form.logoUrl.trim();
  const { logoUrl: _dropped, ...branding } = tenant.branding;
  const days = form.retentionDays.trim();
  return {
    ...tenant,
    name: form.name.trim(),
    branding: logoUrl === '' ? { ...branding, primaryColor: form.primaryColor.trim() } : { ...branding, primaryColor: form.primaryColor.trim(), logoUrl },
    // A non-number becomes NaN, which the schema refuses as not a whole number.
    retentionDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    featureFlags: Object.fromEntries(form.flags.map((f) => [f.key, f.on])),
  };
}

const FIELD_OF_PATH: readonly (readonly [prefix: string, field: FormField])[] = [
  ['name', 'name'],
  ['branding.primaryColor', 'primaryColor'],
  ['branding.logoUrl', 'logoUrl'],
  ['retentionDays', 'retentionDays'],
  ['featureFlags', 'flags'],
];

interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

function fieldIssuesOf(issue: DomainIssue): readonly FieldIssue[] {
  const listed = issue.details?.['issues'];
  if (!Array.isArray(listed)) return [];
  return listed.filter((i): i is FieldIssue => typeof i === 'object' && i !== null && typeof (i as FieldIssue).path === 'string' && typeof (i as FieldIssue).message === 'string');
}

/** The domain's issues as messages under the fields they are about; anything else is about the whole form. */
export function fieldErrorsOf(issues: readonly DomainIssue[]): FieldErrors {
  const errors: Partial<Record<FormField | 'form', string[]>> = {};
  const add = (field: FormField | 'form', message: string): void => {
    (errors[field] ??= []).push(message);
  };
  for (const issue of issues) {
    const fields = fieldIssuesOf(issue);
    if (fields.length === 0) {
      add('form', issue.message);
      continue;
    }
    for (const found of fields) {
      const field = FIELD_OF_PATH.find(([prefix]) => found.path === prefix || found.path.startsWith(`${prefix}.`))?.[1];
      if (field === undefined) add('form', `${found.path} ${found.message}`);
      else if (field === 'flags' && found.path !== 'featureFlags') add(field, `${found.path.slice('featureFlags.'.length)}: ${found.message}`);
      else add(field, found.message);
    }
  }
  return errors;
}

export type FormVerdict = { readonly ok: true; readonly next: Tenant } | { readonly ok: false; readonly errors: FieldErrors };

/** Checks the form with the domain's tenant schema. */
export function validateTenantForm(tenant: Tenant, form: TenantForm): FormVerdict {
  const flagErrors = duplicateFlags(form.flags);
  const next = tenantFromForm(tenant, form);
  const parsed = parseDocument('tenants', next);
  if (parsed.ok && flagErrors.length === 0) return { ok: true, next: parsed.value };
  const errors = parsed.ok ? {} : fieldErrorsOf([parsed.error]);
  return { ok: false, errors: flagErrors.length === 0 ? errors : { ...errors, flags: [...(errors.flags ?? []), ...flagErrors] } };
}

function duplicateFlags(flags: readonly FlagEntry[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const flag of flags) {
    if (seen.has(flag.key)) out.push(`${flag.key}: listed twice`);
    seen.add(flag.key);
  }
  return out;
}

/** What the change does, in words, for the status line ("Changed branding colour and 1 feature flag"). */
export function describeChange(before: Tenant, after: Tenant): string {
  const parts: string[] = [];
  if (before.name !== after.name) parts.push('name');
  if (before.branding.primaryColor !== after.branding.primaryColor) parts.push('branding colour');
  if ((before.branding.logoUrl ?? '') !== (after.branding.logoUrl ?? '')) parts.push('logo');
  if (before.retentionDays !== after.retentionDays) parts.push('retention');
  const keys = new Set([...Object.keys(before.featureFlags), ...Object.keys(after.featureFlags)]);
  const flags = [...keys].filter((k) => before.featureFlags[k] !== after.featureFlags[k]).length;
  if (flags > 0) parts.push(flags === 1 ? '1 feature flag' : `${flags} feature flags`);
  if (parts.length === 0) return 'No changes';
  return `Changed ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`}`;
}
