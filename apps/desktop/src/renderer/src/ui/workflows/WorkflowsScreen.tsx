/**
 * Approvals: the inbox of pending requests the signed-in person may decide,
 * their own requests, other pending requests (with why they cannot decide
 * them), and the history of decided runs — all from the replica, so it works
 * offline; each decision shows whether it is saved locally, synced or
 * rejected by the server.
 */
import type { DomainIssue, WorkflowRun } from '@steward/domain';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ReplicaDatabase } from '../../replica/database.ts';
import type { LocalWriter } from '../../replica/local-writes.ts';
import type { ChangeStatus } from '../../replica/change-status.ts';
import type { PendingEntry } from '../../workflows/inbox.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { StateMessage } from '../StateMessage.tsx';
import { useNow } from '../use-now.ts';
import { useWriter, WithReplica } from '../use-replica.tsx';
import { RequestForm } from './RequestForm.tsx';
import { RunDetails } from './RunDetails.tsx';
import { RunHistoryTable } from './RunHistoryTable.tsx';
import { RunList, type RunListItem } from './RunList.tsx';
import { useChangeTracker, type ChangeTracker } from '../sync/use-change-tracker.ts';
import { useWorkflowData, type WorkflowData } from './use-workflow-data.ts';
import './data-table.css';
import './workflows.css';

/** One empty list for runs nothing blocks, so the decision check does not re-run on every render. */
const NO_BLOCKERS: readonly DomainIssue[] = [];

type Tab = 'inbox' | 'mine' | 'others' | 'history';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'mine', label: 'My requests' },
  { id: 'others', label: 'Other pending' },
  { id: 'history', label: 'History' },
];

export function WorkflowsScreen() {
  return (
    <section className="screen workflows-screen" aria-labelledby="workflows-title">
      <WithReplica>{(db) => <WorkflowsView db={db} />}</WithReplica>
    </section>
  );
}

function WorkflowsView({ db }: { readonly db: ReplicaDatabase }) {
  const { sessionStore } = useAppServices();
  const userId = useSlice(sessionStore, (s) => s.session?.user.id ?? '');
  const nowMs = useNow(60_000);
  const state = useWorkflowData(db, userId, nowMs);
  const writer = useWriter(db);
  const changes = useChangeTracker();
  const [tab, setTab] = useState<Tab>('inbox');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);

  const title = (
    <div className="screen-title">
      <h1 id="workflows-title">Approvals</h1>
      {state.status === 'ready' && (
        <button type="button" className="new-request" onClick={() => setRequesting(true)}>
          New request
        </button>
      )}
    </div>
  );
  if (state.status === 'loading') return (<>{title}<StateMessage title="Reading requests from your replica…" tone="loading" /></>);
  if (state.status === 'error') return (<>{title}<StateMessage title="Requests could not be read" tone="error"><p>{state.error}</p></StateMessage></>);
  const { data } = state;
  const counts: Record<Tab, number> = { inbox: data.selection.inbox.length, mine: data.selection.mine.length, others: data.selection.otherPending.length, history: data.selection.history.length };

  const select = (id: string) => {
    setRequesting(false);
    setSelectedId(id);
  };
  const created = (run: WorkflowRun) => {
    setRequesting(false);
    setTab('mine');
    setSelectedId(run.id);
  };

  return (
    <>
      {title}
      <Tabs tab={tab} counts={counts} onChange={setTab} />
      <div className={`workflows-body${selectedId !== null || requesting ? ' with-details' : ''}`} id={`workflows-panel-${tab}`} role="tabpanel" aria-labelledby={`workflows-tab-${tab}`}>
        <div className="workflows-main">
          <TabContent tab={tab} data={data} selectedId={selectedId} onSelect={select} statusOf={(id) => changes.statusOf('workflowRuns', id)} />
        </div>
        {requesting ? (
          <RequestForm workflows={data.workflows} userId={userId} writer={writer} changes={changes} tenantName={data.tenantName} onCreated={created} onCancel={() => setRequesting(false)} />
        ) : (
          <SelectedRun data={data} selectedId={selectedId} userId={userId} writer={writer} changes={changes} />
        )}
      </div>
    </>
  );
}

