import { useMemo, useState } from 'react';
import { buildPermissionMatrix } from '../../people/permission-matrix.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { StateMessage } from '../StateMessage.tsx';
import { WithReplica } from '../use-replica.tsx';
import { TenantPicker } from '../users/TenantPicker.tsx';
import { useTenantPeople } from '../users/use-people-data.ts';
import { ExplainPanel, type ExplainQuery } from './ExplainPanel.tsx';
import { MatrixLegend, PermissionMatrix } from './PermissionMatrix.tsx';
import '../users/users-screen.css';
import './roles-screen.css';

/** Roles and permissions: the matrix with inheritance visible, and "why can / can't" from the domain's explain. */
export function RolesScreen() {
  return (
    <section className="screen roles-screen" aria-labelledby="roles-title">
      <div className="screen-title">
        <h1 id="roles-title">Roles and permissions</h1>
      </div>
      <WithReplica>{(db) => <RolesWorkspace db={db} />}</WithReplica>
    </section>
  );
}

function RolesWorkspace({ db }: { readonly db: ReplicaDatabase }) {
  const { data, error, tenantId, chooseTenant, nowMs, view: tenantView } = useTenantPeople(db);
  const [query, setQuery] = useState<ExplainQuery>({ userId: '', permission: '' });
  const view = useMemo(() => (tenantView === null || tenantId === null ? null : { ...tenantView, matrix: buildPermissionMatrix(tenantView.roles, tenantId) }), [tenantView, tenantId]);

  if (error !== null) return <StateMessage title="Roles could not be read" tone="error"><p>{error}</p></StateMessage>;
  if (data === null) return <StateMessage title="Reading roles from the replica…" tone="loading" />;
  if (tenantId === null || view === null)
    return (
      <StateMessage title="No tenant to show" tone="empty">
        <p>Your replica holds no tenant you may see. If the first sync is still running, they appear as they arrive; if your access was withdrawn, the server removed them from this device.</p>
      </StateMessage>
    );

  return (
    <div className="roles-layout">
      <div className="toolbar">
        <TenantPicker
          tenants={data.tenants}
          value={tenantId}
          onChange={(id) => {
            chooseTenant(id);
            setQuery({ userId: '', permission: query.permission });
          }}
        />
        <p className="count muted">
          {view.matrix.rows.length} roles × {view.matrix.groups.reduce((n, g) => n + g.permissions.length, 0)} permissions
        </p>
      </div>
      {view.matrix.issues.length > 0 && (
        <div className="issue-list" role="alert">
          <p className="issue-lead">The role data has problems; the affected links grant nothing until fixed:</p>
          <ul>
            {view.matrix.issues.map((issue, i) => (
              <li key={i}>{data.directory.humanize(issue.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <MatrixLegend />
      <PermissionMatrix matrix={view.matrix} onPick={(permission) => setQuery({ ...query, permission })} />
      <ExplainPanel
        tenantId={tenantId}
        people={view.people}
        policy={view.policy}
        assignments={data.assignments}
        directory={data.directory}
        groups={view.matrix.groups}
        query={query}
        onChange={setQuery}
        nowMs={nowMs}
      />
    </div>
  );
}
