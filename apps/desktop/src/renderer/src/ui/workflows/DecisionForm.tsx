/**
 * Approve or reject a pending run with a comment. Whether the person may is
 * asked of the domain before they try: the writer's check (what the server
 * would refuse) and the step's approval rules; when either says no, both
 * buttons are disabled and the reasons are shown beside them.
 */
import type { DomainIssue, Workflow, WorkflowRun } from '@steward/domain';
import { useEffect, useId, useState } from 'react';
import type { LocalWriter } from '../../replica/local-writes.ts';
import { decideRun, type DecisionKind } from '../../workflows/decide.ts';
import { readableReason } from '../../workflows/readable-reason.ts';
import type { ChangeTracker } from '../sync/use-change-tracker.ts';

interface Props {
  readonly run: WorkflowRun;
  readonly workflow: Workflow | undefined;
  /** What the step's approval rules say against this person deciding (checkApproval); [] when nothing. */
  readonly blockers: readonly DomainIssue[];
  readonly userId: string;
  readonly writer: LocalWriter;
  readonly changes: ChangeTracker;
  /** Names for the user ids in the domain's messages. */
  readonly userName: (id: string) => string;
}

function uniqueMessages(issues: readonly DomainIssue[]): string[] {
  return [...new Set(issues.map((i) => i.message))];
}

export function DecisionForm({ run, workflow, blockers, userId, writer, changes, userName }: Props) {
  const [comment, setComment] = useState('');
  const [reasons, setReasons] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const commentId = useId();
  const reasonsId = useId();

  // Ask the domain, as the writer would, whether this person may decide at all. Re-asked when the
  // replica changes; the last answer stays meanwhile, so a comment being typed is never disabled under the cursor.
  useEffect(() => {
    let live = true;
    const probe = decideRun(run, workflow, { approverId: userId, decision: 'approve', comment: '', at: new Date().toISOString() });
    if (!probe.ok) {
      setReasons([probe.reason]);
      return;
    }
    writer.check('workflowRuns', probe.run).then(
      (issues) => live && setReasons(uniqueMessages([...issues, ...blockers])),
      (e: unknown) => live && setReasons([`The decision could not be checked: ${e instanceof Error ? e.message : String(e)}`]),
    );
    return () => {
      live = false;
    };
  }, [run, workflow, blockers, userId, writer]);

  const decide = async (decision: DecisionKind): Promise<void> => {
    setError(null);
    const decided = decideRun(run, workflow, { approverId: userId, decision, comment, at: new Date().toISOString() });
    if (!decided.ok) {
      setError(decided.reason);
      return;
    }
    setBusy(true);
    const stop = changes.track('workflowRuns', run.id);
    try {
      const result = await writer.write('workflowRuns', decided.run);
      if (!result.ok) {
        stop();
        setError(uniqueMessages(result.issues).join(' '));
      } else {
        setComment('');
      }
    } catch (e: unknown) {
      stop();
      setError(`The decision could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const blocked = reasons === null || reasons.length > 0;
  return (
    <form className="decision-form" aria-label="Decision" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={commentId}>Comment</label>
        <textarea id={commentId} rows={3} value={comment} maxLength={4000} disabled={blocked || busy} placeholder="Why you approve or reject (required to reject)" onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="decision-buttons">
        <button type="button" className="primary" disabled={blocked || busy} aria-describedby={blocked ? reasonsId : undefined} onClick={() => void decide('approve')}>
          Approve
        </button>
        <button type="button" className="danger" disabled={blocked || busy} aria-describedby={blocked ? reasonsId : undefined} onClick={() => void decide('reject')}>
          Reject
        </button>
        {reasons === null && <span className="muted">Checking whether you may decide…</span>}
      </div>
      {reasons !== null && reasons.length > 0 && (
        <div id={reasonsId} className="decision-blocked" role="note" aria-label="Why you cannot decide">
          <strong>You cannot decide this request:</strong>
          <ul>
            {reasons.map((r) => (
              <li key={r}>{readableReason(r, run.id, userName, userId)}</li>
            ))}
          </ul>
        </div>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
