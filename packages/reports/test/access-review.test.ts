import { describe, expect, it } from 'vitest';
import { generate, rowsOf, sectionOf } from './helpers.ts';
import { id, label } from './world.ts';

describe('access review', () => {
  it('lists every grant in scope with who granted it, since when, and its state; expired grants left out by default', () => {
    const model = generate('access-review');
    expect(model.title).toBe('Access review');
    expect(model.scope).toEqual({ tenants: [{ id: id(1), name: 'Acme Corp', slug: 'acme' }], from: null, to: '2024-05-20T12:00:00.000Z' });
    expect(rowsOf(model, 'holders')).toEqual([
      ['Acme Corp', label.alice, 'active', 'Tenant admin', '2024-01-02T09:00:00.000Z', label.pat, null, 'in force', 'Founding admin', id(30)],
      ['Acme Corp', label.bob, 'active', 'Compliance officer', '2024-02-01T09:00:00.000Z', label.alice, null, 'in force', 'Needed for the job', id(31)],
      ['Acme Corp', label.carol, 'active', 'Auditor', '2024-03-01T09:00:00.000Z', label.bob, null, 'in force', '=HYPERLINK("http://evil")', id(33)],
      ['Acme Corp', label.carol, 'active', 'Compliance officer', '2024-02-03T09:00:00.000Z', label.alice, null, 'in force', 'Needed for the job', id(32)],
      ['Acme Corp', label.dave, 'active', 'Member', '2024-03-01T09:00:00.000Z', label.alice, null, 'in force', 'Needed for the job', id(35)],
      ['Acme Corp', label.erin, 'active', 'Log keeper', '2024-05-01T09:00:00.000Z', label.alice, '2024-05-30T09:00:00.000Z', 'expiring soon', 'Audit clean-up', id(36)],
      ['Platform-wide', label.pat, 'active', 'Platform admin', '2023-12-01T00:00:00.000Z', label.pat, null, 'in force', 'Vendor on-call', id(37)],
    ]);
    expect(rowsOf(model, 'expiring')).toEqual([['Acme Corp', label.erin, 'Log keeper', '2024-05-30T09:00:00.000Z', 9, label.alice, id(36)]]);
  });

  it('includes the expired-but-present grant when asked, in its place', () => {
    const rows = rowsOf(generate('access-review', { filters: { includeExpired: true } }), 'holders');
    expect(rows).toHaveLength(8);
    expect(rows[5]).toEqual(['Acme Corp', label.dave, 'active', 'Tenant admin', '2024-03-01T09:00:00.000Z', label.alice, '2024-04-01T09:00:00.000Z', 'expired', 'Incident INC-7', id(34)]);
  });

  it('evaluates at the end of the period: in April, Dave was still an admin and Erin held nothing yet', () => {
    const rows = rowsOf(generate('access-review', { to: '2024-03-15T00:00:00.000Z', filters: { expiringWithinDays: 20 } }), 'holders');
    expect(rows.filter((r) => r[1] === label.dave).map((r) => [r[3], r[7]])).toEqual([['Member', 'in force'], ['Tenant admin', 'expiring soon']]);
    expect(rows.find((r) => r[1] === label.erin)?.[7]).toBe('not yet valid');
  });

  it('filters by role and user, and charts holders per role', () => {
    const model = generate('access-review', { filters: { roleIds: [id(20)] } });
    expect(rowsOf(model, 'holders').map((r) => r[1])).toEqual([label.erin]);
    expect(sectionOf(model, 'holders').chart).toEqual({
      kind: 'bar', stacked: true, title: 'Grants per role', categoryLabel: 'Role', valueLabel: 'Grants', categories: ['Log keeper'], series: [{ name: 'expiring soon', values: [1] }],
    });
  });
});
