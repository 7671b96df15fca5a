import { REPORT_TEMPLATES } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { generateReport, parseParameters } from '../src/index.ts';
import { ACME, NOW, id, world } from './world.ts';

const base = { tenantIds: [ACME], from: null, to: null };

describe('report parameters', () => {
  it('fill in each template\'s defaults', () => {
    const parsed = parseParameters('access-review', { ...base, filters: {} });
    expect(parsed.ok && parsed.value.filters).toEqual({ includeExpired: false, expiringWithinDays: 30, roleIds: [], userIds: [] });
    for (const template of REPORT_TEMPLATES) expect(parseParameters(template, { ...base, filters: {} }).ok).toBe(true);
  });

  it('name every bad field in one clear message', () => {
    const parsed = parseParameters('audit-activity', { ...base, filters: { bucket: 'week', outcomes: ['maybe'], complianceFlag: ['SOX'] } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('INVALID');
    expect(parsed.error.message).toBe(
      'The audit-activity report\'s parameters are not valid: filters.outcomes[0] must be one of "success"|"failure"|"denied"; filters.bucket must be one of "day"|"hour"; filters.complianceFlag is not a filter of the audit-activity template (its filters are actorIds, actions, outcomes, resourceTypes, complianceFlags, pii, bucket).',
    );
  });

  it('refuse a period that ends before it starts, and malformed times and ids', () => {
    const backwards = parseParameters('approvals', { ...base, from: '2024-05-02T00:00:00.000Z', to: '2024-05-01T00:00:00.000Z', filters: {} });
    expect(!backwards.ok && backwards.error.message).toBe('The approvals report\'s parameters are not valid: to must not be earlier than from (2024-05-02T00:00:00.000Z).');
    const malformed = parseParameters('approvals', { tenantIds: ['acme'], from: '2024-05-01', to: null, filters: {} });
    expect(!malformed.ok && malformed.error.message).toMatch(/tenantIds\[0\] must be a lowercase UUID.*from must be a UTC timestamp/);
  });

  it('refuse an unknown template and a tenant the data does not hold', () => {
    expect(parseParameters('everything' as 'approvals', { ...base, filters: {} }).ok).toBe(false);
    const unknown = generateReport({ template: 'access-review', parameters: { ...base, tenantIds: [id(777)], filters: {} }, data: world, generatedAt: NOW });
    expect(!unknown.ok && unknown.error.message).toBe(`The report asks for tenant ${id(777)}, which is not in the data at hand (unknown, deleted, or outside your access).`);
  });

  it('refuse a generation time that is not a UTC timestamp', () => {
    const bad = generateReport({ template: 'access-review', parameters: { ...base, filters: {} }, data: world, generatedAt: 'yesterday' });
    expect(!bad.ok && bad.error.message).toMatch(/generation time "yesterday"/);
  });

  it('cover every tenant in the data when the list is empty, and never reach past the generation time', () => {
    const all = generateReport({ template: 'quota-usage', parameters: { tenantIds: [], from: null, to: '2030-01-01T00:00:00.000Z', filters: {} }, data: world, generatedAt: NOW });
    expect(all.ok && all.value.scope).toEqual({ tenants: [{ id: ACME, name: 'Acme Corp', slug: 'acme' }, { id: id(2), name: 'Globex', slug: 'globex' }], from: null, to: NOW });
  });
});
