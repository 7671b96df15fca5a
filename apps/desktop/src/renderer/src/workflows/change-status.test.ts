import { describe, expect, it } from 'vitest';
import { createSyncStatusStore } from '../replica/sync-status.ts';
import { describeStatus, statusOfTracked, statusOfUntracked, watchChange, type TrackedChange } from './change-status.ts';

const ID = '01900000-0000-7000-8000-00000000e001';

describe('change status of a local write', () => {
  it('reads saved locally until the push has started and settled, then synced', () => {
    const store = createSyncStatusStore();
    const seen: TrackedChange[] = [];
    const stop = watchChange(store, 'workflowRuns', ID, 1_000, (c) => seen.push(c));
    const status = () => statusOfTracked(seen.at(-1) as TrackedChange, store.getState());
    expect(status()).toEqual({ kind: 'local' });
    store.getState().pushStarted('workflowRuns', [ID]);
    expect(status()).toEqual({ kind: 'local' });
    store.getState().pushSettled('workflowRuns', [ID], 2_000);
    expect(status()).toEqual({ kind: 'synced' });
    stop();
  });

  it('reads synced after a push that started and settled between two renders', () => {
    const store = createSyncStatusStore();
    let change: TrackedChange | undefined;
    watchChange(store, 'workflowRuns', ID, 1_000, (c) => (change = c));
    store.getState().pushStarted('workflowRuns', [ID]);
    store.getState().pushSettled('workflowRuns', [ID], 1_500);
    expect(change && statusOfTracked(change, store.getState())).toEqual({ kind: 'synced' });
  });

  it('reads rejected with the server\'s reason, ignoring refusals of earlier writes and other documents', () => {
    const store = createSyncStatusStore();
    store.getState().rejected('workflowRuns', [{ id: ID, code: 'FORBIDDEN', reason: 'an old refusal' }], 500);
    let change: TrackedChange | undefined;
    watchChange(store, 'workflowRuns', ID, 1_000, (c) => (change = c));
    store.getState().pushStarted('workflowRuns', [ID]);
    store.getState().rejected('workflowRuns', [{ id: 'other', code: 'FORBIDDEN', reason: 'not this one' }], 1_200);
    store.getState().pushSettled('workflowRuns', [ID], 1_200);
    expect(change && statusOfTracked(change, store.getState())).toEqual({ kind: 'synced' });
    store.getState().rejected('workflowRuns', [{ id: ID, code: 'FORBIDDEN', reason: 'requester approves own request' }], 1_300);
    const status = change && statusOfTracked(change, store.getState());
    expect(status).toEqual({ kind: 'rejected', reason: 'requester approves own request' });
    expect(status && describeStatus(status)).toBe('Rejected (requester approves own request)');
  });

  it('for an untracked document, says only what is outstanding', () => {
    const store = createSyncStatusStore();
    expect(statusOfUntracked('workflowRuns', ID, store.getState())).toBeNull();
    store.getState().pushStarted('workflowRuns', [ID]);
    expect(statusOfUntracked('workflowRuns', ID, store.getState())).toEqual({ kind: 'local' });
    expect(statusOfUntracked('reportRuns', ID, store.getState())).toBeNull();
  });

  it('follows the reconcile queue: a conflict, or a refusal kept from an earlier session', () => {
    const view = (kind: 'conflict' | 'rejection') => ({ pending: new Set<string>(), rejections: [], openItems: new Map([[`workflowRuns/${ID}`, kind] as const]) });
    expect(statusOfUntracked('workflowRuns', ID, view('conflict'))).toEqual({ kind: 'conflict' });
    const kept = statusOfUntracked('workflowRuns', ID, view('rejection'));
    expect(kept?.kind).toBe('rejected');
    const tracked: TrackedChange = { collection: 'workflowRuns', id: ID, sinceMs: 0, pushSeen: true };
    expect(statusOfTracked(tracked, view('conflict'))).toEqual({ kind: 'conflict' });
    expect(describeStatus({ kind: 'conflict' })).toContain('Conflict');
  });
});
