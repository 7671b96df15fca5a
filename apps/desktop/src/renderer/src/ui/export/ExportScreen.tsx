/**
 * Evidence export: choose a tenant, a period, filters and an optional
 * report; see how many of the replica's events are in scope and how many
 * are already inside the latest signed checkpoint; export a signed bundle
 * built on this device (@steward/evidence), watch its progress, save it,
 * and get the command that verifies it. Works offline for events whose
 * proofs this device has fetched before.
 */
import { OUTCOMES, REPORT_TEMPLATES } from '@steward/domain';
import { useId, useState, type FormEvent } from 'react';
import { checkExportForm, defaultFormValues, type ExportFormValues } from '../../export/export-form.ts';
import { formatBytes } from '../../export/export-preview.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { TEMPLATE_LABELS } from '../../reports/artifacts.ts';
import type { Session } from '../../session/session.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { StateMessage } from '../StateMessage.tsx';
import { useDocuments, WithReplica } from '../use-replica.tsx';
import { ExportJobView } from './ExportJobView.tsx';
import { useExportJob, type Connectivity, type PreviewState } from './use-export-job.ts';
import './export.css';

export function ExportScreen() {
  const { sessionStore } = useAppServices();
  const session = useSlice(sessionStore, (s) => s.session);
  return (
    <section className="screen export-screen" aria-labelledby="export-title">
      <div className="screen-title">
        <h1 id="export-title">Evidence export</h1>
        <span className="muted small">A signed bundle of a tenant&apos;s audit events that auditors verify without trusting Steward.</span>
      </div>
      {session === null ? <StateMessage title="Sign in to export evidence" tone="empty" /> : <WithReplica>{(db) => <ExportView db={db} session={session} />}</WithReplica>}
    </section>
  );
}

function ExportView({ db, session }: { readonly db: ReplicaDatabase; readonly session: Session }) {
  const tenants = useDocuments(db, 'tenants');
  const sorted = [...(tenants.docs ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const [values, setValues] = useState<ExportFormValues>(() => defaultFormValues('', new Date()));
  const [showErrors, setShowErrors] = useState(false);
  const tenantId = values.tenantId !== '' ? values.tenantId : (sorted.find((t) => t.id === session.user.tenantId)?.id ?? sorted[0]?.id ?? '');
  const form = { ...values, tenantId };
  const checked = checkExportForm(form, sorted);
  const exporter = useExportJob(db, session, checked.ok ? checked.request : null);

  if (tenants.error !== null) return <StateMessage title="Tenants could not be read" tone="error"><p>{tenants.error}</p></StateMessage>;
  if (tenants.docs === null) return <StateMessage title="Reading your replica…" tone="loading" />;
  if (sorted.length === 0) return <StateMessage title="No tenants in your replica" tone="empty"><p>You can export the audit events of tenants you may read; none has reached this device yet.</p></StateMessage>;

  const running = exporter.job.status === 'running';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (checked.ok && !running) void exporter.start(checked.request);
  };
  const error = showErrors && !checked.ok ? checked : null;

  return (
    <div className="export-body">
      <ExportForm values={form} tenants={sorted} error={error} running={running} onChange={(next) => setValues(next)} onSubmit={submit} connectivity={exporter.connectivity} />
      <div className="export-side">
        <ConnectivityNote connectivity={exporter.connectivity} onRetry={() => void exporter.checkServer()} />
        {checked.ok ? (
          <PreviewPanel preview={exporter.preview} connectivity={exporter.connectivity} />
        ) : (
          <p className="export-note muted">{checked.message} The preview shows what the export will hold once the scope is valid.</p>
        )}
        <ExportJobView job={exporter.job} onSaveAgain={() => void exporter.saveAgain()} onReset={exporter.reset} />
      </div>
    </div>
  );
}

interface FormProps {
  readonly values: ExportFormValues;
  readonly tenants: readonly { readonly id: string; readonly name: string; readonly slug: string }[];
  readonly error: { readonly field: keyof ExportFormValues; readonly message: string } | null;
  readonly running: boolean;
  readonly connectivity: Connectivity;
  readonly onChange: (values: ExportFormValues) => void;
  readonly onSubmit: (event: FormEvent) => void;
}

function ExportForm({ values, tenants, error, running, connectivity, onChange, onSubmit }: FormProps) {
  const ids = { tenant: useId(), from: useId(), to: useId(), actions: useId(), actionsHint: useId(), report: useId(), error: useId() };
  const set = (patch: Partial<ExportFormValues>) => onChange({ ...values, ...patch });
  const toggleOutcome = (outcome: string, on: boolean) => set({ outcomes: on ? [...values.outcomes, outcome] : values.outcomes.filter((o) => o !== outcome) });
  const invalid = (field: keyof ExportFormValues) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': ids.error } : {});
  return (
    <form className="export-form" aria-label="What to export" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={ids.tenant}>Tenant</label>
        <select id={ids.tenant} value={values.tenantId} onChange={(e) => set({ tenantId: e.target.value })} {...invalid('tenantId')}>
          {tenants.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.slug})
            </option>
          ))}
        </select>
      </div>
      <div className="export-period">
        <div className="field">
          <label htmlFor={ids.from}>From (inclusive, your time)</label>
          <input id={ids.from} type="datetime-local" value={values.from} onChange={(e) => set({ from: e.target.value })} {...invalid('from')} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To (exclusive, your time)</label>
          <input id={ids.to} type="datetime-local" value={values.to} onChange={(e) => set({ to: e.target.value })} {...invalid('to')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.actions}>Actions (optional)</label>
        <input id={ids.actions} type="text" spellCheck={false} placeholder="e.g. role.assign, user.update" value={values.actions} aria-describedby={ids.actionsHint} onChange={(e) => set({ actions: e.target.value })} {...invalid('actions')} />
        <span id={ids.actionsHint} className="muted small">Exact action names, separated by commas. Empty: every action.</span>
      </div>
      <fieldset className="field export-outcomes">
        <legend>Outcomes</legend>
        <div className="export-checks">
          {OUTCOMES.map((o) => (
            <label key={o} className="check">
              <input type="checkbox" checked={values.outcomes.includes(o)} onChange={(e) => toggleOutcome(o, e.target.checked)} /> {o}
            </label>
          ))}
        </div>
        <span className="muted small">None ticked: every outcome.</span>
      </fieldset>
      <div className="field">
        <label htmlFor={ids.report}>Report to include (PDF)</label>
        <select id={ids.report} value={values.report} onChange={(e) => set({ report: e.target.value })} {...invalid('report')}>
          <option value="">No report</option>
          {REPORT_TEMPLATES.map((t) => (
            <option key={t} value={t}>
              {TEMPLATE_LABELS[t].name}
            </option>
          ))}
        </select>
      </div>
      {error !== null && (
        <p id={ids.error} className="export-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="export-actions">
        <button type="submit" className="primary" disabled={running || connectivity.status === 'checking'}>
          {running ? 'Exporting…' : connectivity.status === 'offline' ? 'Export offline' : 'Export signed bundle'}
        </button>
      </div>
    </form>
  );
}

