import { useEffect, useState } from 'react';
import type { ReconcileItem } from '../../reconcile/reconcile-item.ts';
import type { ReconcileStore } from '../../reconcile/reconcile-store.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { StateMessage } from '../StateMessage.tsx';
import { WithReplica } from '../use-replica.tsx';
import { usePeopleData } from '../users/use-people-data.ts';
import { ConflictDetails } from './ConflictDetails.tsx';
import { DecidedList } from './DecidedList.tsx';
import { ReconcileList } from './ReconcileList.tsx';
import { RejectionDetails } from './RejectionDetails.tsx';
import { SyncSummary } from './SyncSummary.tsx';
import { useDecisions, useReconcileItems, useReconcileStore } from './use-reconcile.ts';
import './sync-center.css';

/**
 * What the server did not take as it was: refused changes (re-apply, edit
 * and re-submit, or discard) and conflicts (choose mine / theirs / base per
 * field), with the sync counts. Every decision is audited.
 */
export function SyncCenterScreen() {
  return (
    <section className="screen sync-center" aria-labelledby="sync-title">
      <div className="screen-title">
        <h1 id="sync-title">Sync center</h1>
        <span className="muted">Changes the server refused or that changed on both sides wait here for your decision.</span>
      </div>
      <SyncSummary />
      <WithReplica>{(db) => <WithStore db={db} />}</WithReplica>
    </section>
  );
}

function WithStore({ db }: { readonly db: ReplicaDatabase }) {
  const store = useReconcileStore();
  if (store === null) return <StateMessage title="Opening the reconcile list…" tone="loading" />;
  return <SyncWorkspace db={db} store={store} />;
}

function SyncWorkspace({ db, store }: { readonly db: ReplicaDatabase; readonly store: ReconcileStore }) {
  const { open, decided, error } = useReconcileItems(store);
  const people = usePeopleData(db);
  const decisions = useDecisions(db, store);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Keep a selection while there are items: the first one, or the next after a decided one.
  useEffect(() => {
    if (open === null) return;
    if (selectedId !== null && open.some((item) => item.id === selectedId)) return;
    setSelectedId(open[0]?.id ?? null);
  }, [open, selectedId]);

  if (error !== null || people.error !== null)
    return (
      <StateMessage title="The reconcile list could not be read" tone="error">
        <p>{error ?? people.error}</p>
      </StateMessage>
    );
  if (open === null || people.data === null) return <StateMessage title="Reading the reconcile list…" tone="loading" />;
  const directory = people.data.directory;
  const selected = open.find((item) => item.id === selectedId) ?? null;
  const decidedNow = (item: ReconcileItem, what: string): void => {
    setNotice(`${what}. The decision was recorded in the audit log.`);
    setSelectedId(open.find((other) => other.id !== item.id)?.id ?? null);
  };

  return (
    <div className="sync-workspace">
      {notice !== null && (
        <p className="sync-notice" role="status">
          {notice}
        </p>
      )}
      {open.length === 0 ? (
        <StateMessage title="Nothing to reconcile" tone="empty">
          <p>Every change made on this device was taken by the server, or has been decided.</p>
        </StateMessage>
      ) : (
        <div className="sync-body">
          <ReconcileList items={open} selectedId={selectedId} onSelect={setSelectedId} directory={directory} />
          {selected === null ? null : selected.kind === 'conflict' ? (
            <ConflictDetails key={selected.id} db={db} item={selected} directory={directory} decisions={decisions} onDecided={decidedNow} />
          ) : (
            <RejectionDetails key={selected.id} item={selected} directory={directory} decisions={decisions} onDecided={decidedNow} />
          )}
        </div>
      )}
      <DecidedList items={decided} directory={directory} />
    </div>
  );
}
