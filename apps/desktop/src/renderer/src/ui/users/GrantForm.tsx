import type { DomainIssue, RoleAssignment, RoleLike } from '@steward/domain';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Directory } from '../../people/directory.ts';
import { documentToCheck, expiryInstant, grantDocument, type GrantForm as GrantFields } from '../../people/grant-draft.ts';
import { newDocumentId } from '../../replica/ids.ts';
import type { LocalWriter } from '../../replica/local-writes.ts';
import { IssueList } from './IssueList.tsx';

const EMPTY: GrantFields = { roleId: '', expiresOn: '', reason: '' };

/**
 * Grant a role: role, optional last day, required reason. The domain
 * judges the draft on the replica as it is filled in — escalation,
 * separation of duties, the last admin — and the refusal shows here,
 * with the button disabled, before anything is written or sent.
 */
export function GrantForm({
  tenantId,
  userId,
  userName,
  actorId,
  roles,
  writer,
  directory,
  onGranted,
}: {
  readonly tenantId: string;
  readonly userId: string;
  readonly userName: string;
  readonly actorId: string;
  readonly roles: readonly RoleLike[];
  readonly writer: LocalWriter;
  readonly directory: Directory;
  readonly onGranted: (doc: RoleAssignment) => void;
}) {
  const ids = { role: useId(), expires: useId(), reason: useId(), issues: useId(), title: useId() };
  const [fields, setFields] = useState<GrantFields>(EMPTY);
  const [draftId, setDraftId] = useState(() => newDocumentId());
  const [issues, setIssues] = useState<readonly DomainIssue[]>([]);
  const [checking, setChecking] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    setFields(EMPTY);
    setIssues([]);
    setFailure(null);
  }, [userId, tenantId]);

  const expiresAt = expiryInstant(fields.expiresOn);
  const draft = useMemo(
    () => (fields.roleId === '' || expiresAt === undefined ? null : grantDocument(fields, { id: draftId, tenantId, userId, actorId, nowIso: new Date().toISOString() }, expiresAt)),
    [fields, expiresAt, draftId, tenantId, userId, actorId],
  );

  useEffect(() => {
    if (draft === null) {
      setIssues([]);
      return;
    }
    let current = true;
    setChecking(true);
    writer.check('roleAssignments', documentToCheck(draft)).then(
      (found) => {
        if (!current) return;
        setIssues(found);
        setChecking(false);
      },
      (e: unknown) => {
        if (!current) return;
        setFailure(`The grant could not be checked: ${e instanceof Error ? e.message : String(e)}`);
        setChecking(false);
      },
    );
    return () => {
      current = false;
    };
  }, [draft, writer]);

  const blankReason = fields.reason.trim() === '';
  const refused = issues.length > 0;
  const disabled = draft === null || blankReason || refused || checking || sending;
  const set = (patch: Partial<GrantFields>): void => setFields((f) => ({ ...f, ...patch }));

  const submit = async (): Promise<void> => {
    if (draft === null) return;
    setSending(true);
    setFailure(null);
    try {
      // Checked again with the send time: the replica may have changed since the last live check.
      const result = await writer.write('roleAssignments', { ...draft, validFrom: new Date().toISOString() });
      if (!result.ok) {
        setIssues(result.issues);
        return;
      }
      onGranted(result.doc);
      setFields(EMPTY);
      setDraftId(newDocumentId());
    } catch (e) {
      setFailure(`The grant could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="grant-form"
      aria-labelledby={ids.title}
      onSubmit={(e) => {
        e.preventDefault();
        if (!disabled) void submit();
      }}
    >
      <h3 id={ids.title}>Grant a role to {userName}</h3>
      <div className="grant-fields">
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} value={fields.roleId} onChange={(e) => set({ roleId: e.target.value })} aria-describedby={refused ? ids.issues : undefined}>
            <option value="">Choose a role…</option>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.expires}>Last day (optional)</label>
          <input id={ids.expires} type="date" value={fields.expiresOn} onChange={(e) => set({ expiresOn: e.target.value })} aria-invalid={expiresAt === undefined} />
        </div>
        <div className="field field-reason">
          <label htmlFor={ids.reason}>Reason</label>
          <input id={ids.reason} value={fields.reason} maxLength={500} placeholder="Why this person needs the role" onChange={(e) => set({ reason: e.target.value })} />
        </div>
      </div>
      {expiresAt === undefined && <p className="form-error" role="alert">The last day is not a date.</p>}
      <IssueList id={ids.issues} issues={issues} directory={directory} lead="This grant would be refused, so it cannot be sent:" />
      {failure !== null && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={disabled} aria-describedby={refused ? ids.issues : undefined}>
          {sending ? 'Granting…' : 'Grant role'}
        </button>
        <span className="muted hint">
          {draft === null ? 'Choose a role.' : checking ? 'Checking…' : refused ? '' : blankReason ? 'Give a reason: it is kept for access reviews and auditors.' : 'Ready: saved locally at once, then synced.'}
        </span>
      </div>
    </form>
  );
}
