/**
 * The audit log's filters, sort, visible columns and selection, as UI state
 * (zustand), and the pure function that applies the filters. Sorting itself
 * is TanStack Table's job; the state lives here so it survives leaving and
 * re-entering the screen, and so a saved view can restore it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditRow, Outcome } from './audit-row.ts';
import { isWriteAction } from './write-events.ts';

export type PiiFilter = 'any' | 'pii' | 'no-pii';

export interface AuditFilters {
  readonly outcome: Outcome | 'all';
  readonly action: string;
  /** An actor id, or 'all'. */
  readonly actor: string;
  readonly resourceType: string;
  /** Inclusive bounds on occurredAt, as UTC timestamps like the events' own (`2026-02-01T00:00:00.000Z`); null is open. */
  readonly from: string | null;
  readonly to: string | null;
  /** Rows carrying any of these compliance flags; empty means no flag filter. */
  readonly flags: readonly string[];
  readonly pii: PiiFilter;
  readonly search: string;
  /** Set by the Overview's charts (a tenant's gauge, the writes chart); absent means no such filter. */
  readonly tenantId?: string;
  readonly writesOnly?: boolean;
}

export interface SortRule {
  readonly id: string;
  readonly desc: boolean;
}

/** Column id → shown; a column missing from the map is shown (TanStack's column visibility state). */
export type ColumnVisibility = Readonly<Record<string, boolean>>;

export const DEFAULT_SORT: readonly SortRule[] = [{ id: 'occurredAt', desc: true }];
export const NO_FILTERS: AuditFilters = { outcome: 'all', action: 'all', actor: 'all', resourceType: 'all', from: null, to: null, flags: [], pii: 'any', search: '' };

/** Selection beyond this is refused: one review per event, written in one go, must stay a moment's work. */
export const MAX_SELECTION = 500;

export interface AuditViewState {
  readonly filters: AuditFilters;
  readonly sorting: readonly SortRule[];
  readonly columnVisibility: ColumnVisibility;
  /** The row the keyboard (or a click) is on; its details show beside the table. */
  readonly activeId: string | null;
  /** Rows ticked for a bulk review. */
  readonly selected: ReadonlySet<string>;
  setFilter<K extends keyof AuditFilters>(key: K, value: AuditFilters[K]): void;
  /** Replaces some filters at once and keeps the rest (a click-through from another screen, a time-range preset). */
  applyFilters(filters: Partial<AuditFilters>): void;
  /** Removes one of the optional filters (the Overview's tenant or writes-only filter). */
  dropFilter(key: 'tenantId' | 'writesOnly'): void;
  clearFilters(): void;
  setSorting(sorting: readonly SortRule[]): void;
  setColumnVisibility(visibility: ColumnVisibility): void;
  setActive(id: string | null): void;
  toggleSelected(id: string): void;
  clearSelection(): void;
}

export type AuditViewStore = StoreApi<AuditViewState>;

export function createAuditViewStore(): AuditViewStore {
  return createStore<AuditViewState>()((set, get) => ({
    filters: NO_FILTERS,
    sorting: DEFAULT_SORT,
    columnVisibility: {},
    activeId: null,
    selected: new Set(),
    setFilter: (key, value) => set({ filters: { ...get().filters, [key]: value } }),
    applyFilters: (filters) => set({ filters: { ...get().filters, ...filters } }),
    dropFilter: (key) => {
      const { [key]: _dropped, ...rest } = get().filters;
      set({ filters: rest });
    },
    clearFilters: () => set({ filters: NO_FILTERS }),
    setSorting: (sorting) => set({ sorting: sorting.length === 0 ? DEFAULT_SORT : sorting }),
    setColumnVisibility: (columnVisibility) => set({ columnVisibility }),
    setActive: (activeId) => set({ activeId }),
    toggleSelected: (id) => {
      const selected = new Set(get().selected);
      if (selected.has(id)) selected.delete(id);
      else if (selected.size < MAX_SELECTION) selected.add(id);
      set({ selected });
    },
    clearSelection: () => set({ selected: new Set() }),
  }));
}

export function hasFilters(filters: AuditFilters): boolean {
  return (
    filters.outcome !== 'all' ||
    filters.action !== 'all' ||
    filters.actor !== 'all' ||
    filters.resourceType !== 'all' ||
    filters.from !== null ||
    filters.to !== null ||
    filters.tenantId !== undefined ||
    filters.writesOnly === true ||
    filters.flags.length > 0 ||
    filters.pii !== 'any' ||
    filters.search.trim() !== ''
  );
}

