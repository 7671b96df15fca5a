import { parseDocument } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { conflictsToReplica, isEviction, toReplicaDocuments, toServerRows, type ReplicaDocument } from './documents.ts';
import { OFFICER, auditEvent, officer } from './fixtures.ts';

const noLocal = () => Promise.resolve(new Map<string, Readonly<Record<string, unknown>>>());

describe('fixtures', () => {
  it('are valid domain documents', () => {
    expect(parseDocument('auditEvents', auditEvent(1)).ok).toBe(true);
    expect(parseDocument('users', officer()).ok).toBe(true);
  });
});

describe('toReplicaDocuments', () => {
  it('maps server documents to the replica form (serverRevision, tenantId key)', async () => {
    const platformUser = officer({ tenantId: null, revision: 7 });
    const [doc] = await toReplicaDocuments('users', [platformUser], noLocal);
    expect(doc).toMatchObject({ id: OFFICER, serverRevision: 7, tenantId: '', _deleted: false, email: 'officer@acme.example' });
    expect(doc).not.toHaveProperty('revision');
  });

  it('turns an eviction into a deletion of the local copy, keeping its fields so it fits the schema', async () => {
    const held = { ...(await toReplicaDocuments('users', [officer()], noLocal))[0], _rev: '1-abc', _meta: { lwt: 1 }, _attachments: {} };
    const eviction = { id: OFFICER, _deleted: true, _evicted: true } as const;
    expect(isEviction(eviction)).toBe(true);
    const [doc] = await toReplicaDocuments('users', [eviction], (ids) => Promise.resolve(new Map(ids.map((id) => [id, held]))));
    expect(doc).toMatchObject({ id: OFFICER, _deleted: true, email: 'officer@acme.example', serverRevision: 3 });
    expect(doc).not.toHaveProperty('_rev');
    expect(doc).not.toHaveProperty('_meta');
    expect(doc).not.toHaveProperty('_evicted');
  });

  it('drops an eviction of something the replica never held, and asks for evicted ids only', async () => {
    const asked: string[][] = [];
    const docs = await toReplicaDocuments('auditEvents', [auditEvent(1), { id: 'gone', _deleted: true, _evicted: true }], (ids) => {
      asked.push([...ids]);
      return Promise.resolve(new Map());
    });
    expect(docs.map((d) => d.id)).toEqual([auditEvent(1).id]);
    expect(asked).toEqual([['gone']]);
  });

  it('passes a server tombstone through as a deletion', async () => {
    const [doc] = await toReplicaDocuments('users', [officer({ _deleted: true })], noLocal);
    expect(doc?._deleted).toBe(true);
  });
});

describe('toServerRows', () => {
  it('maps replica rows back to domain documents, echoing the assumed master state', async () => {
    const [master] = await toReplicaDocuments('users', [officer()], noLocal);
    if (master === undefined) throw new Error('no document');
    const edited: ReplicaDocument = { ...master, displayName: 'Olivia O.' };
    const { rows, refused } = toServerRows('users', [{ assumedMasterState: master, newDocumentState: edited }, { newDocumentState: edited }]);
    expect(refused).toEqual([]);
    expect(rows[0]?.assumedMasterState).toEqual(officer());
    expect(rows[0]?.newDocumentState).toEqual(officer({ displayName: 'Olivia O.' }));
    expect(rows[1]?.assumedMasterState).toBeNull();
  });

  it('reports a local document the domain cannot read instead of sending it', async () => {
    const [master] = await toReplicaDocuments('users', [officer()], noLocal);
    if (master === undefined) throw new Error('no document');
    const { rows, refused } = toServerRows('users', [{ newDocumentState: { ...master, email: 'not-an-email' } }]);
    expect(rows).toEqual([]);
    expect(refused).toEqual([{ id: OFFICER, code: 'INVALID', reason: expect.stringContaining('email') as unknown }]);
  });
});

describe('conflictsToReplica', () => {
  it("maps the server's master copies and ignores anything that is not a document", () => {
    const docs = conflictsToReplica('users', [officer({ revision: 9 }), 'junk', null, { no: 'id' }]);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ id: OFFICER, serverRevision: 9 });
  });
});
