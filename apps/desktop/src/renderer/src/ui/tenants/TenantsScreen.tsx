/**
 * Tenants: every tenant the signed-in person can see in the replica, with
 * plan, status, branding, feature flags and quota usage, and one tenant's
 * settings beside the list — editable where the domain allows it.
 */
import { useMemo, useState } from 'react';
import { BUILT_IN_ROLES } from '@steward/domain';
import { createDirectory } from '../../people/directory.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { StateMessage } from '../StateMessage.tsx';
import { useChangeTracker } from '../sync/use-change-tracker.ts';
import { useDocuments, useWriter, WithReplica } from '../use-replica.tsx';
import { TenantEditor } from './TenantEditor.tsx';
import { TenantList } from './TenantList.tsx';
import { useTenantQuotas } from './use-tenant-quotas.ts';
import '../overview/overview.css';
import './tenants.css';

export function TenantsScreen() {
  return (
    <section className="screen tenants" aria-labelledby="tenants-title">
      <div className="screen-title">
        <h1 id="tenants-title">Tenants</h1>
      </div>
      <WithReplica>{(db) => <Tenants db={db} />}</WithReplica>
    </section>
  );
}

function Tenants({ db }: { readonly db: ReplicaDatabase }) {
  const { tenants, quotas, error } = useTenantQuotas(db);
  const writer = useWriter(db);
  const changes = useChangeTracker();
  const statusOf = (tenantId: string) => changes.statusOf('tenants', tenantId);
  const track = (tenantId: string) => changes.track('tenants', tenantId);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const { humanize, rulesVersion } = useHumanize(db);

  if (error !== null) return <StateMessage title="Tenants could not be read" tone="error"><p>{error}</p></StateMessage>;
  if (tenants === null) return <StateMessage title="Reading tenants from this device…" tone="loading" />;
  if (tenants.length === 0)
    return (
      <StateMessage title="No tenants yet" tone="empty">
        <p>None of the tenants you may see has reached this device. They appear here once sync brings them.</p>
      </StateMessage>
    );
  const selected = tenants.find((t) => t.id === chosenId) ?? (tenants.length === 1 ? tenants[0] : undefined);
  return (
    <div className={selected === undefined ? 'tenants-body' : 'tenants-body with-editor'}>
      <div className="tenants-list-scroll">
        <TenantList tenants={tenants} quotas={quotas} selectedId={selected?.id ?? null} statusOf={statusOf} onSelect={setChosenId} />
      </div>
      {selected !== undefined && <TenantEditor key={selected.id} tenant={selected} writer={writer} status={statusOf(selected.id)} track={track} humanize={humanize} rulesVersion={rulesVersion} />}
    </div>
  );
}

/** The domain's messages with names for the ids this replica knows (people, roles, grants, tenants). */
function useHumanize(db: ReplicaDatabase): { humanize: (message: string) => string; rulesVersion: unknown } {
  const users = useDocuments(db, 'users').docs;
  const roles = useDocuments(db, 'roles').docs;
  const assignments = useDocuments(db, 'roleAssignments').docs;
  const tenants = useDocuments(db, 'tenants').docs;
  const humanize = useMemo(() => {
    const directory = createDirectory({ users: users ?? [], roles: [...BUILT_IN_ROLES, ...(roles ?? [])], tenants: tenants ?? [], assignments: assignments ?? [] });
    return (message: string) => directory.humanize(message);
  }, [users, roles, assignments, tenants]);
  const rulesVersion = useMemo(() => [roles, assignments, users], [roles, assignments, users]);
  return { humanize, rulesVersion };
}