/** Whether a row passes the filters. */
export type AuditRowTest = (row: AuditRow) => boolean;

/**
 * The filters as one test, testing only the filters that are set; null when
 * nothing filters. Every search word must appear somewhere in the row
 * (actor, action, resource, outcome, flags, id). The audit table runs it
 * over rows it has already sorted, so a filter change neither rebuilds nor
 * re-sorts 100,000 table rows.
 */
export function auditRowTest(filters: AuditFilters): AuditRowTest | null {
  const tests: AuditRowTest[] = [];
  const { outcome, action, actor, resourceType, from, to, pii } = filters;
  if (outcome !== 'all') tests.push((row) => row.outcome === outcome);
  if (action !== 'all') tests.push((row) => row.action === action);
  if (actor !== 'all') tests.push((row) => row.actorId === actor);
  if (resourceType !== 'all') tests.push((row) => row.resourceType === resourceType);
  // Timestamps share one fixed-width UTC format, so string order is time order.
  if (from !== null) tests.push((row) => row.occurredAt >= from);
  if (to !== null) tests.push((row) => row.occurredAt <= to);
  const { tenantId } = filters;
  if (tenantId !== undefined) tests.push((row) => row.doc['tenantId'] === tenantId);
  if (filters.writesOnly === true) tests.push((row) => isWriteAction(row.action));
  if (pii !== 'any') tests.push(pii === 'pii' ? (row) => row.pii : (row) => !row.pii);
  if (filters.flags.length > 0) {
    const wanted = new Set(filters.flags);
    tests.push((row) => row.flags.some((flag) => wanted.has(flag)));
  }
  const words = filters.search.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 1) {
    const [word = ''] = words;
    tests.push((row) => row.search.includes(word));
  } else if (words.length > 1) {
    tests.push((row) => {
      for (const word of words) if (!row.search.includes(word)) return false;
      return true;
    });
  }
  const [first, second] = tests;
  if (first === undefined) return null;
  if (second === undefined) return first;
  return (row) => {
    for (const test of tests) if (!test(row)) return false;
    return true;
  };
}

/** The items whose row passes `test`, in their order; `items` itself when there is no test. */
export function keepPassing<T>(items: readonly T[], test: AuditRowTest | null, rowOf: (item: T) => AuditRow): readonly T[] {
  if (test === null) return items;
  const out: T[] = [];
  for (const item of items) if (test(rowOf(item))) out.push(item);
  return out;
}

const itself = (row: AuditRow): AuditRow => row;

/** The rows every filter lets through, in their order (one pass); `rows` itself when nothing filters. */
export function filterAuditRows(rows: readonly AuditRow[], filters: AuditFilters): readonly AuditRow[] {
  return keepPassing(rows, auditRowTest(filters), itself);
}

/** What the filter menus offer: the values present in the replica, once each, sorted. */
export interface FilterChoices {
  readonly actions: readonly string[];
  readonly resourceTypes: readonly string[];
  readonly flags: readonly string[];
  /** Actor id → label, sorted by label. */
  readonly actors: readonly (readonly [id: string, label: string])[];
}

export const NO_CHOICES: FilterChoices = { actions: [], resourceTypes: [], flags: [], actors: [] };

/** Gathers the filter choices row by row (so the gathering can ride along another pass over the rows); `choices()` sorts them. */
export interface ChoiceCollector {
  add(row: AuditRow): void;
  choices(): FilterChoices;
}

export function collectChoices(): ChoiceCollector {
  const actions = new Set<string>();
  const resourceTypes = new Set<string>();
  const flags = new Set<string>();
  const actors = new Map<string, string>();
  const sorted = (set: Set<string>): string[] => [...set].sort();
  return {
    add: (row) => {
      actions.add(row.action);
      resourceTypes.add(row.resourceType);
      for (const flag of row.flags) flags.add(flag);
      if (!actors.has(row.actorId)) actors.set(row.actorId, row.actor);
    },
    choices: () => ({
      actions: sorted(actions),
      resourceTypes: sorted(resourceTypes),
      flags: sorted(flags),
      actors: [...actors].sort((a, b) => a[1].localeCompare(b[1])),
    }),
  };
}

export function filterChoicesOf(rows: readonly AuditRow[]): FilterChoices {
  const collector = collectChoices();
  for (const row of rows) collector.add(row);
  return collector.choices();
}

/** The actions present in the replica, for the action filter. */
export function actionsOf(rows: readonly AuditRow[]): readonly string[] {
  return filterChoicesOf(rows).actions;
}
