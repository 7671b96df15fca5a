/**
 * A locally generated report: what it covers, its tables, a download in
 * every format, and — for a stored definition — recording the run (its
 * artifact's SHA-256) as a reportRuns document, with its sync status.
 */
import type { ReportFormat } from '@steward/domain';
import { useState } from 'react';
import type { LocalWriter } from '../../replica/local-writes.ts';
import { DOWNLOAD_FORMATS } from '../../reports/artifacts.ts';
import { scopeText } from '../../reports/scope-text.ts';
import { useAppServices } from '../app-services.ts';
import { formatCount, formatLongTime, formatTime } from '../format.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';
import type { ChangeTracker } from '../sync/use-change-tracker.ts';
import { ReportTable } from './ReportTable.tsx';
import type { ReportResult, ReportRunner } from './use-report-run.ts';

interface Props {
  readonly result: ReportResult;
  readonly runner: ReportRunner;
  readonly writer: LocalWriter;
  readonly changes: ChangeTracker;
}

export function ReportResultView({ result, runner, writer, changes }: Props) {
  const { model, run, definition } = result;
  const [saving, setSaving] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState(false);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const { platform } = useAppServices();

  const download = async (format: ReportFormat) => {
    setError(null);
    setSavedTo(null);
    setSaving(format);
    try {
      const artifact = await runner.artifact(format);
      // The web console downloads; the desktop asks where with the system's save dialog.
      const saved = await platform.saveFile(artifact.fileName, artifact.bytes, artifact.mediaType);
      if (saved.saved) setSavedTo(saved.location === null ? `${artifact.fileName} downloaded` : `Saved to ${saved.location}`);
    } catch (e: unknown) {
      setError(`The ${format.toUpperCase()} could not be made: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSaving(null);
    }
  };

  const record = async () => {
    if (run === null) return;
    setError(null);
    const stop = changes.track('reportRuns', run.id);
    try {
      const written = await writer.write('reportRuns', run);
      if (written.ok) setRecorded(true);
      else {
        stop();
        setError([...new Set(written.issues.map((i) => i.message))].join(' '));
      }
    } catch (e: unknown) {
      stop();
      setError(`The run could not be recorded: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <article className="report-result" aria-labelledby="report-result-title">
      <header className="report-result-head">
        <div>
          <h2 id="report-result-title">{model.title}</h2>
          <p className="muted small">
            {scopeText(model.scope, formatTime)} · generated {formatLongTime(model.generatedAt)} from {formatCount(result.documents)} local documents in {formatCount(result.tookMs)} ms
          </p>
        </div>
        <div className="downloads-area">
          <div className="downloads" role="group" aria-label="Download">
            {DOWNLOAD_FORMATS.map((format) => (
              <button key={format} type="button" disabled={saving !== null} onClick={() => void download(format)}>
                {saving === format ? 'Preparing…' : `Download ${format.toUpperCase()}`}
              </button>
            ))}
          </div>
          {savedTo !== null && (
            <p className="muted small saved-to" role="status">
              {savedTo}
            </p>
          )}
        </div>
      </header>
      {run !== null && definition !== null && (
        <div className="report-record">
          {recorded ? (
            <span>
              Recorded run of “{definition.name}” · {run.format.toUpperCase()} · SHA-256 <code title={run.sha256 ?? ''}>{run.sha256?.slice(0, 16)}…</code>
            </span>
          ) : (
            <>
              <button type="button" onClick={() => void record()}>
                Record this run
              </button>
              <span className="muted small">Keeps the {run.format.toUpperCase()}&apos;s SHA-256 in the tenant&apos;s report runs (counts toward its monthly quota).</span>
            </>
          )}
          <ChangeStatusBadge status={changes.statusOf('reportRuns', run.id)} withReason />
        </div>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {model.sections.map((section) => (
        <ReportTable key={section.id} section={section} />
      ))}
    </article>
  );
}
