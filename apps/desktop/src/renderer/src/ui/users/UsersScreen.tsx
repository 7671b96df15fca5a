import { can, type RoleAssignment, type RoleLike, type User } from '@steward/domain';
import { useDeferredValue, useId, useState } from 'react';
import { currentRoleNames, userAssignments, type AssignmentRow } from '../../people/assignment-rows.ts';
import { changeLogFor, type LocalChange } from '../../people/change-log.ts';
import type { Directory } from '../../people/directory.ts';
import { grantableInTenant } from '../../people/roles-in-tenant.ts';
import { searchUsers } from '../../people/tenant-people.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import type { LocalWriter } from '../../replica/local-writes.ts';
import { useSlice } from '../app-services.ts';
import { StateMessage } from '../StateMessage.tsx';
import { useWriter, WithReplica } from '../use-replica.tsx';
import { AssignmentTable } from './AssignmentTable.tsx';
import { ChangesMade } from './ChangesMade.tsx';
import { GrantForm } from './GrantForm.tsx';
import { RevokeConfirm } from './RevokeConfirm.tsx';
import { TenantPicker } from './TenantPicker.tsx';
import { useTenantPeople } from './use-people-data.ts';
import { UserList } from './UserList.tsx';
import './users-screen.css';

/** Users and their role assignments, per tenant: grant and revoke, checked by the domain as you go. */
export function UsersScreen() {
  return (
    <section className="screen users-screen" aria-labelledby="users-title">
      <div className="screen-title">
        <h1 id="users-title">Users and roles</h1>
      </div>
      <WithReplica>{(db) => <UsersWorkspace db={db} />}</WithReplica>
    </section>
  );
}

function UsersWorkspace({ db }: { readonly db: ReplicaDatabase }) {
  const { me, data, error, tenantId, chooseTenant, nowMs, view: tenantView } = useTenantPeople(db);
  const writer = useWriter(db);
  const changeLog = changeLogFor(db);
  const allChanges = useSlice(changeLog, (s) => s.changes);
  const searchId = useId();
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [revokingId, setRevokingId] = useState<string | null>(null);

  if (error !== null) return <StateMessage title="Users could not be read" tone="error"><p>{error}</p></StateMessage>;
  if (data === null) return <StateMessage title="Reading users from the replica…" tone="loading" />;
  if (tenantId === null || tenantView === null || me === null)
    return (
      <>
        <StateMessage title="No tenant to show" tone="empty">
          <p>Your replica holds no tenant you may see. If the first sync is still running, they appear as they arrive; if your access was withdrawn, the server removed them from this device.</p>
        </StateMessage>
        {/* What was changed here stays in view, whatever happened to the tenant since. */}
        <ChangesMade changes={allChanges} directory={data.directory} />
      </>
    );

  const { directory } = data;
  const { roles, policy, people } = tenantView;
  const mayAssign = can(policy, { userId: me.id }, 'role:assign', { tenantId }, nowMs);
  const shown = searchUsers(people, search);
  const selected = people.find((u) => u.id === selectedId) ?? null;
  const tenantChanges = allChanges.filter((c) => c.tenantId === tenantId);
  const latestById = new Map<string, LocalChange>();
  for (const c of [...tenantChanges].reverse()) latestById.set(c.id, c);
  const record = (change: Omit<LocalChange, 'at' | 'collection' | 'tenantId'>): void =>
    changeLog.getState().record({ ...change, collection: 'roleAssignments', tenantId, at: Date.now() });

  return (
    <div className="users-layout">
      <div className="users-side">
        <div className="toolbar">
          <TenantPicker
            tenants={data.tenants}
            value={tenantId}
            onChange={(id) => {
              chooseTenant(id);
              setSelectedId(null);
              setRevokingId(null);
            }}
          />
          <div className="field field-search">
            <label htmlFor={searchId}>Search people</label>
            <input id={searchId} type="search" placeholder="Name or email" value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
        </div>
        <p className="count muted" aria-live="polite">
          {shown.length === people.length ? `${people.length} people` : `${shown.length} of ${people.length} people`}
        </p>
        {people.length === 0 ? (
          <StateMessage title="Nobody in this tenant yet" tone="empty" />
        ) : shown.length === 0 ? (
          <StateMessage title="Nobody matches" tone="empty">
            <p>Try part of a name or an email address.</p>
          </StateMessage>
        ) : (
          <UserList
            label={`People in ${directory.tenantName(tenantId)}`}
            items={shown.map((user) => ({ user, roles: currentRoleNames(data.assignments, user.id, tenantId, nowMs, directory) }))}
            selectedId={selectedId}
            onSelect={(id) => {
              setSelectedId(id);
              setRevokingId(null);
            }}
          />
        )}
      </div>
      <div className="users-detail">
        {selected === null ? (
          <StateMessage title="Choose a person" tone="empty">
            <p>Their current and expired roles show here{mayAssign ? ', with grant and revoke' : ''}.</p>
          </StateMessage>
        ) : (
          <UserDetail
            key={`${tenantId}/${selected.id}`}
            {...{ tenantId, mayAssign, nowMs, writer, directory, revokingId, setRevokingId, record }}
            user={selected}
            actorId={me.id}
            assignments={data.assignments}
            grantable={grantableInTenant(roles)}
            changes={latestById}
          />
        )}
        <ChangesMade changes={tenantChanges} directory={directory} />
      </div>
    </div>
  );
}

