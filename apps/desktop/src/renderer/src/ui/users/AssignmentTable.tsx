import type { ReactNode } from 'react';
import type { AssignmentRow } from '../../people/assignment-rows.ts';
import type { LocalChange } from '../../people/change-log.ts';
import type { Directory } from '../../people/directory.ts';
import { formatLongTime } from '../format.ts';
import { dayText, expiryText } from './expiry-text.ts';
import { ChangeStatusPill } from './ChangeStatusPill.tsx';

const STATE_LABEL = { active: 'In force', scheduled: 'Starts later', expired: 'Expired' } as const;

/** A user's assignments: role, granted by, since, expires, reason; a revoke button per current grant. */
export function AssignmentTable({
  caption,
  rows,
  directory,
  changes,
  onRevoke,
  revokingId,
  renderRevoke,
}: {
  readonly caption: string;
  readonly rows: readonly AssignmentRow[];
  readonly directory: Directory;
  /** Changes made here, by assignment id (the latest). */
  readonly changes: ReadonlyMap<string, LocalChange>;
  /** Absent: the person may not revoke (or the rows are expired). */
  readonly onRevoke?: (row: AssignmentRow) => void;
  readonly revokingId?: string | null;
  readonly renderRevoke?: (row: AssignmentRow) => ReactNode;
}) {
  const withActions = onRevoke !== undefined;
  return (
    <table className="assignment-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Granted by</th>
          <th scope="col">Since</th>
          <th scope="col">Expires</th>
          <th scope="col">Reason</th>
          {withActions && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const a = row.assignment;
          const change = changes.get(a.id);
          return [
            <tr key={a.id} data-assignment-id={a.id} className={`state-${row.state}`}>
              <th scope="row">
                <span className="role-name">{row.roleName}</span>
                {row.state !== 'active' && <span className={`status-tag status-${row.state}`}>{STATE_LABEL[row.state]}</span>}
                {row.platformWide && <span className="status-tag">platform-wide</span>}
                {change !== undefined && <ChangeStatusPill change={change} directory={directory} />}
              </th>
              <td>{row.grantedBy}</td>
              <td>
                <time dateTime={a.validFrom} title={formatLongTime(a.validFrom)}>
                  {dayText(a.validFrom)}
                </time>
              </td>
              <td>
                {a.expiresAt === null ? (
                  <span className="muted">No end</span>
                ) : (
                  <time dateTime={a.expiresAt} title={formatLongTime(a.expiresAt)}>
                    {expiryText(a.expiresAt)}
                  </time>
                )}
              </td>
              <td className="reason-cell">{a.reason}</td>
              {withActions && (
                <td className="actions-cell">
                  {row.platformWide ? (
                    <span className="muted" title="Platform-wide grants are revoked from the platform, not one tenant">—</span>
                  ) : (
                    <button type="button" className="link-button" aria-expanded={revokingId === a.id} onClick={() => onRevoke(row)}>
                      Revoke<span className="visually-hidden"> {row.roleName}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>,
            revokingId === a.id && renderRevoke !== undefined ? (
              <tr key={`${a.id}-revoke`} className="revoke-row">
                <td colSpan={withActions ? 6 : 5}>{renderRevoke(row)}</td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
