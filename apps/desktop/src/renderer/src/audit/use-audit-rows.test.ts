import { toRxDocument } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { OFFICER, auditEvent, officer } from '../replica/fixtures.ts';
import type { ReplicaDoc } from '../replica/bulk-read.ts';
import { userLabels } from './audit-row.ts';
import { rowOf, sameLabels } from './use-audit-rows.ts';

const doc = (n: number): ReplicaDoc => toRxDocument(auditEvent(n));

describe('audit rows across emissions', () => {
  it('keeps the labels object while no label changes, and gives a new one when a label does', () => {
    const first = sameLabels(userLabels([officer()]));
    expect(sameLabels(userLabels([officer({ revision: 9 })]))).toBe(first);
    const renamed = sameLabels(userLabels([officer({ displayName: 'Olivia Auditor' })]));
    expect(renamed).not.toBe(first);
    expect(renamed.get(OFFICER)).toBe('Olivia Auditor (officer@acme.example)');
  });

  it('makes a document’s row once for the same labels, and again with new labels', () => {
    const labels = sameLabels(userLabels([officer()]));
    const event = doc(1);
    const row = rowOf(event, labels);
    expect(row.actor).toBe('Olivia Officer (officer@acme.example)');
    expect(rowOf(event, labels)).toBe(row);
    expect(rowOf(doc(1), labels)).not.toBe(row); // another read of the same event is another document
    const renamed = sameLabels(userLabels([officer({ displayName: 'Olivia Auditor' })]));
    expect(rowOf(event, renamed).actor).toBe('Olivia Auditor (officer@acme.example)');
  });
});
