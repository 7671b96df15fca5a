/** The filters the Overview's charts set on the audit log (tenant, writes only, a bucket's time range). */
import { describe, expect, it } from 'vitest';
import { auditEvent } from '../replica/fixtures.ts';
import { toReplicaDocument } from '../replica/documents.ts';
import { bucketRange } from '../overview/activity.ts';
import { createAuditViewStore, filterAuditRows, hasFilters, NO_FILTERS } from './audit-filters.ts';
import { toAuditRow, type AuditRow } from './audit-row.ts';

const OTHER_TENANT = '01900000-0000-7000-8000-00000000000b';
const row = (n: number, fields: Parameters<typeof auditEvent>[1] = {}): AuditRow => {
  const doc = toReplicaDocument('auditEvents', auditEvent(n, fields));
  if (doc === null) throw new Error('fixture has no id');
  return toAuditRow(doc, new Map());
};

describe('chart filters on the audit log', () => {
  // auditEvent(n) happens n minutes after 2026-02-01T00:00Z.
  const rows = [
    row(1, { action: 'tenant.update' }),
    row(2, { action: 'session.login' }),
    row(3, { action: 'user.denied', outcome: 'denied', tenantId: OTHER_TENANT }),
    row(24 * 60 + 5, { action: 'role.create' }),
  ];

  it("keeps one tenant's events", () => {
    expect(filterAuditRows(rows, { ...NO_FILTERS, tenantId: OTHER_TENANT }).map((r) => r.action)).toEqual(['user.denied']);
    expect(hasFilters({ ...NO_FILTERS, tenantId: OTHER_TENANT })).toBe(true);
  });

  it('keeps document writes only, accepted or refused', () => {
    expect(filterAuditRows(rows, { ...NO_FILTERS, writesOnly: true }).map((r) => r.action)).toEqual(['tenant.update', 'user.denied', 'role.create']);
    expect(hasFilters({ ...NO_FILTERS, writesOnly: false })).toBe(false);
  });

  it("selects exactly a day bucket's events with the range the Overview sets", () => {
    const day = bucketRange(Date.parse('2026-02-01T00:00:00.000Z'), 'day');
    expect(filterAuditRows(rows, { ...NO_FILTERS, ...day }).map((r) => r.action)).toEqual(['tenant.update', 'session.login', 'user.denied']);
    expect(filterAuditRows(rows, { ...NO_FILTERS, ...day, writesOnly: true, outcome: 'success' }).map((r) => r.action)).toEqual(['tenant.update']);
  });

  it('clearing the filters drops the chart filters too', () => {
    const store = createAuditViewStore();
    store.getState().applyFilters({ tenantId: OTHER_TENANT, writesOnly: true });
    store.getState().clearFilters();
    expect(hasFilters(store.getState().filters)).toBe(false);
  });
});