function ConnectivityNote({ connectivity, onRetry }: { readonly connectivity: Connectivity; readonly onRetry: () => void }) {
  if (connectivity.status === 'checking') return <p className="export-note muted">Asking the server for its latest signed checkpoint…</p>;
  if (connectivity.status === 'online') return <p className="export-note">Connected: the server will attest the scope and prove every event against a fresh signed checkpoint.</p>;
  return (
    <div className="export-note export-offline" role="status">
      <p>
        <strong>Offline.</strong> {connectivity.reason} Events are proven only where this device holds proofs from an earlier export
        {connectivity.treeSize === null ? ' (none yet for this tenant)' : ` (checkpoint of ${connectivity.treeSize.toLocaleString()} entries)`}; the bundle will say the scope is not attested.
      </p>
      <button type="button" onClick={onRetry}>
        Try the server again
      </button>
    </div>
  );
}

function PreviewPanel({ preview, connectivity }: { readonly preview: PreviewState; readonly connectivity: Connectivity }) {
  if (preview.status === 'none') return null;
  if (preview.status === 'failed') return <StateMessage title="The preview could not be read" tone="error"><p>{preview.reason}</p></StateMessage>;
  if (preview.status === 'reading') return <section className="export-preview" aria-label="Preview"><p className="muted">Counting events in your replica…</p></section>;
  const p = preview.preview;
  const provenLabel =
    p.treeSize === null
      ? 'Proven (no signed checkpoint known yet)'
      : connectivity.status === 'offline'
        ? `Proven by proofs cached on this device (checkpoint of ${p.treeSize.toLocaleString()} entries)`
        : `Inside the latest signed checkpoint (${p.treeSize.toLocaleString()} entries)`;
  return (
    <section className="export-preview" aria-label="Preview">
      <h2>In this scope</h2>
      <dl className="export-figures">
        <div>
          <dt>Events in your replica</dt>
          <dd data-testid="preview-events">{p.events.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{provenLabel}</dt>
          <dd data-testid="preview-proven">{p.proven.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{connectivity.status === 'offline' ? 'Without a cached proof (exported as unproven)' : 'Not yet in a signed checkpoint'}</dt>
          <dd data-testid="preview-not-yet">{p.notYet.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Estimated size</dt>
          <dd>{formatBytes(p.estimatedBytes)}</dd>
        </div>
      </dl>
      <p className="muted small">
        {connectivity.status === 'online'
          ? 'The server proves its own copy of every event in scope; events it has not received yet are added and marked unproven.'
          : 'Events without a cached proof are exported and marked unproven in the manifest — never presented as proven.'}
      </p>
    </section>
  );
}
