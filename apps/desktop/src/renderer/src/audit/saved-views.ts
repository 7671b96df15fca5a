/**
 * Saved views of the audit log — a name with filters, sort and visible
 * columns — kept in the platform's preferences store (a KeyValueStore:
 * localStorage in the web console). What comes back from storage is input:
 * it may be from an older version, edited by hand or half-written, so every
 * view is validated on the way in and a bad one is dropped, alone.
 *
 * The schemas are zod, built from the domain's own zod schemas (the desktop
 * reaches zod through @steward/domain; `strictObject` comes from an empty
 * pick of a domain object schema).
 */
import { OUTCOMES, auditEventSchema, boundedRecord, description, list, name, shortKey, timestamp, uuidRef } from '@steward/domain';
import type { KeyValueStore } from '../platform/platform.ts';
import { NO_FILTERS, type AuditFilters, type ColumnVisibility, type PiiFilter, type SortRule } from './audit-filters.ts';

export const SAVED_VIEWS_KEY = 'steward.audit.savedViews.v1';
export const MAX_SAVED_VIEWS = 50;

export interface SavedView {
  readonly id: string;
  readonly name: string;
  readonly filters: AuditFilters;
  readonly sorting: readonly SortRule[];
  readonly columnVisibility: ColumnVisibility;
  readonly savedAt: string;
}

const strictObject = <S extends Parameters<ReturnType<typeof auditEventSchema.pick>['extend']>[0]>(shape: S) => auditEventSchema.pick({}).extend(shape);
const bool = auditEventSchema.shape.pii;
const PII: readonly PiiFilter[] = ['any', 'pii', 'no-pii'];
const text = description;
const oneOf = <T extends string>(values: readonly T[]) => text.refine((value): value is T => (values as readonly string[]).includes(value), { error: `must be one of ${values.join(', ')}` });

const filtersSchema = strictObject({
  outcome: oneOf<AuditFilters['outcome']>([...OUTCOMES, 'all']),
  action: text,
  actor: text,
  resourceType: text,
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  flags: list(shortKey, 100),
  pii: oneOf(PII),
  search: text,
  tenantId: text.optional(),
  writesOnly: bool.optional(),
});

const viewSchema = strictObject({
  id: uuidRef,
  name,
  filters: filtersSchema.partial(),
  sorting: list(strictObject({ id: shortKey, desc: bool }), 10),
  columnVisibility: boundedRecord(shortKey, bool, 50),
  savedAt: timestamp,
});

/** The views in `raw` (the stored JSON) that are valid; anything else — bad JSON, a bad view — is left out. */
export function parseSavedViews(raw: string | null): SavedView[] {
  if (raw === null) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const views: SavedView[] = [];
  for (const item of data.slice(0, MAX_SAVED_VIEWS)) {
    const parsed = viewSchema.safeParse(item);
    if (!parsed.success) continue;
    const { filters, ...rest } = parsed.data;
    // A view saved before a filter existed gets that filter's "no filter" value.
    views.push({ ...rest, filters: { ...NO_FILTERS, ...stripUndefined(filters) } });
  }
  return views;
}

/** The filters a stored view sets (zod's partial() reads a missing one as undefined). */
function stripUndefined(value: object): Partial<AuditFilters> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

export function loadSavedViews(store: KeyValueStore): SavedView[] {
  try {
    return parseSavedViews(store.getItem(SAVED_VIEWS_KEY));
  } catch {
    return []; // storage unavailable (private mode, quota): no saved views rather than no audit log
  }
}

/** Stores the views; returns why it could not, or null. */
export function storeSavedViews(store: KeyValueStore, views: readonly SavedView[]): string | null {
  try {
    store.setItem(SAVED_VIEWS_KEY, JSON.stringify(views.slice(0, MAX_SAVED_VIEWS)));
    return null;
  } catch (error) {
    return `The view could not be saved on this device: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Adds `view`, replacing a view of the same name (names are what a person tells views apart by). */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  const key = view.name.trim().toLowerCase();
  return [view, ...views.filter((v) => v.name.trim().toLowerCase() !== key)].slice(0, MAX_SAVED_VIEWS);
}

/** Whether the audit log shows exactly what `view` saved: its filters, sort and columns. */
export function isShowing(view: SavedView, state: Pick<SavedView, 'filters' | 'sorting' | 'columnVisibility'>): boolean {
  const keys = new Set([...Object.keys(NO_FILTERS), ...Object.keys(view.filters), ...Object.keys(state.filters)]) as Set<keyof AuditFilters>;
  const filtersMatch = [...keys].every((key) => JSON.stringify(view.filters[key]) === JSON.stringify(state.filters[key]));
  const sortMatch = view.sorting.length === state.sorting.length && view.sorting.every((rule, i) => rule.id === state.sorting[i]?.id && rule.desc === state.sorting[i]?.desc);
  const hidden = (visibility: ColumnVisibility): string => Object.keys(visibility).filter((id) => visibility[id] === false).sort().join(',');
  return filtersMatch && sortMatch && hidden(view.columnVisibility) === hidden(state.columnVisibility);
}

export function withoutView(views: readonly SavedView[], id: string): SavedView[] {
  return views.filter((v) => v.id !== id);
}
