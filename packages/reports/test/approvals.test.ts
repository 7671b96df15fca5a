import { describe, expect, it } from 'vitest';
import { generate, rowsOf } from './helpers.ts';
import { id, label } from './world.ts';

const WORKFLOW = 'Privileged access request';

describe('approvals', () => {
  const model = generate('approvals');

  it('lists each run with its requester and approver chain in decision order', () => {
    expect(rowsOf(model, 'runs')).toEqual([
      ['Acme Corp', WORKFLOW, 'Before the period', label.dave, '2024-03-10T10:00:00.000Z', 'rejected', `${label.carol}: reject (Officer approval, 2024-03-11T10:00:00.000Z)`, '2024-03-11T10:00:00.000Z', false, id(53)],
      ['Acme Corp', WORKFLOW, 'Admin for INC-9', label.dave, '2024-05-02T10:00:00.000Z', 'approved', `${label.carol}: approve (Officer approval, 2024-05-02T10:30:00.000Z) → ${label.bob}: approve (Officer approval, 2024-05-02T11:00:00.000Z)`, '2024-05-02T11:00:00.000Z', false, id(50)],
      ['Acme Corp', WORKFLOW, 'Admin for myself', label.bob, '2024-05-04T10:00:00.000Z', 'approved', `${label.bob}: approve (Officer approval, 2024-05-04T10:05:00.000Z)`, '2024-05-04T10:05:00.000Z', true, id(51)],
      ['Acme Corp', WORKFLOW, 'Admin for the audit', label.erin, '2024-05-10T10:00:00.000Z', 'pending', '', null, false, id(52)],
    ]);
  });

  it('lists every decision on its own row', () => {
    expect(rowsOf(model, 'decisions')).toEqual([
      ['Acme Corp', WORKFLOW, id(53), 'Officer approval', label.carol, 'reject', '2024-03-11T10:00:00.000Z', 'ok', false],
      ['Acme Corp', WORKFLOW, id(50), 'Officer approval', label.carol, 'approve', '2024-05-02T10:30:00.000Z', 'ok', false],
      ['Acme Corp', WORKFLOW, id(50), 'Officer approval', label.bob, 'approve', '2024-05-02T11:00:00.000Z', 'ok', false],
      ['Acme Corp', WORKFLOW, id(51), 'Officer approval', label.bob, 'approve', '2024-05-04T10:05:00.000Z', 'ok', true],
    ]);
  });

  it('keeps runs requested in the period and in the chosen states', () => {
    const may = generate('approvals', { from: '2024-05-01T00:00:00.000Z', filters: { states: ['approved'] } });
    expect(rowsOf(may, 'runs').map((r) => r[9])).toEqual([id(50), id(51)]);
  });
});
