/** Start a request: pick a workflow, say what and why; the domain checks it like any other write. */
import type { Workflow, WorkflowRun } from '@steward/domain';
import { useId, useState, type FormEvent } from 'react';
import type { LocalWriter } from '../../replica/local-writes.ts';
import { newDocumentId } from '../../replica/ids.ts';
import { newRequest } from '../../workflows/request.ts';
import type { ChangeTracker } from '../sync/use-change-tracker.ts';

interface Props {
  readonly workflows: readonly Workflow[];
  readonly userId: string;
  readonly writer: LocalWriter;
  readonly changes: ChangeTracker;
  readonly tenantName: (id: string | null) => string;
  readonly onCreated: (run: WorkflowRun) => void;
  readonly onCancel: () => void;
}

export function RequestForm({ workflows, userId, writer, changes, tenantName, onCreated, onCancel }: Props) {
  const enabled = workflows.filter((w) => w.enabled);
  const [workflowId, setWorkflowId] = useState(enabled[0]?.id ?? '');
  const [summary, setSummary] = useState('');
  const [reference, setReference] = useState('');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { workflow: useId(), summary: useId(), reference: useId(), justification: useId() };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    const workflow = enabled.find((w) => w.id === workflowId);
    if (workflow === undefined) return setError('Pick a workflow.');
    const draft = newRequest(workflow, { summary, reference, justification }, { id: newDocumentId(), requesterId: userId, at: new Date().toISOString() });
    if (!draft.ok) return setError(draft.reason);
    setBusy(true);
    const stop = changes.track('workflowRuns', draft.run.id);
    try {
      const result = await writer.write('workflowRuns', draft.run);
      if (result.ok) onCreated(result.doc);
      else {
        stop();
        setError([...new Set(result.issues.map((i) => i.message))].join(' '));
      }
    } catch (e: unknown) {
      stop();
      setError(`The request could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  if (enabled.length === 0) {
    return (
      <aside className="details" aria-label="New request">
        <h2>New request</h2>
        <p className="muted">There is no enabled workflow in your replica to request.</p>
        <button type="button" onClick={onCancel}>
          Close
        </button>
      </aside>
    );
  }
  return (
    <aside className="details" aria-label="New request">
      <h2>New request</h2>
      <form className="request-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={ids.workflow}>Workflow</label>
          <select id={ids.workflow} value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
            {enabled.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} — {tenantName(w.tenantId)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.summary}>What you ask for</label>
          <input id={ids.summary} value={summary} maxLength={500} required onChange={(e) => setSummary(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.reference}>Ticket or reference</label>
          <input id={ids.reference} value={reference} maxLength={256} onChange={(e) => setReference(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.justification}>Justification</label>
          <textarea id={ids.justification} rows={3} value={justification} maxLength={4000} onChange={(e) => setJustification(e.target.value)} />
        </div>
        <div className="decision-buttons">
          <button type="submit" className="primary" disabled={busy}>
            Submit request
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </aside>
  );
}
