import { functionalUpdate, useTable, type ColumnVisibilityState, type Row, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { auditRowTest, keepPassing } from '../audit/audit-filters.ts';
import type { AuditRow } from '../audit/audit-row.ts';
import { useAppServices, useSlice } from './app-services.ts';
import { NO_SLOTS, placeRows, type RowSlots } from './audit/row-slots.ts';
import { auditColumns, auditFeatures, BODY_CELLS, CELL_CLASS, gridTemplate, rowTooltips } from './audit-columns.tsx';

const ROW_HEIGHT = 36;
/** Rows drawn beyond each edge of the view: enough for a fast wheel step (about seven rows a frame) without drawing blank. */
const OVERSCAN = 8;
const rowDomId = (id: string): string => `audit-row-${id}`;
type AuditTableRow = Row<typeof auditFeatures, AuditRow>;
const originalOf = (row: AuditTableRow): AuditRow => row.original;

/**
 * The audit events as a keyboard-navigable grid: only the rows in view are
 * in the DOM (TanStack Virtual), sorting is TanStack Table's. The grid
 * itself takes focus and moves an active row (aria-activedescendant), so
 * 50,000 rows cost one tab stop; Space ticks the active row for a bulk
 * review. Hidden columns (the column chooser) leave the grid template too.
 *
 * The table is given every row and sorts them all once; the filters then
 * pick from the sorted rows (keeping their order). So changing a filter is
 * one pass over the rows, not a new row model and a new sort of 100,000
 * rows. Scrolling redraws only the body (GridBody owns the virtualiser),
 * and in it only the rows that come into view, in the DOM rows of those
 * that left (row-slots.ts).
 */
export const AuditTable = memo(function AuditTable({ rows }: { readonly rows: readonly AuditRow[] }) {
  const { auditView } = useAppServices();
  const sorting = useSlice(auditView, (s) => s.sorting);
  const filters = useSlice(auditView, (s) => s.filters);
  const activeId = useSlice(auditView, (s) => s.activeId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const columnVisibility = useSlice(auditView, (s) => s.columnVisibility);
  const sortingState = useMemo<SortingState>(() => sorting.map((rule) => ({ ...rule })), [sorting]);
  const visibilityState = useMemo<ColumnVisibilityState>(() => ({ ...columnVisibility }), [columnVisibility]);

  const table = useTable({
    features: auditFeatures,
    columns: auditColumns,
    data: rows,
    getRowId: (row) => row.id,
    state: { sorting: sortingState, columnVisibility: visibilityState },
    onSortingChange: (updater) => auditView.getState().setSorting(functionalUpdate(updater, sortingState)),
    onColumnVisibilityChange: (updater) => auditView.getState().setColumnVisibility(functionalUpdate(updater, visibilityState)),
    enableSortingRemoval: false,
  });
  const allSorted = table.getRowModel().rows;
  const test = useMemo(() => auditRowTest(filters), [filters]);
  const sortedRows = useMemo(() => keepPassing(allSorted, test, originalOf), [allSorted, test]);
  const visibleIds = table.getVisibleLeafColumns().map((column) => column.id).join(' ');
  const gridStyle = useMemo(() => ({ '--audit-columns': gridTemplate(visibleIds.split(' ')) }) as CSSProperties, [visibleIds]);
  const activeIndex = useMemo(() => (activeId === null ? -1 : sortedRows.findIndex((row) => row.id === activeId)), [sortedRows, activeId]);

  const moveTo = (index: number): void => {
    const row = sortedRows[Math.max(0, Math.min(sortedRows.length - 1, index))];
    if (row !== undefined) auditView.getState().setActive(row.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>): void => {
    if (event.target !== event.currentTarget) return; // keys on the header buttons are theirs
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const from = activeIndex < 0 ? -1 : activeIndex;
    const moves: Record<string, number> = { ArrowDown: from + 1, ArrowUp: Math.max(0, from - 1), PageDown: from + page, PageUp: Math.max(0, from - page), Home: 0, End: sortedRows.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === ' ' && activeId !== null) {
      event.preventDefault();
      auditView.getState().toggleSelected(activeId);
    } else if (event.key === 'Escape') auditView.getState().setActive(null);
  };

  return (
    <div className="grid-scroll" ref={scrollRef}>
      <table
        className="audit-grid audit-grid-columns"
        style={gridStyle}
        role="grid"
        aria-label="Audit events"
        aria-rowcount={sortedRows.length + 1}
        aria-activedescendant={activeIndex >= 0 && activeId !== null ? rowDomId(activeId) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="grid-row head-row" aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                if (!header.column.getCanSort())
                  return (
                    <th key={header.id} scope="col" className="plain-head">
                      <table.FlexRender header={header} />
                    </th>
                  );
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()} title="Sort by this column">
                      <table.FlexRender header={header} />
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <GridBody rows={sortedRows} activeId={activeId} activeIndex={activeIndex} columns={visibleIds} scrollRef={scrollRef} />
      </table>
    </div>
  );
});

interface GridBodyProps {
  readonly rows: readonly AuditTableRow[];
  readonly activeId: string | null;
  readonly activeIndex: number;
  readonly columns: string;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
}

/** The rows in view (and a few beyond), positioned in the full height of all rows; brings the active row into view when it changes. */
const GridBody = memo(function GridBody({ rows, activeId, activeIndex, columns, scrollRef }: GridBodyProps) {
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  // The scroll element is the parent's, whose ref is attached only after this body's layout effects on the first
  // commit: the virtualiser saw none and drew no rows until something redrew the body. Look again once it is there.
  useEffect(() => virtualizer.measure(), [virtualizer]);

  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // Rows coming into view take over the DOM rows of those that left (see row-slots.ts); in row order again once the scroll settles.
  const placed = useRef<RowSlots>(NO_SLOTS);
  const slots = placeRows(placed.current, items.map((item) => item.index), !virtualizer.isScrolling);
  useLayoutEffect(() => {
    placed.current = slots;
  });
  const first = items[0]?.index ?? 0;
  const hover = useRowHover();
  const scrolling = virtualizer.isScrolling;
  useLayoutEffect(() => {
    if (scrolling) hover.clear();
  }, [scrolling, hover]);
  // Other events in the rows (a filter, a sort, new events): the marked row may show another event now.
  useLayoutEffect(() => hover.clear(), [rows, hover]);

  return (
    <tbody style={{ height: virtualizer.getTotalSize() }} onPointerMove={hover.move} onPointerLeave={hover.clear}>
      {slots.order.map(([slot, index]) => {
        const row = rows[index];
        const item = items[index - first];
        if (row === undefined || item === undefined) return null;
        return <BodyRow key={slot} row={row} index={index} start={item.start} active={row.id === activeId} columns={columns} />;
      })}
    </tbody>
  );
});

/**
 * The row under the pointer, marked `data-hover` on its element for the hover background — while the pointer
 * moves. Not CSS `:hover`: that follows the rows scrolling under a resting pointer, restyling and repainting
 * rows every frame, which made scroll frames miss their budget (desktop.scroll_frame_p95_ms). A scroll clears
 * the mark until the pointer moves again. React never sets the attribute, so a row handed to another event
 * (row-slots.ts) keeps it only until the next pointer move or scroll.
 */
function useRowHover(): { readonly move: (event: PointerEvent<HTMLElement>) => void; readonly clear: () => void } {
  const hovered = useRef<Element | null>(null);
  return useMemo(() => {
    const mark = (row: Element | null): void => {
      if (row === hovered.current) return;
      if (hovered.current !== null) {
        hovered.current.removeAttribute('data-hover');
        rowTooltips(hovered.current, false);
      }
      if (row !== null) {
        row.setAttribute('data-hover', '');
        rowTooltips(row, true);
      }
      hovered.current = row;
    };
    return { move: (event) => mark(event.target instanceof Element ? event.target.closest('.body-row') : null), clear: () => mark(null) };
  }, []);
}

interface BodyRowProps {
  readonly row: AuditTableRow;
  readonly index: number;
  readonly start: number;
  readonly active: boolean;
  /** The visible column ids, space-separated, in order. */
  readonly columns: string;
}

/**
 * One row of the grid; memoised, so a scroll step draws only the rows that came into view. Its cells are keyed by
 * column, so a row handed to another event updates their text and attributes rather than making new elements;
 * they are drawn from the event itself (BODY_CELLS), not through TanStack's per-row cell objects.
 */
const BodyRow = memo(function BodyRow({ row, index, start, active, columns }: BodyRowProps) {
  const { auditView } = useAppServices();
  return (
    <tr
      id={rowDomId(row.id)}
      className={active ? 'grid-row body-row active' : 'grid-row body-row'}
      aria-rowindex={index + 2}
      aria-selected={active}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => auditView.getState().setActive(row.id)}
    >
      {columns.split(' ').map((id) => (
        <td key={id} className={CELL_CLASS[id]}>
          {BODY_CELLS[id]?.(row.original)}
        </td>
      ))}
    </tr>
  );
});
