/**
 * The audit filters against their plain definition, and the audit table's
 * order of work (sort every row once, then filter the sorted rows) against
 * the obvious one (filter, then sort what is left), on random rows, filters
 * and sort rules.
 */
import { OUTCOMES } from '@steward/domain';
import { useTable, type Row, type SortingState } from '@tanstack/react-table';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { auditColumns, auditFeatures } from '../ui/audit-columns.tsx';
import { auditRowTest, filterAuditRows, keepPassing, NO_FILTERS, type AuditFilters, type PiiFilter } from './audit-filters.ts';
import { toAuditRow, userLabels, type AuditRow } from './audit-row.ts';
import { isWriteAction } from './write-events.ts';

// Few values of each field, so that filters match some rows and sorting meets ties.
const ACTORS = ['01900000-0000-7000-8000-0000000000a1', '01900000-0000-7000-8000-0000000000a2', '01900000-0000-7000-8000-0000000000ff'];
const ACTIONS = ['tenant.update', 'role.assign', 'session.login', 'user.denied', 'roleAssignment.create'];
const RESOURCE_TYPES = ['tenant', 'user', 'roleAssignment'];
const FLAGS = ['GDPR.art30', 'SOX', 'HIPAA'];
const TENANTS = ['tenant-a', 'tenant-b', ''];
const TIMES = ['2026-02-01T00:00:00.000Z', '2026-02-01T00:01:00.000Z', '2026-02-01T00:01:00.001Z', '2026-03-15T12:00:00.000Z'];
const WORDS = ['olivia', 'role', 'ra-1', 'GDPR', 'denied', 'tenant', 'zz'];
const users = userLabels([{ id: ACTORS[0], displayName: 'Olivia Officer', email: 'officer@acme.example' }]);

const docArb = fc.record(
  {
    n: fc.integer({ min: 0, max: 20 }),
    occurredAt: fc.constantFrom(...TIMES),
    actorId: fc.constantFrom(...ACTORS),
    actorType: fc.constantFrom('user', 'apiKey', 'system'),
    action: fc.constantFrom(...ACTIONS),
    resourceType: fc.constantFrom(...RESOURCE_TYPES),
    outcome: fc.constantFrom(...OUTCOMES),
    complianceFlags: fc.subarray(FLAGS),
    pii: fc.boolean(),
    tenantId: fc.constantFrom(...TENANTS),
  },
  { requiredKeys: ['n', 'occurredAt', 'actorId', 'actorType', 'action', 'resourceType', 'outcome', 'complianceFlags', 'pii'] },
);
const rowsArb: fc.Arbitrary<AuditRow[]> = fc
  .array(docArb, { maxLength: 40 })
  .map((docs) => docs.map(({ n, ...doc }, i) => toAuditRow({ ...doc, id: `event-${String(i).padStart(3, '0')}`, resourceId: `ra-${n}` }, users)));

const filtersArb: fc.Arbitrary<AuditFilters> = fc
  .record(
    {
      outcome: fc.constantFrom('all' as const, ...OUTCOMES),
      action: fc.constantFrom('all', ...ACTIONS),
      actor: fc.constantFrom('all', ...ACTORS),
      resourceType: fc.constantFrom('all', ...RESOURCE_TYPES),
      from: fc.option(fc.constantFrom(...TIMES)),
      to: fc.option(fc.constantFrom(...TIMES)),
      flags: fc.subarray(FLAGS),
      pii: fc.constantFrom<PiiFilter>('any', 'pii', 'no-pii'),
      search: fc.array(fc.constantFrom(...WORDS, ' ', '  '), { maxLength: 3 }).map((parts) => parts.join(' ')),
      tenantId: fc.constantFrom(...TENANTS),
      writesOnly: fc.boolean(),
    },
    // Any subset of the filters is set; the others keep their "no filter" value.
    { requiredKeys: [] },
  )
  .map((some): AuditFilters => ({ ...NO_FILTERS, ...some }));

/** The filters as the audit log describes them, written plainly. */
function passesPlainly(row: AuditRow, f: AuditFilters): boolean {
  const words = f.search.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
  return (
    (f.outcome === 'all' || row.outcome === f.outcome) &&
    (f.action === 'all' || row.action === f.action) &&
    (f.actor === 'all' || row.actorId === f.actor) &&
    (f.resourceType === 'all' || row.resourceType === f.resourceType) &&
    (f.from === null || Date.parse(row.occurredAt) >= Date.parse(f.from)) &&
    (f.to === null || Date.parse(row.occurredAt) <= Date.parse(f.to)) &&
    (f.tenantId === undefined || row.doc['tenantId'] === f.tenantId) &&
    (f.writesOnly !== true || isWriteAction(row.action)) &&
    (f.pii === 'any' || row.pii === (f.pii === 'pii')) &&
    (f.flags.length === 0 || f.flags.some((flag) => row.flags.includes(flag))) &&
    words.every((word) => row.search.includes(word))
  );
}

const SORTABLE = ['occurredAt', 'actor', 'action', 'resource', 'outcome', 'flags'];
const sortingArb: fc.Arbitrary<SortingState> = fc
  .uniqueArray(fc.constantFrom(...SORTABLE), { minLength: 1, maxLength: 3 })
  .chain((ids) => fc.tuple(...ids.map((id) => fc.boolean().map((desc) => ({ id, desc })))));

/** The audit table's rows for `data` under `sorting`: TanStack Table's React hook with the audit log's own features and columns, rendered once. */
function sortedTableRows(data: readonly AuditRow[], sorting: SortingState): readonly Row<typeof auditFeatures, AuditRow>[] {
  let rows: readonly Row<typeof auditFeatures, AuditRow>[] = [];
  function Probe() {
    const table = useTable({ features: auditFeatures, columns: auditColumns, data, getRowId: (row) => row.id, state: { sorting } });
    rows = table.getRowModel().rows;
    return null;
  }
  renderToString(createElement(Probe));
  return rows;
}

describe('audit filters, as a property', () => {
  it('auditRowTest / filterAuditRows keep exactly the rows the plain definition keeps, in order', () => {
    fc.assert(
      fc.property(rowsArb, filtersArb, (rows, filters) => {
        const kept = filterAuditRows(rows, filters);
        const plain = rows.filter((row) => passesPlainly(row, filters));
        expect(kept).toHaveLength(plain.length);
        kept.forEach((row, i) => expect(row).toBe(plain[i]));
        expect(kept === rows).toBe(auditRowTest(filters) === null); // nothing filters: the rows themselves, no copy
      }),
      { numRuns: 500 },
    );
  });

  it('filtering the sorted table rows gives the same order as sorting the filtered rows', () => {
    fc.assert(
      fc.property(rowsArb, filtersArb, sortingArb, (rows, filters, sorting) => {
        const sortedThenFiltered = keepPassing(sortedTableRows(rows, sorting), auditRowTest(filters), (row) => row.original).map((row) => row.id);
        const filteredThenSorted = sortedTableRows(filterAuditRows(rows, filters), sorting).map((row) => row.id);
        expect(sortedThenFiltered).toEqual(filteredThenSorted);
      }),
      { numRuns: 300 },
    );
  });
});
