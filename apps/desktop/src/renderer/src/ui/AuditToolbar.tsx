import { OUTCOMES } from '@steward/domain';
import { useEffect, useId, useState } from 'react';
import { hasFilters } from '../audit/audit-filters.ts';
import type { Outcome } from '../audit/audit-row.ts';
import { useAppServices, useSlice } from './app-services.ts';
import { formatCount } from './format.ts';

/** Typing is instant; the 50,000-row filter runs once the person pauses. */
const SEARCH_DEBOUNCE_MS = 150;

const isOutcome = (value: string): value is Outcome => OUTCOMES.some((outcome) => outcome === value);

export function AuditToolbar({ actions, shown, total }: { readonly actions: readonly string[]; readonly shown: number; readonly total: number }) {
  const { auditView } = useAppServices();
  const filters = useSlice(auditView, (s) => s.filters);
  const [search, setSearch] = useState(filters.search);
  const ids = { search: useId(), outcome: useId(), action: useId() };

  useEffect(() => setSearch(filters.search), [filters.search]);
  useEffect(() => {
    if (search === auditView.getState().filters.search) return;
    const timer = setTimeout(() => auditView.getState().setFilter('search', search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, auditView]);

  return (
    <div className="toolbar" role="search">
      <div className="field field-search">
        <label htmlFor={ids.search}>Search</label>
        <input id={ids.search} type="search" placeholder="Actor, action, resource, flag…" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.outcome}>Outcome</label>
        <select id={ids.outcome} value={filters.outcome} onChange={(e) => auditView.getState().setFilter('outcome', isOutcome(e.target.value) ? e.target.value : 'all')}>
          <option value="all">All outcomes</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.action}>Action</label>
        <select id={ids.action} value={filters.action} onChange={(e) => auditView.getState().setFilter('action', e.target.value)}>
          <option value="all">All actions</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </div>
      <p className="count" aria-live="polite">
        {shown === total ? `${formatCount(total)} events` : `${formatCount(shown)} of ${formatCount(total)} events`}
      </p>
      {hasFilters(filters) && (
        <button type="button" onClick={() => auditView.getState().clearFilters()}>
          Clear filters
        </button>
      )}
    </div>
  );
}
