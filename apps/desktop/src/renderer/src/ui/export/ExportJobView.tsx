/** The export in progress, its failure, or its summary: counts, where it went, its SHA-256, and the command that verifies it. */
import { useState } from 'react';
import type { ExportStage } from '../../export/run-export.ts';
import { formatBytes } from '../../export/export-preview.ts';
import type { JobState } from './use-export-job.ts';

const STAGES: readonly { readonly stage: ExportStage; readonly label: string }[] = [
  { stage: 'key', label: 'Signing key' },
  { stage: 'prepare', label: 'Scope and checkpoint' },
  { stage: 'proofs', label: 'Events and proofs' },
  { stage: 'events', label: 'Replica events' },
  { stage: 'report', label: 'Report' },
  { stage: 'sign', label: 'Check, sign and save' },
];

export function ExportJobView({ job, onSaveAgain, onReset }: { readonly job: JobState; readonly onSaveAgain: () => void; readonly onReset: () => void }) {
  const [copied, setCopied] = useState(false);
  if (job.status === 'idle') return null;
  if (job.status === 'running') {
    const current = STAGES.findIndex((s) => s.stage === job.progress.stage);
    const { done, total } = job.progress;
    return (
      <section className="export-progress" aria-label="Export progress" aria-busy="true">
        <h2>Exporting…</h2>
        <ol className="export-stages">
          {STAGES.map((s, i) => (
            <li key={s.stage} className={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
              {s.label}
            </li>
          ))}
        </ol>
        <p role="status">{job.progress.message}</p>
        {done !== undefined && total !== undefined && total > 0 && (
          <progress max={total} value={done} aria-label="Events fetched">
            {done} of {total}
          </progress>
        )}
      </section>
    );
  }
  if (job.status === 'failed') {
    return (
      <section className="export-progress export-failed" role="alert" aria-label="Export failed">
        <h2>The export failed</h2>
        <p>{job.reason}</p>
        <button type="button" onClick={onReset}>
          Dismiss
        </button>
      </section>
    );
  }
  const { outcome, saved, verify } = job;
  const copy = () => {
    void navigator.clipboard?.writeText(verify).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <section className="export-summary" aria-label="Export summary" aria-live="polite">
      <h2>{saved.saved ? 'Bundle saved' : 'Bundle ready, not saved'}</h2>
      <dl className="export-figures">
        <div className="export-figure-wide">
          <dt>File</dt>
          <dd data-testid="summary-file">{saved.location ?? outcome.fileName}</dd>
        </div>
        <div>
          <dt>Events</dt>
          <dd data-testid="summary-events">{outcome.events.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Proven</dt>
          <dd data-testid="summary-proven">{outcome.proven.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Not yet proven</dt>
          <dd data-testid="summary-unproven">{outcome.unproven.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Completeness</dt>
          <dd>{outcome.attested ? 'attested by the server' : 'not attested (offline)'}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(outcome.bytes.length)}{outcome.hasReport ? ', with report.pdf' : ''}</dd>
        </div>
      </dl>
      <p className="export-hash">
        SHA-256 of the zip: <code>{outcome.sha256}</code>
      </p>
      <div className="export-verify">
        <span>Verify it (no server needed):</span>
        <code data-testid="verify-command">{verify}</code>
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {outcome.unproven > 0 && <p className="export-warning">{outcome.unproven.toLocaleString()} events are not yet in a signed checkpoint; the manifest lists them as unproven. Export again later to prove them.</p>}
      <p className="muted small">{job.audit} The bundle&apos;s VERIFY.md explains the checks in plain language, with the stock sha256sum and openssl commands.</p>
      <div className="export-actions">
        {!saved.saved && (
          <button type="button" className="primary" onClick={onSaveAgain}>
            Save…
          </button>
        )}
        <button type="button" onClick={onReset}>
          New export
        </button>
      </div>
    </section>
  );
}
