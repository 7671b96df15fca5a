import { explain, type RoleAssignment, type TenantPolicy, type User } from '@steward/domain';
import { useId, useMemo } from 'react';
import { decisionWords } from '../../people/decision-words.ts';
import type { Directory } from '../../people/directory.ts';
import type { PermissionGroup } from '../../people/permission-matrix.ts';
import { dayText, expiryText } from '../users/expiry-text.ts';

export interface ExplainQuery {
  readonly userId: string;
  readonly permission: string;
}

/** "Why can / can't this person do X here?": the domain's explain, in words. */
export function ExplainPanel({
  tenantId,
  people,
  policy,
  assignments,
  directory,
  groups,
  query,
  onChange,
  nowMs,
}: {
  readonly tenantId: string;
  readonly people: readonly User[];
  readonly policy: TenantPolicy;
  readonly assignments: readonly RoleAssignment[];
  readonly directory: Directory;
  readonly groups: readonly PermissionGroup[];
  readonly query: ExplainQuery;
  readonly onChange: (query: ExplainQuery) => void;
  readonly nowMs: number;
}) {
  const ids = { user: useId(), permission: useId(), title: useId() };
  const words = useMemo(() => {
    if (query.userId === '' || query.permission === '') return null;
    const decision = explain(policy, { userId: query.userId }, query.permission, { tenantId }, nowMs);
    return decisionWords(decision, { directory, policy, assignments, formatDate: dayText, formatExpiry: expiryText });
  }, [policy, query, tenantId, nowMs, directory, assignments]);

  return (
    <section className="explain-panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>Why can — or can’t — someone do this?</h2>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={ids.user}>Person</label>
          <select id={ids.user} value={query.userId} onChange={(e) => onChange({ ...query, userId: e.target.value })}>
            <option value="">Choose a person…</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.permission}>Permission</label>
          <select id={ids.permission} value={query.permission} onChange={(e) => onChange({ ...query, permission: e.target.value })}>
            <option value="">Choose a permission…</option>
            {groups.map((g) => (
              <optgroup key={g.resource} label={g.resource}>
                {g.permissions.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>
      <div className="explain-result" aria-live="polite">
        {words === null ? (
          <p className="muted">Choose a person and a permission (or a column of the matrix) to see which grant gives it, or why nothing does.</p>
        ) : (
          <div className={words.allowed ? 'verdict verdict-yes' : 'verdict verdict-no'} data-allowed={words.allowed}>
            <p className="verdict-headline">{words.headline}</p>
            <ul>
              {words.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            {!words.allowed && (
              <p className="muted">
                {words.rolesWithIt.length === 0 ? 'No role in this tenant includes it.' : `Roles here that include it: ${words.rolesWithIt.join(', ')}.`}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
