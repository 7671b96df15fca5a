/**
 * The audit log's columns. One comparator for all (`basic`: plain < and >):
 * ISO timestamps sort as strings, and the natural-order comparators cost
 * far more per comparison than 50,000 rows can afford. The selection and
 * review columns read UI state and the reviews collection, not the row, so
 * they do not sort; their cells are small components that subscribe to
 * just what they show. So does the ledger column, which proves a row's
 * place in the signed ledger once it has stayed in view.
 */
import { columnVisibilityFeature, createColumnHelper, createSortedRowModel, rowSortingFeature, sortFn_basic, tableFeatures } from '@tanstack/react-table';
import type { AuditRow } from '../audit/audit-row.ts';
import { LedgerCell } from './audit/LedgerCell.tsx';
import { ReviewCell, SelectCell } from './audit/RowCells.tsx';
import type { ReactNode } from 'react';
import { formatLongTime, formatTime } from './format.ts';

export const auditFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic },
});

const helper = createColumnHelper<typeof auditFeatures, AuditRow>();

/** Each column's track in the CSS grid the rows are laid out in. */
export const COLUMN_WIDTHS: Readonly<Record<string, string>> = {
  select: '2.5rem',
  occurredAt: '13rem',
  actor: 'minmax(7.5rem, 1.4fr)',
  action: 'minmax(7.5rem, 1fr)',
  resource: 'minmax(7.5rem, 1.4fr)',
  outcome: '6.5rem',
  flags: 'minmax(9rem, 1fr)',
  review: 'minmax(10rem, 0.9fr)',
  ledger: '4.5rem',
};

/** Column id → the class of its body cells, where a column's cells need their own layout. */
export const CELL_CLASS: Readonly<Partial<Record<string, string>>> = { select: 'select-cell' };

/** Column id → what the column chooser calls it. */
export const COLUMN_LABELS: Readonly<Record<string, string>> = {
  occurredAt: 'Time',
  actor: 'Actor',
  action: 'Action',
  resource: 'Resource',
  outcome: 'Outcome',
  flags: 'Flags',
  review: 'Review',
  ledger: 'Ledger',
};

export function gridTemplate(columnIds: readonly string[]): string {
  return columnIds.map((id) => COLUMN_WIDTHS[id] ?? 'minmax(8rem, 1fr)').join(' ');
}

/**
 * What each column's body cell shows, from the row alone. The body rows draw their cells with these directly
 * (AuditTable's BodyRow), not through TanStack's cell objects: those are made per row on first draw and kept,
 * so scrolling through the table grew the heap by thousands of objects a second and brought on the garbage
 * collections that made scroll frames miss.
 *
 * No `title` on the time and actor: changing a title restyles the element (Chromium's own stylesheet has
 * `abbr[title]`), which every row scrolling in would pay for; the table adds them to the row under a moving
 * pointer instead (`rowTooltips`).
 */
export const BODY_CELLS: Readonly<Record<string, (row: AuditRow) => ReactNode>> = {
  select: (row) => <SelectCell id={row.id} />,
  occurredAt: (row) => <time dateTime={row.occurredAt}>{formatTime(row.occurredAt)}</time>,
  actor: (row) => <span data-full-text="">{row.actor}</span>,
  action: (row) => <code>{row.action}</code>,
  resource: (row) => (
    <span>
      <span className="muted">{row.resourceType}</span> {row.resourceId}
    </span>
  ),
  outcome: (row) => <span className={`badge badge-${row.outcome}`}>{row.outcome}</span>,
  flags: (row) => (
    <span className="flags">
      {row.pii && <span className="flag flag-pii">PII</span>}
      {row.flags.map((flag, i) => (
        // Keyed by place: a row scrolling in reuses the flag elements of the row before it, changing only their text.
        <span key={i} className="flag">
          {flag}
        </span>
      ))}
    </span>
  ),
  review: (row) => <ReviewCell id={row.id} />,
  ledger: (row) => <LedgerCell row={row} />,
};

/** The tooltips of a row's time and actor (see BODY_CELLS), put on while the pointer is over the row; `false` takes them off. */
export function rowTooltips(row: Element, on: boolean): void {
  for (const time of row.querySelectorAll('time[datetime]')) {
    if (on) time.setAttribute('title', formatLongTime(time.getAttribute('datetime') ?? ''));
    else time.removeAttribute('title');
  }
  for (const text of row.querySelectorAll('[data-full-text]')) {
    if (on) text.setAttribute('title', text.textContent);
    else text.removeAttribute('title');
  }
}

export const auditColumns = helper.columns([
  helper.display({
    id: 'select',
    header: () => <span className="audit-sr-only">Selected for review</span>,
    enableHiding: false,
  }),
  helper.accessor('occurredAt', { header: 'Time', sortFn: 'basic', sortDescFirst: true }),
  helper.accessor('actor', { header: 'Actor', sortFn: 'basic' }),
  helper.accessor('action', { header: 'Action', sortFn: 'basic' }),
  helper.accessor((row) => `${row.resourceType} ${row.resourceId}`, { id: 'resource', header: 'Resource', sortFn: 'basic' }),
  helper.accessor('outcome', { header: 'Outcome', sortFn: 'basic' }),
  helper.accessor((row) => (row.pii ? `PII ${row.flags.join(' ')}` : row.flags.join(' ')), { id: 'flags', header: 'Flags', sortFn: 'basic' }),
  helper.display({ id: 'review', header: 'Review' }),
  helper.display({ id: 'ledger', header: 'Ledger' }),
]);
