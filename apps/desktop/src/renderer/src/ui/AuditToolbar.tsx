import { OUTCOMES } from '@steward/domain';
import { useEffect, useId, useState } from 'react';
import { hasFilters, type AuditViewState, type FilterChoices, type PiiFilter } from '../audit/audit-filters.ts';
import type { Outcome } from '../audit/audit-row.ts';
import { fromLocalInput, toLocalInput } from '../audit/time-range.ts';
import { useAppServices, useSlice } from './app-services.ts';
import { ColumnChooser } from './audit/ColumnChooser.tsx';
import { FlagFilter } from './audit/FlagFilter.tsx';
import { SavedViews } from './audit/SavedViews.tsx';
import { formatCount } from './format.ts';

/** Typing is instant; the 50,000-row filter runs once the person pauses. */
const SEARCH_DEBOUNCE_MS = 150;

const isOutcome = (value: string): value is Outcome => OUTCOMES.some((outcome) => outcome === value);
const PII_CHOICES: readonly (readonly [PiiFilter, string])[] = [
  ['any', 'With or without'],
  ['pii', 'Holds personal data'],
  ['no-pii', 'No personal data'],
];
const isPii = (value: string): value is PiiFilter => PII_CHOICES.some(([choice]) => choice === value);

/** Every filter of the audit log, the count they leave, and the saved views and column chooser. */
export interface AuditToolbarProps {
  readonly choices: FilterChoices;
  readonly shown: number;
  readonly total: number;
  /** Tenant names by id, to name the Overview's tenant filter. */
  readonly tenantNames: ReadonlyMap<string, string>;
}

export function AuditToolbar({ choices, shown, total, tenantNames }: AuditToolbarProps) {
  const { auditView } = useAppServices();
  const filters = useSlice(auditView, (s) => s.filters);
  const [search, setSearch] = useState(filters.search);
  const ids = { search: useId(), outcome: useId(), action: useId(), actor: useId(), resource: useId(), pii: useId(), from: useId(), to: useId() };
  const set: AuditViewState['setFilter'] = (key, value) => auditView.getState().setFilter(key, value);

  useEffect(() => setSearch(filters.search), [filters.search]);
  useEffect(() => {
    if (search === auditView.getState().filters.search) return;
    const timer = setTimeout(() => auditView.getState().setFilter('search', search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, auditView]);

  return (
    <div className="audit-toolbars">
      <div className="toolbar audit-filters" role="search">
        <div className="field field-search">
          <label htmlFor={ids.search}>Search</label>
          <input id={ids.search} type="search" placeholder="Actor, action, resource, flag…" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.actor}>Actor</label>
          <select id={ids.actor} value={filters.actor} onChange={(e) => set('actor', e.target.value)}>
            <option value="all">All actors</option>
            {choices.actors.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select id={ids.action} value={filters.action} onChange={(e) => set('action', e.target.value)}>
            <option value="all">All actions</option>
            {choices.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.resource}>Resource type</label>
          <select id={ids.resource} value={filters.resourceType} onChange={(e) => set('resourceType', e.target.value)}>
            <option value="all">All resource types</option>
            {choices.resourceTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.outcome}>Outcome</label>
          <select id={ids.outcome} value={filters.outcome} onChange={(e) => set('outcome', isOutcome(e.target.value) ? e.target.value : 'all')}>
            <option value="all">All outcomes</option>
            {OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {outcome}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="datetime-local" value={toLocalInput(filters.from)} onChange={(e) => set('from', fromLocalInput(e.target.value, 'from'))} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} type="datetime-local" value={toLocalInput(filters.to)} onChange={(e) => set('to', fromLocalInput(e.target.value, 'to'))} />
        </div>
        <FlagFilter flags={choices.flags} />
        <div className="field">
          <label htmlFor={ids.pii}>Personal data</label>
          <select id={ids.pii} value={filters.pii} onChange={(e) => set('pii', isPii(e.target.value) ? e.target.value : 'any')}>
            {PII_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="toolbar audit-view-bar">
        <SavedViews />
        <ColumnChooser />
        {filters.tenantId !== undefined && (
          <span className="filter-chip">
            Tenant: {filters.tenantId === '' ? 'platform-wide' : (tenantNames.get(filters.tenantId) ?? filters.tenantId)}
            <button type="button" aria-label="Remove the tenant filter" onClick={() => auditView.getState().dropFilter('tenantId')}>
              ×
            </button>
          </span>
        )}
        {filters.writesOnly === true && (
          <span className="filter-chip">
            Document writes only
            <button type="button" aria-label="Remove the writes-only filter" onClick={() => auditView.getState().dropFilter('writesOnly')}>
              ×
            </button>
          </span>
        )}
        <p className="count" aria-live="polite">
          {shown === total ? `${formatCount(total)} events` : `${formatCount(shown)} of ${formatCount(total)} events`}
        </p>
        {hasFilters(filters) && (
          <button type="button" onClick={() => auditView.getState().clearFilters()}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