function Tabs({ tab, counts, onChange }: { readonly tab: Tab; readonly counts: Readonly<Record<Tab, number>>; readonly onChange: (tab: Tab) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const at = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(at + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (next === undefined) return;
    event.preventDefault();
    onChange(next.id);
    event.currentTarget.querySelector<HTMLButtonElement>(`#workflows-tab-${next.id}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Requests" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button key={t.id} type="button" role="tab" id={`workflows-tab-${t.id}`} aria-selected={t.id === tab} aria-controls={`workflows-panel-${t.id}`} tabIndex={t.id === tab ? 0 : -1} className={t.id === tab ? 'tab active' : 'tab'} onClick={() => onChange(t.id)}>
          {t.label} <span className="tab-count">{counts[t.id]}</span>
        </button>
      ))}
    </div>
  );
}

interface ContentProps {
  readonly tab: Tab;
  readonly data: WorkflowData;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly statusOf: (id: string) => ChangeStatus | null;
}

const EMPTY: Readonly<Record<Tab, [string, string]>> = {
  inbox: ['Nothing waits for your decision', 'Requests you may approve appear here as they arrive, also while you are offline.'],
  mine: ['You have not requested anything', 'Use "New request" to ask for access or an export.'],
  others: ['No other pending requests', 'Requests you cannot decide (your own, or steps needing another role) would be listed here.'],
  history: ['No decided requests yet', 'Approved and rejected requests are kept here with their approver chain.'],
};

function TabContent({ tab, data, selectedId, onSelect, statusOf }: ContentProps) {
  const items = useMemo((): RunListItem[] => {
    const pendingItem = (e: PendingEntry, note?: string): RunListItem => ({ run: e.run, workflowName: e.workflow?.name ?? 'Unknown workflow', ...(note === undefined ? {} : { note }) });
    if (tab === 'inbox') return data.selection.inbox.map((e) => pendingItem(e, e.step === null ? undefined : `Waiting on: ${e.step.name}`));
    if (tab === 'others') return data.selection.otherPending.map((e) => pendingItem(e, e.blockers[0]?.message));
    return data.selection.mine.map((run) => ({ run, workflowName: data.workflowsById.get(run.workflowId)?.name ?? 'Unknown workflow' }));
  }, [tab, data]);
  const count = tab === 'history' ? data.selection.history.length : items.length;
  if (count === 0) {
    const [title, hint] = EMPTY[tab];
    return (
      <StateMessage title={title} tone="empty">
        <p>{hint}</p>
      </StateMessage>
    );
  }
  if (tab === 'history') return <RunHistoryTable runs={data.selection.history} workflowsById={data.workflowsById} selectedId={selectedId} onSelect={onSelect} statusOf={statusOf} userLabel={data.userLabel} userName={data.userName} tenantName={data.tenantName} />;
  return <RunList label={TABS.find((t) => t.id === tab)?.label ?? tab} items={items} selectedId={selectedId} onSelect={onSelect} statusOf={statusOf} userLabel={data.userLabel} tenantName={data.tenantName} />;
}

function SelectedRun({ data, selectedId, userId, writer, changes }: { readonly data: WorkflowData; readonly selectedId: string | null; readonly userId: string; readonly writer: LocalWriter; readonly changes: ChangeTracker }) {
  if (selectedId === null) return null;
  const { selection } = data;
  const pending = [...selection.inbox, ...selection.otherPending].find((e) => e.run.id === selectedId);
  const run = pending?.run ?? selection.mine.find((r) => r.id === selectedId) ?? selection.history.find((r) => r.id === selectedId);
  if (run === undefined) {
    return (
      <aside className="details" aria-label="Request details">
        <p className="muted">This request is no longer in your replica.</p>
      </aside>
    );
  }
  return <RunDetails run={run} workflow={data.workflowsById.get(run.workflowId)} blockers={pending?.blockers ?? NO_BLOCKERS} userId={userId} writer={writer} changes={changes} userLabel={data.userLabel} userName={data.userName} tenantName={data.tenantName} />;
}
