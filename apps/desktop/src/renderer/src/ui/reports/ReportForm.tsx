/** Template, tenants, period and filters of a local run; a stored definition fixes its template and tenant. */
import { REPORT_TEMPLATES, type Report, type ReportTemplate, type Tenant } from '@steward/domain';
import { FILTER_SCHEMAS } from '@steward/reports';
import { useId, type FormEvent } from 'react';
import { TEMPLATE_LABELS } from '../../reports/artifacts.ts';
import type { RunFormFields } from '../../reports/run-form.ts';

interface Props {
  readonly fields: RunFormFields;
  readonly tenants: readonly Tenant[];
  readonly definition: Report | null;
  readonly running: boolean;
  readonly onChange: (fields: RunFormFields) => void;
  readonly onRun: () => void;
}

export function ReportForm({ fields, tenants, definition, running, onChange, onRun }: Props) {
  const ids = { template: useId(), from: useId(), to: useId(), filters: useId(), filtersHint: useId() };
  const set = (patch: Partial<RunFormFields>) => onChange({ ...fields, ...patch });
  const toggleTenant = (id: string, on: boolean) => set({ tenantIds: on ? [...fields.tenantIds, id] : fields.tenantIds.filter((t) => t !== id) });
  const filterKeys = Object.keys(FILTER_SCHEMAS[fields.template].shape);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRun();
  };
  return (
    <form className="report-form" aria-label="Report parameters" onSubmit={submit}>
      <div className="field">
        <label htmlFor={ids.template}>Template</label>
        <select id={ids.template} value={fields.template} disabled={definition !== null} onChange={(e) => set({ template: e.target.value as ReportTemplate, filtersJson: '' })}>
          {REPORT_TEMPLATES.map((t) => (
            <option key={t} value={t}>
              {TEMPLATE_LABELS[t].name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field tenants-field">
        <legend>Tenants</legend>
        {definition !== null ? (
          <p className="muted small">A report defined in a tenant covers that tenant only.</p>
        ) : (
          <p className="muted small">None ticked: every tenant in your replica.</p>
        )}
        <div className="tenant-choices">
          {tenants.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={fields.tenantIds.includes(t.id)} disabled={definition !== null} onChange={(e) => toggleTenant(t.id, e.target.checked)} /> {t.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="period">
        <div className="field">
          <label htmlFor={ids.from}>From (first day, UTC)</label>
          <input id={ids.from} type="date" value={fields.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To (last day, UTC)</label>
          <input id={ids.to} type="date" value={fields.toDay} onChange={(e) => set({ toDay: e.target.value })} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.filters}>Filters (JSON)</label>
        <textarea id={ids.filters} rows={3} spellCheck={false} value={fields.filtersJson} placeholder="{}" aria-describedby={ids.filtersHint} onChange={(e) => set({ filtersJson: e.target.value })} />
        <span id={ids.filtersHint} className="muted small">
          This template&apos;s filters: {filterKeys.map((k, i) => (
            <span key={k}>
              {i > 0 && ', '}
              <code>{k}</code>
            </span>
          ))}
          . Leave empty for the defaults.
        </span>
      </div>
      <div className="report-actions">
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Running…' : 'Run locally'}
        </button>
        {definition !== null && <span className="muted small">Records as {definition.format.toUpperCase()}{definition.schedule === null ? '' : ` · scheduled ${definition.schedule}`}</span>}
      </div>
    </form>
  );
}
