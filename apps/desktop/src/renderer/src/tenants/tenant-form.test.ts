import type { Tenant } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { describeChange, fieldErrorsOf, formOf, tenantFromForm, validateTenantForm } from './tenant-form.ts';

const ID = '01900000-0000-7000-8000-00000000000a';
const tenant: Tenant = {
  id: ID,
  tenantId: ID,
  revision: 4,
  updatedAt: '2026-11-01T00:00:00.000Z',
  _deleted: false,
  name: 'Acme Corp',
  slug: 'acme',
  plan: 'team',
  status: 'active',
  branding: { primaryColor: '#2f5d8a', logoUrl: 'https://acme.example/logo.svg' },
  featureFlags: { reviewQueue: true, betaReports: false },
  retentionDays: 365,
  quotaOverrides: { seats: 30 },
};

describe('formOf / tenantFromForm', () => {
  it('round-trips a tenant unchanged, flags sorted by key', () => {
    const form = formOf(tenant);
    expect(form.flags).toEqual([{ key: 'betaReports', on: false }, { key: 'reviewQueue', on: true }]);
    expect(tenantFromForm(tenant, form)).toEqual(tenant);
  });

  it('drops an emptied logo and keeps plan, status and overrides as they were', () => {
    const next = tenantFromForm(tenant, { ...formOf(tenant), logoUrl: '  ', primaryColor: '#AA0000 ' });
    expect(next.branding).toEqual({ primaryColor: '#AA0000' });
    expect(next).toMatchObject({ plan: 'team', status: 'active', quotaOverrides: { seats: 30 } });
  });
});

describe('validateTenantForm', () => {
  it('accepts a valid change and returns the document to write', () => {
    const verdict = validateTenantForm(tenant, { ...formOf(tenant), primaryColor: '#123abc', flags: [{ key: 'betaReports', on: true }, { key: 'reviewQueue', on: true }, { key: 'newFlag', on: true }] });
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.next.featureFlags).toEqual({ betaReports: true, reviewQueue: true, newFlag: true });
  });

  it("puts the schema's complaints under the fields they are about", () => {
    const verdict = validateTenantForm(tenant, { ...formOf(tenant), name: ' ', primaryColor: 'red', logoUrl: 'http://insecure.example', retentionDays: 'a year', flags: [{ key: 'Bad Flag', on: true }] });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.errors.name).toEqual(['must not be empty']);
    expect(verdict.errors.primaryColor?.join(' ')).toMatch(/must be a colour like #1a2b3c/);
    expect(verdict.errors.logoUrl).toEqual(['must be an https:// URL']);
    expect(verdict.errors.retentionDays).toHaveLength(1);
    expect(verdict.errors.flags?.join(' ')).toMatch(/must start with a lowercase letter/);
    expect(verdict.errors.form).toBeUndefined();
  });

  it('refuses retention outside 1–36,500 days', () => {
    const low = validateTenantForm(tenant, { ...formOf(tenant), retentionDays: '0' });
    const high = validateTenantForm(tenant, { ...formOf(tenant), retentionDays: '36501' });
    expect(low.ok || low.errors.retentionDays).toHaveLength(1);
    expect(high.ok || high.errors.retentionDays).toHaveLength(1);
  });

  it('refuses a flag listed twice', () => {
    const verdict = validateTenantForm(tenant, { ...formOf(tenant), flags: [{ key: 'x1', on: true }, { key: 'x1', on: false }] });
    expect(verdict.ok || verdict.errors.flags).toEqual(['x1: listed twice']);
  });
});

describe('fieldErrorsOf', () => {
  it('keeps issues without field details (a refusal by RBAC, say) for the whole form', () => {
    expect(fieldErrorsOf([{ code: 'FORBIDDEN', message: 'You may not tenant:update in Acme.' }])).toEqual({ form: ['You may not tenant:update in Acme.'] });
  });
});

describe('describeChange', () => {
  it('names what changed', () => {
    expect(describeChange(tenant, tenant)).toBe('No changes');
    expect(describeChange(tenant, { ...tenant, branding: { ...tenant.branding, primaryColor: '#000000' } })).toBe('Changed branding colour');
    expect(describeChange(tenant, { ...tenant, name: 'Acme', featureFlags: { reviewQueue: false, betaReports: true } })).toBe('Changed name and 2 feature flags');
  });
});
