import { toRxDocument } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { OFFICER, auditEvent, officer } from '../replica/fixtures.ts';
import type { ReplicaDoc } from '../replica/bulk-read.ts';
import { filterChoicesOf } from './audit-filters.ts';
import { userLabels } from './audit-row.ts';
import { buildAuditRows, buildAuditRowsNow, rowOf, sameLabels } from './build-rows.ts';
import type { Slicer } from './time-slices.ts';

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

/** A slicer whose every look finds the slice used up, counting the slices it started. */
function everyLookDue(onNext: () => void = () => undefined): Slicer & { readonly slices: () => number } {
  let slices = 1;
  return {
    due: () => true,
    next: () => {
      slices += 1;
      onNext();
      return Promise.resolve();
    },
    slices: () => slices,
  };
}

/** Events 0..n-1 in a scrambled order (a fixed permutation), some with other actions and flags. */
function scrambled(n: number): ReplicaDoc[] {
  const docs: ReplicaDoc[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i * 7919) % n;
    docs.push(toRxDocument(auditEvent(k, k % 10 === 0 ? { action: `action.${k % 3}`, complianceFlags: [`F${k % 4}`] } : {})));
  }
  return docs;
}

describe('buildAuditRows', () => {
  const labels = sameLabels(userLabels([officer()]));

  it('gives each document’s row, in their order, and the filter choices of all of them, at once or in slices', async () => {
    const docs = scrambled(1_000);
    const now = buildAuditRowsNow(docs, labels);
    expect(now.rows.map((row) => row.id)).toEqual(docs.map((doc) => doc.id));
    expect(now.choices).toEqual(filterChoicesOf(now.rows));
    expect(now.choices.actions).toEqual(['action.0', 'action.1', 'action.2', 'role.assign']);

    const slicer = everyLookDue();
    const sliced = await buildAuditRows(docs, labels, slicer);
    expect(slicer.slices()).toBeGreaterThan(2);
    expect(sliced?.rows.map((row) => row.id)).toEqual(now.rows.map((row) => row.id));
    expect(sliced?.choices).toEqual(now.choices);
  });

  it('makes each row once: a later build of the same documents reuses them', async () => {
    const docs = scrambled(300);
    const first = await buildAuditRows(docs, labels);
    const again = await buildAuditRows(docs, labels, everyLookDue());
    expect(again?.rows).toEqual(first?.rows);
    expect(again?.rows[5]).toBe(first?.rows[5]);
  });

  it('stops, giving null, when aborted between slices', async () => {
    const building = new AbortController();
    const slicer = everyLookDue(() => building.abort());
    expect(await buildAuditRows(scrambled(1_000), labels, slicer, building.signal)).toBeNull();
    expect(slicer.slices()).toBe(2);
  });

  it('gives no rows and no choices for no documents', async () => {
    expect(await buildAuditRows([], labels, everyLookDue())).toEqual({ rows: [], choices: filterChoicesOf([]) });
  });
});
