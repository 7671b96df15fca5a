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

export const auditColumns = helper.columns([
  helper.display({
    id: 'select',
    header: () => <span className="audit-sr-only">Selected for review</span>,
    enableHiding: false,
    cell: (info) => <SelectCell id={info.row.original.id} />,
  }),
  helper.accessor('occurredAt', {
    header: 'Time',
    sortFn: 'basic',
    sortDescFirst: true,
    cell: (info) => (
      <time dateTime={info.getValue()} title={formatLongTime(info.getValue())}>
        {formatTime(info.getValue())}
      </time>
    ),
  }),
  helper.accessor('actor', { header: 'Actor', sortFn: 'basic', cell: (info) => <span title={info.getValue()}>{info.getValue()}</span> }),
  helper.accessor('action', { header: 'Action', sortFn: 'basic', cell: (info) => <code>{info.getValue()}</code> }),
  helper.accessor((row) => `${row.resourceType} ${row.resourceId}`, {
    id: 'resource',
    header: 'Resource',
    sortFn: 'basic',
    cell: (info) => (
      <span>
        <span className="muted">{info.row.original.resourceType}</span> {info.row.original.resourceId}
      </span>
    ),
  }),
  helper.accessor('outcome', { header: 'Outcome', sortFn: 'basic', cell: (info) => <span className={`badge badge-${info.getValue()}`}>{info.getValue()}</span> }),
  helper.accessor((row) => (row.pii ? `PII ${row.flags.join(' ')}` : row.flags.join(' ')), {
    id: 'flags',
    header: 'Flags',
    sortFn: 'basic',
    cell: (info) => (
      <span className="flags">
        {info.row.original.pii && <span className="flag flag-pii">PII</span>}
        {info.row.original.flags.map((flag) => (
          <span key={flag} className="flag">
            {flag}
          </span>
        ))}
      </span>
    ),
  }),
  helper.display({
    id: 'review',
    header: 'Review',
    cell: (info) => <ReviewCell id={info.row.original.id} />,
  }),
  helper.display({
    id: 'ledger',
    header: 'Ledger',
    cell: (info) => <LedgerCell row={info.row.original} />,
  }),
]);