interface UserDetailProps {
  readonly user: User;
  readonly tenantId: string;
  readonly actorId: string;
  readonly mayAssign: boolean;
  readonly nowMs: number;
  readonly assignments: readonly RoleAssignment[];
  readonly grantable: readonly RoleLike[];
  readonly writer: LocalWriter;
  readonly directory: Directory;
  readonly changes: ReadonlyMap<string, LocalChange>;
  readonly revokingId: string | null;
  readonly setRevokingId: (id: string | null) => void;
  readonly record: (change: Omit<LocalChange, 'at' | 'collection' | 'tenantId'>) => void;
}

function UserDetail({ user, tenantId, actorId, mayAssign, nowMs, assignments, grantable, writer, directory, changes, revokingId, setRevokingId, record }: UserDetailProps) {
  const { current, expired } = userAssignments(assignments, user.id, tenantId, nowMs, directory);
  const renderRevoke = (row: AssignmentRow) => (
    <RevokeConfirm
      assignment={row.assignment}
      roleName={row.roleName}
      userName={user.displayName}
      actorId={actorId}
      writer={writer}
      directory={directory}
      onCancel={() => setRevokingId(null)}
      onRevoked={(reason) => {
        setRevokingId(null);
        record({ id: row.assignment.id, kind: 'revoke', summary: `Revoked ${row.roleName} from ${user.displayName}`, reason, userId: user.id });
      }}
    />
  );
  return (
    <article className="user-detail" aria-labelledby="user-detail-name">
      <header className="user-detail-head">
        <h2 id="user-detail-name">{user.displayName}</h2>
        <span className="muted">{user.email}</span>
        <span className={`status-tag status-${user.status}`}>{user.status}</span>
        {!user.mfaEnabled && <span className="status-tag status-warn">no MFA</span>}
      </header>
      {current.length === 0 ? (
        <p className="muted">{user.displayName} holds no role in {directory.tenantName(tenantId)} now.</p>
      ) : (
        <AssignmentTable
          caption="Current roles"
          rows={current}
          directory={directory}
          changes={changes}
          revokingId={revokingId}
          renderRevoke={renderRevoke}
          {...(mayAssign ? { onRevoke: (row: AssignmentRow) => setRevokingId(revokingId === row.assignment.id ? null : row.assignment.id) } : {})}
        />
      )}
      {expired.length > 0 && <AssignmentTable caption="Expired roles" rows={expired} directory={directory} changes={changes} />}
      {mayAssign ? (
        <GrantForm
          tenantId={tenantId}
          userId={user.id}
          userName={user.displayName}
          actorId={actorId}
          roles={grantable}
          writer={writer}
          directory={directory}
          onGranted={(doc) => record({ id: doc.id, kind: 'grant', summary: `Granted ${directory.roleName(doc.roleId)} to ${user.displayName}`, reason: doc.reason, userId: user.id })}
        />
      ) : (
        <p className="read-only-note" role="note">
          You can see these roles but not change them: granting and revoking needs role:assign in {directory.tenantName(tenantId)}, which your roles do not include.
        </p>
      )}
    </article>
  );
}
