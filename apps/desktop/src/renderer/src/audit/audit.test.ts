import { describe, expect, it } from 'vitest';
import { OFFICER, auditEvent, officer } from '../replica/fixtures.ts';
import { toReplicaDocument } from '../replica/documents.ts';
import { actionsOf, createAuditViewStore, filterAuditRows, hasFilters, NO_FILTERS } from './audit-filters.ts';
import { actorLabel, toAuditRow, userLabels, type AuditRow } from './audit-row.ts';

const users = userLabels([officer()]);
const row = (n: number, fields: Parameters<typeof auditEvent>[1] = {}): AuditRow => {
  const doc = toReplicaDocument('auditEvents', auditEvent(n, fields));
  if (doc === null) throw new Error('fixture has no id');
  return toAuditRow(doc, users);
};

describe('toAuditRow', () => {
  it("names the actor from the replica's users and keeps the fields the table shows", () => {
    const r = row(1, { outcome: 'denied', complianceFlags: ['GDPR.art30'], pii: true });
    expect(r).toMatchObject({ actor: 'Olivia Officer (officer@acme.example)', action: 'role.assign', resourceType: 'roleAssignment', resourceId: 'ra-1', outcome: 'denied', flags: ['GDPR.art30'], pii: true });
    expect(r.search).toContain('olivia officer');
    expect(r.search).toContain('gdpr.art30');
  });

  it('falls back to the kind of actor when the replica does not know them', () => {
    expect(actorLabel('01900000-0000-7000-8000-0000000000ff', 'apiKey', users)).toBe('API key 000000ff');
    expect(actorLabel('x', 'system', users)).toBe('System');
    expect(actorLabel(OFFICER, 'user', new Map())).toBe('User 000000a2');
  });
});

describe('filterAuditRows', () => {
  const rows = [row(1), row(2, { outcome: 'denied', action: 'session.login-failed' }), row(3, { outcome: 'denied', action: 'role.assign', resourceId: 'ra-payroll' })];

  it('returns the same array when nothing filters', () => {
    expect(filterAuditRows(rows, NO_FILTERS)).toBe(rows);
    expect(hasFilters(NO_FILTERS)).toBe(false);
  });

  it('filters by outcome, by action, and by every word of the search', () => {
    expect(filterAuditRows(rows, { ...NO_FILTERS, outcome: 'denied' }).map((r) => r.resourceId)).toEqual(['ra-2', 'ra-payroll']);
    expect(filterAuditRows(rows, { ...NO_FILTERS, outcome: 'denied', action: 'role.assign' }).map((r) => r.resourceId)).toEqual(['ra-payroll']);
    expect(filterAuditRows(rows, { ...NO_FILTERS, search: '  PAYROLL  olivia ' }).map((r) => r.resourceId)).toEqual(['ra-payroll']);
    expect(filterAuditRows(rows, { ...NO_FILTERS, search: 'nobody' })).toEqual([]);
  });

  it('lists the actions present, once each, sorted', () => {
    expect(actionsOf(rows)).toEqual(['role.assign', 'session.login-failed']);
  });
});

describe('audit view store', () => {
  it('keeps filters, sort and the active row; an emptied sort falls back to newest first', () => {
    const store = createAuditViewStore();
    store.getState().setFilter('outcome', 'denied');
    store.getState().setFilter('search', 'payroll');
    expect(store.getState().filters).toEqual({ outcome: 'denied', action: 'all', search: 'payroll' });
    store.getState().clearFilters();
    expect(store.getState().filters).toEqual(NO_FILTERS);
    store.getState().setSorting([{ id: 'actor', desc: false }]);
    store.getState().setSorting([]);
    expect(store.getState().sorting).toEqual([{ id: 'occurredAt', desc: true }]);
  });
});
