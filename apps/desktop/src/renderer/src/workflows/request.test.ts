import { parseDocument } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { newRequest } from './request.ts';
import { MEMBER, NOW, runId, workflow } from './test-fixtures.ts';

const ctx = { id: runId(9), requesterId: MEMBER, at: NOW };

describe('newRequest', () => {
  it('makes a valid pending run waiting on the first approval step, with the justification in its history', () => {
    const result = newRequest(workflow(), { summary: ' Admin for INC-1 ', reference: 'INC-1', justification: 'Outage.' }, ctx);
    if (!result.ok) throw new Error(result.reason);
    expect(parseDocument('workflowRuns', result.run).ok).toBe(true);
    expect(result.run).toMatchObject({ state: 'pending', currentStep: 0, requesterId: MEMBER, subject: { id: 'INC-1', summary: 'Admin for INC-1' }, approvals: [] });
    expect(result.run.history).toEqual([{ at: NOW, actorId: MEMBER, event: 'requested', note: 'Outage.' }]);
  });

  it('starts at the first approval step and uses the run id as the reference when none is given', () => {
    const wf = workflow({ steps: [{ id: 'prep', name: 'Prepare', kind: 'action', approverRoleIds: [], minApprovals: 1 }, { id: 'ok', name: 'Approve', kind: 'approval', approverRoleIds: [], minApprovals: 1 }] });
    const result = newRequest(wf, { summary: 'x', reference: '', justification: '' }, ctx);
    expect(result.ok && [result.run.currentStep, result.run.subject.id]).toEqual([1, runId(9)]);
  });

  it('refuses an empty summary, a disabled workflow and one without an approval step', () => {
    expect(newRequest(workflow(), { summary: ' ', reference: '', justification: '' }, ctx).ok).toBe(false);
    const disabled = newRequest(workflow({ enabled: false }), { summary: 'x', reference: '', justification: '' }, ctx);
    expect(disabled.ok ? 'made' : disabled.reason).toContain('disabled');
    expect(newRequest(workflow({ steps: [{ id: 'a', name: 'A', kind: 'action', approverRoleIds: [], minApprovals: 1 }] }), { summary: 'x', reference: '', justification: '' }, ctx).ok).toBe(false);
  });
});
