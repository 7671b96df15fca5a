import type { DomainIssue, RoleAssignment } from '@steward/domain';
import { useEffect, useId, useRef, useState } from 'react';
import type { Directory } from '../../people/directory.ts';
import { revokeWithReason } from '../../people/revoke.ts';
import { newDocumentId } from '../../replica/ids.ts';
import type { LocalWriter } from '../../replica/local-writes.ts';
import { IssueList } from './IssueList.tsx';

/**
 * Revoking asks why, and first asks the domain: a revoke that would leave
 * the tenant without an admin (or is refused for any other reason) is
 * shown here and cannot be confirmed, so nothing is written or sent. The
 * reason goes into the audit trail with the revoke (people/revoke.ts).
 */
export function RevokeConfirm({
  assignment,
  roleName,
  userName,
  actorId,
  writer,
  directory,
  onRevoked,
  onCancel,
}: {
  readonly assignment: RoleAssignment;
  readonly roleName: string;
  readonly userName: string;
  readonly actorId: string;
  readonly writer: LocalWriter;
  readonly directory: Directory;
  readonly onRevoked: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const ids = { reason: useId(), issues: useId() };
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<readonly DomainIssue[] | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    writer.check('roleAssignments', { ...assignment, _deleted: true }).then(
      (found) => current && setIssues(found),
      (e: unknown) => current && setFailure(`The change could not be checked: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      current = false;
    };
  }, [writer, assignment]);

  const refused = issues !== null && issues.length > 0;
  // With nothing to type, focus goes to Cancel, so Escape and Enter work from the keyboard at once.
  useEffect(() => {
    if (refused) cancelRef.current?.focus();
  }, [refused]);
  const blank = reason.trim() === '';
  const confirm = async (): Promise<void> => {
    setSending(true);
    setFailure(null);
    try {
      const result = await revokeWithReason(writer, assignment, { reason: reason.trim(), actorId, eventId: newDocumentId(), at: new Date().toISOString() });
      if (result.ok) onRevoked(reason.trim());
      else setIssues(result.issues);
    } catch (e) {
      setFailure(`The revoke could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="revoke-confirm"
      aria-label={`Revoke ${roleName} from ${userName}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!refused && !blank && !sending) void confirm();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <p>
        Revoke <strong>{roleName}</strong> from <strong>{userName}</strong>?
      </p>
      {issues === null && failure === null && <p className="muted">Checking…</p>}
      <IssueList id={ids.issues} issues={issues ?? []} directory={directory} lead="This revoke would be refused, so it cannot be made:" />
      {!refused && (
        <div className="field">
          <label htmlFor={ids.reason}>Reason for revoking</label>
          <input id={ids.reason} value={reason} autoFocus maxLength={500} placeholder="e.g. Left the security rota" onChange={(e) => setReason(e.target.value)} />
          <span className="hint muted">Shown in this session’s changes below; role assignments have no field for a revoke reason, so it is not sent to the server.</span>
        </div>
      )}
      {failure !== null && <p className="form-error" role="alert">{failure}</p>}
      <div className="form-actions">
        <button type="submit" className="danger" disabled={refused || blank || sending || issues === null} aria-describedby={refused ? ids.issues : undefined}>
          {sending ? 'Revoking…' : 'Revoke'}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
