import { describe, expect, it } from 'vitest';
import { TENANT } from '../workflows/test-fixtures.ts';
import { formFromParameters, parametersFromForm, type RunFormFields } from './run-form.ts';

const fields = (over: Partial<RunFormFields> = {}): RunFormFields => ({ template: 'access-review', tenantIds: [TENANT], fromDay: '', toDay: '', filtersJson: '', ...over });

describe('parametersFromForm', () => {
  it('turns whole days into a UTC period with an exclusive end', () => {
    const result = parametersFromForm(fields({ fromDay: '2026-01-01', toDay: '2026-03-31', filtersJson: '{"includeExpired": true}' }));
    expect(result).toEqual({ ok: true, parameters: { tenantIds: [TENANT], from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', filters: { includeExpired: true } } });
  });

  it('leaves open ends open', () => {
    expect(parametersFromForm(fields())).toEqual({ ok: true, parameters: { tenantIds: [TENANT], from: null, to: null, filters: {} } });
  });

  it('refuses what a scheduled run would refuse, in the package\'s words', () => {
    const reason = (f: RunFormFields) => {
      const r = parametersFromForm(f);
      return r.ok ? 'accepted' : r.reason;
    };
    expect(reason(fields({ filtersJson: '{"bucket": "day"}' }))).toContain('filters.bucket is not a filter of the access-review template');
    expect(reason(fields({ template: 'audit-activity', filtersJson: '{"bucket": "week"}' }))).toContain('filters.bucket');
    expect(reason(fields({ filtersJson: '{nope' }))).toContain('not valid JSON');
    expect(reason(fields({ filtersJson: '[1]' }))).toContain('JSON object');
    expect(reason(fields({ fromDay: '2026-02-30' }))).toContain('not a date');
    expect(reason(fields({ fromDay: '2026-03-02', toDay: '2026-03-01' }))).toContain('is before the first day');
    expect(reason(fields({ fromDay: '2026-03-02', toDay: '2026-03-02' }))).toBe('accepted');
  });
});

describe('formFromParameters', () => {
  it('is the inverse for whole-day periods', () => {
    const f = fields({ template: 'audit-activity', fromDay: '2026-01-01', toDay: '2026-03-31', filtersJson: JSON.stringify({ complianceFlags: ['SOX'] }, null, 2) });
    const result = parametersFromForm(f);
    if (!result.ok) throw new Error(result.reason);
    expect(formFromParameters('audit-activity', result.parameters)).toEqual(f);
  });
});
