/**
 * The audit log's filters and sort, as UI state (zustand), and the pure
 * function that applies the filters. Sorting itself is TanStack Table's job;
 * the state lives here so it survives leaving and re-entering the screen.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditRow, Outcome } from './audit-row.ts';

export interface AuditFilters {
  readonly outcome: Outcome | 'all';
  readonly action: string;
  readonly search: string;
}

export interface SortRule {
  readonly id: string;
  readonly desc: boolean;
}

export const DEFAULT_SORT: readonly SortRule[] = [{ id: 'occurredAt', desc: true }];
export const NO_FILTERS: AuditFilters = { outcome: 'all', action: 'all', search: '' };

export interface AuditViewState {
  readonly filters: AuditFilters;
  readonly sorting: readonly SortRule[];
  /** The row the keyboard (or a click) is on; its details show beside the table. */
  readonly activeId: string | null;
  setFilter<K extends keyof AuditFilters>(key: K, value: AuditFilters[K]): void;
  clearFilters(): void;
  setSorting(sorting: readonly SortRule[]): void;
  setActive(id: string | null): void;
}

export type AuditViewStore = StoreApi<AuditViewState>;

export function createAuditViewStore(): AuditViewStore {
  return createStore<AuditViewState>()((set, get) => ({
    filters: NO_FILTERS,
    sorting: DEFAULT_SORT,
    activeId: null,
    setFilter: (key, value) => set({ filters: { ...get().filters, [key]: value } }),
    clearFilters: () => set({ filters: NO_FILTERS }),
    setSorting: (sorting) => set({ sorting: sorting.length === 0 ? DEFAULT_SORT : sorting }),
    setActive: (activeId) => set({ activeId }),
  }));
}

export function hasFilters(filters: AuditFilters): boolean {
  return filters.outcome !== 'all' || filters.action !== 'all' || filters.search.trim() !== '';
}

/** Every search word must appear somewhere in the row (actor, action, resource, outcome, flags, id). */
export function filterAuditRows(rows: readonly AuditRow[], filters: AuditFilters): readonly AuditRow[] {
  const words = filters.search.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (filters.outcome === 'all' && filters.action === 'all' && words.length === 0) return rows;
  return rows.filter(
    (row) =>
      (filters.outcome === 'all' || row.outcome === filters.outcome) &&
      (filters.action === 'all' || row.action === filters.action) &&
      words.every((word) => row.search.includes(word)),
  );
}

/** The actions present in the replica, for the action filter. */
export function actionsOf(rows: readonly AuditRow[]): readonly string[] {
  return [...new Set(rows.map((row) => row.action))].sort();
}
