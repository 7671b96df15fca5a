import { useEffect, useMemo, useState } from 'react';
import { liveCollection, replicaSource } from '../replica/live-collection.ts';
import type { ReplicaDatabase } from '../replica/database.ts';
import { toAuditRow, userLabels, type AuditRow } from './audit-row.ts';

type Docs = readonly Readonly<Record<string, unknown>>[];

export interface AuditRowsState {
  /** null until the replica has been read once. */
  readonly rows: readonly AuditRow[] | null;
  readonly error: string | null;
  /** Tenant names by id, for the details panel. */
  readonly tenantNames: ReadonlyMap<string, string>;
  /** User labels by id, for naming reviewers. */
  readonly userNames: ReadonlyMap<string, string>;
}

/** Every audit event in the replica, kept current; redrawn at most a few times a second while syncing. */
export function useAuditRows(db: ReplicaDatabase): AuditRowsState {
  const [events, setEvents] = useState<Docs | null>(null);
  const [users, setUsers] = useState<Docs>([]);
  const [tenants, setTenants] = useState<Docs>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const fail = (e: unknown): void => setError(`The local replica could not be read: ${e instanceof Error ? e.message : String(e)}`);
    const eventsSub = liveCollection(replicaSource(db.collections.auditEvents), (d) => d.id, 400).subscribe({ next: setEvents, error: fail });
    const usersSub = liveCollection(replicaSource(db.collections.users), (d) => d.id, 400).subscribe({ next: setUsers, error: fail });
    const tenantsSub = liveCollection(replicaSource(db.collections.tenants), (d) => d.id, 400).subscribe({ next: setTenants, error: fail });
    return () => {
      eventsSub.unsubscribe();
      usersSub.unsubscribe();
      tenantsSub.unsubscribe();
    };
  }, [db]);

  const labels = useMemo(() => userLabels(users), [users]);
  const rows = useMemo(() => (events === null ? null : events.map((doc) => toAuditRow(doc, labels))), [events, labels]);
  const tenantNames = useMemo(() => new Map(tenants.map((t) => [String(t['id']), typeof t['name'] === 'string' ? t['name'] : String(t['id'])])), [tenants]);
  return { rows, error, tenantNames, userNames: labels };
}
