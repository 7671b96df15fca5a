import { parseDocument } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { selectRuns } from './inbox.ts';
import { policiesByTenant } from './policies.ts';
import { historyRowOf } from './run-history.ts';
import { ADMIN, GRANTS, MEMBER, NOW, OFFICER, OFFICER_2, PEOPLE, TENANT, grant, run, runId, workflow } from './test-fixtures.ts';

const policies = (grants = GRANTS) => policiesByTenant({ roles: [], roleAssignments: grants, users: PEOPLE }, [TENANT], NOW);
const decided = (n: number, requester: string, approver: string, decision: 'approve' | 'reject', at: string) =>
  run(n, requester, {
    state: decision === 'approve' ? 'approved' : 'rejected',
    currentStep: decision === 'approve' ? 1 : 0,
    approvals: [{ stepId: 'officer-approval', approverId: approver, decision, comment: 'ok', at }],
    history: [
      { at: run(n, requester).history[0]?.at ?? NOW, actorId: requester, event: 'requested', note: '' },
      { at, actorId: approver, event: decision === 'approve' ? 'step.approved' : 'step.rejected', note: 'ok' },
    ],
  });

describe('selectRuns', () => {
  const runs = [run(3, MEMBER), run(1, MEMBER), run(2, OFFICER), decided(4, MEMBER, OFFICER_2, 'approve', '2026-02-20T00:00:00.000Z'), decided(5, ADMIN, OFFICER, 'reject', '2026-02-25T00:00:00.000Z')];

  it('fixtures are valid documents', () => {
    for (const doc of runs) expect(parseDocument('workflowRuns', doc).ok).toBe(true);
    expect(parseDocument('workflows', workflow()).ok).toBe(true);
    for (const doc of PEOPLE) expect(parseDocument('users', doc).ok).toBe(true);
    for (const doc of GRANTS) expect(parseDocument('roleAssignments', doc).ok).toBe(true);
  });

  it('puts pending runs an officer may decide in the inbox, oldest request first, and never their own', () => {
    const selection = selectRuns({ runs, workflows: [workflow()], policies: policies(), userId: OFFICER, now: NOW });
    expect(selection.inbox.map((e) => e.run.id)).toEqual([runId(1), runId(3)]);
    expect(selection.inbox.every((e) => e.blockers.length === 0 && e.step?.id === 'officer-approval')).toBe(true);
    expect(selection.mine.map((r) => r.id)).toEqual([runId(2)]);
    expect(selection.otherPending).toEqual([]);
    expect(selection.history.map((r) => r.id)).toEqual([runId(5), runId(4)]);
  });

  it('lists the officer\'s own pending run for a second officer, not for the requester', () => {
    const selection = selectRuns({ runs, workflows: [workflow()], policies: policies(), userId: OFFICER_2, now: NOW });
    expect(selection.inbox.map((e) => e.run.id)).toEqual([runId(1), runId(2), runId(3)]);
  });

  it('keeps runs a person may not decide out of the inbox, with the domain\'s reason', () => {
    const member = selectRuns({ runs, workflows: [workflow()], policies: policies(), userId: MEMBER, now: NOW });
    expect(member.inbox).toEqual([]);
    expect(member.otherPending.map((e) => e.run.id)).toEqual([runId(2)]);
    expect(member.otherPending[0]?.blockers[0]?.code).toBe('FORBIDDEN');
    expect(member.mine.map((r) => r.id)).toEqual([runId(4), runId(3), runId(1)]);

    // The admin holds workflow:approve, but the step needs the compliance officer role.
    const admin = selectRuns({ runs, workflows: [workflow()], policies: policies(), userId: ADMIN, now: NOW });
    expect(admin.inbox).toEqual([]);
    expect(admin.otherPending[0]?.blockers.map((b) => b.details?.['reason'])).toEqual(['not-a-step-approver']);
  });

  it('drops a run the person has already decided, and one whose approver grant has expired', () => {
    const partly = run(6, MEMBER, { approvals: [{ stepId: 'officer-approval', approverId: OFFICER, decision: 'approve', comment: '', at: NOW }] });
    const wf = workflow({ steps: [{ id: 'officer-approval', name: 'Two officers', kind: 'approval', approverRoleIds: [], minApprovals: 2 }] });
    expect(selectRuns({ runs: [partly], workflows: [wf], policies: policies(), userId: OFFICER, now: NOW }).inbox).toEqual([]);
    expect(selectRuns({ runs: [partly], workflows: [wf], policies: policies(), userId: OFFICER_2, now: NOW }).inbox).toHaveLength(1);

    const lapsed = [...GRANTS.filter((g) => g.userId !== OFFICER_2), grant(OFFICER_2, GRANTS[1]?.roleId ?? '', TENANT, { expiresAt: '2026-02-01T00:00:00.000Z' })];
    expect(selectRuns({ runs: [run(1, MEMBER)], workflows: [workflow()], policies: policies(lapsed), userId: OFFICER_2, now: NOW }).inbox).toEqual([]);
  });

  it('does not offer a run whose workflow is unknown', () => {
    const selection = selectRuns({ runs: [run(1, MEMBER)], workflows: [], policies: policies(), userId: OFFICER, now: NOW });
    expect(selection.inbox).toEqual([]);
    expect(selection.otherPending[0]?.blockers[0]?.details?.['reason']).toBe('no-approval-step');
  });
});

describe('historyRowOf', () => {
  it('names the steps of the approver chain and closes at the last decision', () => {
    const row = historyRowOf(decided(4, MEMBER, OFFICER_2, 'approve', '2026-02-20T00:00:00.000Z'), workflow());
    expect(row.chain).toEqual([{ stepName: 'Compliance officer approval', approverId: OFFICER_2, decision: 'approve', comment: 'ok', at: '2026-02-20T00:00:00.000Z' }]);
    expect(row.requesterId).toBe(MEMBER);
    expect(row.requestedAt).toBe(run(4, MEMBER).history[0]?.at);
    expect(row.closedAt).toBe('2026-02-20T00:00:00.000Z');
    expect(row.workflowName).toBe('Privileged access request');
  });
});
