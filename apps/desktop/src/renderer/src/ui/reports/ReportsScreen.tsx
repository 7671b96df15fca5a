/**
 * Reports: the report definitions in the replica and the six templates;
 * pick one, set tenants, period and filters, run it locally from the
 * replica (offline too), read the result as tables, download PDF, CSV,
 * XLSX or JSON, and record a definition's run with its artifact's hash.
 */
import { REPORT_TEMPLATES, type Report, type ReportTemplate } from '@steward/domain';
import { useState } from 'react';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { TEMPLATE_LABELS } from '../../reports/artifacts.ts';
import { formFromParameters, parametersFromForm, type RunFormFields } from '../../reports/run-form.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { StateMessage } from '../StateMessage.tsx';
import { useDocuments, useWriter, WithReplica } from '../use-replica.tsx';
import { useChangeTracker } from '../sync/use-change-tracker.ts';
import { ReportForm } from './ReportForm.tsx';
import { ReportResultView } from './ReportResultView.tsx';
import { useReportRun } from './use-report-run.ts';
import '../workflows/data-table.css';
import './reports.css';

type Chosen = { readonly kind: 'definition'; readonly id: string } | { readonly kind: 'template'; readonly template: ReportTemplate };

export function ReportsScreen() {
  return (
    <section className="screen reports-screen" aria-labelledby="reports-title">
      <div className="screen-title">
        <h1 id="reports-title">Reports</h1>
        <span className="muted small">Generated on this device from your replica; works offline.</span>
      </div>
      <WithReplica>{(db) => <ReportsView db={db} />}</WithReplica>
    </section>
  );
}

const templateFields = (template: ReportTemplate): RunFormFields => ({ template, tenantIds: [], fromDay: '', toDay: '', filtersJson: '' });

function definitionFields(report: Report): RunFormFields {
  const fields = formFromParameters(report.template, report.parameters);
  return report.tenantId !== null && fields.tenantIds.length === 0 ? { ...fields, tenantIds: [report.tenantId] } : fields;
}

function ReportsView({ db }: { readonly db: ReplicaDatabase }) {
  const { sessionStore } = useAppServices();
  const userId = useSlice(sessionStore, (s) => s.session?.user.id ?? '');
  const reports = useDocuments(db, 'reports');
  const tenants = useDocuments(db, 'tenants');
  const writer = useWriter(db);
  const changes = useChangeTracker();
  const runner = useReportRun(db, userId);
  const [chosen, setChosen] = useState<Chosen>({ kind: 'template', template: 'access-review' });
  const [fields, setFields] = useState<RunFormFields>(templateFields('access-review'));
  const [formError, setFormError] = useState<string | null>(null);

  const error = reports.error ?? tenants.error;
  if (error !== null) return <StateMessage title="Reports could not be read" tone="error"><p>{error}</p></StateMessage>;
  if (reports.docs === null || tenants.docs === null) return <StateMessage title="Reading report definitions from your replica…" tone="loading" />;

  const tenantName = new Map(tenants.docs.map((t) => [t.id, t.name]));
  const definitions = [...reports.docs].sort((a, b) => (tenantName.get(a.tenantId ?? '') ?? '').localeCompare(tenantName.get(b.tenantId ?? '') ?? '') || a.name.localeCompare(b.name));
  const definition = chosen.kind === 'definition' ? (definitions.find((r) => r.id === chosen.id) ?? null) : null;
  const sortedTenants = [...tenants.docs].sort((a, b) => a.name.localeCompare(b.name));

  const choose = (next: Chosen, nextFields: RunFormFields) => {
    setChosen(next);
    setFields(nextFields);
    setFormError(null);
    runner.reset();
  };
  const runNow = () => {
    const parsed = parametersFromForm(fields);
    if (!parsed.ok) return setFormError(parsed.reason);
    setFormError(null);
    void runner.run(fields.template, parsed.parameters, definition);
  };

  return (
    <div className="reports-body">
      <nav className="report-picker" aria-label="Reports to run">
        <h2>Definitions</h2>
        {definitions.length === 0 ? (
          <p className="muted small">No report definitions in your replica.</p>
        ) : (
          <ul>
            {definitions.map((r) => (
              <li key={r.id}>
                <button type="button" className={`picker-item${definition?.id === r.id ? ' selected' : ''}`} aria-current={definition?.id === r.id ? 'true' : undefined} onClick={() => choose({ kind: 'definition', id: r.id }, definitionFields(r))}>
                  <strong>{r.name}</strong>
                  <span className="muted small">
                    {tenantName.get(r.tenantId ?? '') ?? 'Platform-wide'} · {TEMPLATE_LABELS[r.template].name} · {r.format.toUpperCase()}
                    {r.schedule === null ? '' : ' · scheduled'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <h2>Templates</h2>
        <ul>
          {REPORT_TEMPLATES.map((t) => (
            <li key={t}>
              <button type="button" className={`picker-item${chosen.kind === 'template' && chosen.template === t ? ' selected' : ''}`} aria-current={chosen.kind === 'template' && chosen.template === t ? 'true' : undefined} onClick={() => choose({ kind: 'template', template: t }, templateFields(t))}>
                <strong>{TEMPLATE_LABELS[t].name}</strong>
                <span className="muted small">{TEMPLATE_LABELS[t].about}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="report-workspace">
        <ReportForm fields={fields} tenants={sortedTenants} definition={definition} running={runner.state.status === 'running'} onChange={setFields} onRun={runNow} />
        {formError !== null && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        {runner.state.status === 'running' && <StateMessage title="Generating the report from your replica…" tone="loading" />}
        {runner.state.status === 'failed' && (
          <StateMessage title="The report could not be generated" tone="error">
            <p>{runner.state.reason}</p>
          </StateMessage>
        )}
        {runner.state.status === 'done' && <ReportResultView key={runner.state.result.model.generatedAt} result={runner.state.result} runner={runner} writer={writer} changes={changes} />}
      </div>
    </div>
  );
}
