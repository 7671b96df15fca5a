/**
 * The contract driven by RxDB's own replication (replicateRxCollection), not
 * a hand-written imitation: simulated devices with RxDB memory databases of
 * all ten collections replicate from a real server and back.
 *
 * Open-source RxDB allows 13 open collections per JavaScript process, so a
 * device with all ten is closed before the next opens; devices that must be
 * open together replicate only the collections the test needs.
 */
import { COLLECTIONS, BUILT_IN_ROLE_IDS, fromRxDocument, rxSchemaFor, toRxDocument, type CollectionName, type DocumentOf } from '@steward/domain';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentDoc, userDoc } from '../src/seed/builders.ts';
import { DATABASE_KINDS } from './databases.ts';
import { startHarness, type Client, type Harness } from './harness.ts';
import { WORLD, email } from './world.ts';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
type Checkpoint = Parameters<Client['sync']['pull']['query']>[0]['checkpoint'];

interface Device {
  readonly db: RxDatabase;
  readonly replications: Map<CollectionName, RxReplicationState<Doc, Checkpoint>>;
  readonly rejections: { id: string; code: string; reason: string }[];
  collection(name: CollectionName): RxCollection<Doc>;
  inSync(): Promise<void>;
  close(): Promise<void>;
}

let deviceCount = 0;

async function openDevice(client: Client, names: readonly CollectionName[] = COLLECTIONS): Promise<Device> {
  const db = await createRxDatabase({ name: `device-${++deviceCount}-${Date.now()}`, storage: getRxStorageMemory(), multiInstance: false });
  await db.addCollections(Object.fromEntries(names.map((name) => [name, { schema: rxSchemaFor(name) }])));
  const rejections: Device['rejections'] = [];
  const replications = new Map<CollectionName, RxReplicationState<Doc, Checkpoint>>();
  const collection = (name: CollectionName): RxCollection<Doc> => db.collections[name] as RxCollection<Doc>;
  for (const name of names) {
    const toRx = (doc: Record<string, unknown>): Doc => ({ ...toRxDocument(doc as DocumentOf<typeof name>), _deleted: doc['_deleted'] === true });
    const fromRx = (doc: Doc): DocumentOf<typeof name> => {
      const parsed = fromRxDocument(name, doc);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    };
    const replication = replicateRxCollection<Doc, Checkpoint>({
      collection: collection(name),
      replicationIdentifier: `steward-${name}`,
      // Live: local writes are pushed as they happen; pulls run on reSync() (this test feeds no stream).
      live: true,
      retryTime: 100,
      pull: {
        batchSize: 200,
        handler: async (checkpoint, batchSize) => {
          const page = await client.sync.pull.query({ collection: name, checkpoint: checkpoint ?? null, limit: batchSize });
          const documents: Doc[] = [];
          for (const doc of page.documents) {
            if (doc['_evicted'] === true) {
              const local = await collection(name).findOne(String(doc['id'])).exec();
              if (local !== null) documents.push({ ...local.toMutableJSON(), _deleted: true });
            } else {
              documents.push(toRx(doc));
            }
          }
          return { documents, checkpoint: page.checkpoint };
        },
      },
      push: {
        batchSize: 100,
        handler: async (rows) => {
          const result = await client.sync.push.mutate({
            collection: name,
            rows: rows.map((row) => ({ assumedMasterState: row.assumedMasterState === undefined ? null : fromRx(row.assumedMasterState), newDocumentState: fromRx(row.newDocumentState) })),
          });
          rejections.push(...result.rejections);
          return result.conflicts.map(toRx);
        },
      },
    });
    replication.error$.subscribe((error) => {
      throw error;
    });
    replications.set(name, replication);
  }
  const inSync = async (): Promise<void> => {
    for (const replication of replications.values()) {
      replication.reSync();
      await replication.awaitInSync();
    }
  };
  await inSync();
  return { db, replications, rejections, collection, inSync, close: () => db.close().then(() => undefined) };
}

async function serverIds(client: Client, collection: CollectionName): Promise<string[]> {
  const ids: string[] = [];
  let checkpoint: Checkpoint = null;
  for (;;) {
    const page = await client.sync.pull.query({ collection, checkpoint, limit: 500 });
    ids.push(...page.documents.filter((d) => d['_deleted'] !== true).map((d) => String(d['id'])));
    checkpoint = page.checkpoint;
    if (page.documents.length < 500) return ids.sort();
  }
}

async function localIds(device: Device, collection: CollectionName): Promise<string[]> {
  return (await device.collection(collection).find().exec()).map((d) => d.primary).sort();
}

describe.each(DATABASE_KINDS)('RxDB replication against the server on %s', { timeout: 90_000 }, (kind) => {
  let h: Harness;
  let admin: Client;
  let officer: Client;
  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await h.signIn(email('acme', 'admin'));
    officer = await h.signIn(email('acme', 'officer'));
  });
  afterAll(() => h.close());

  it('replicates all ten collections down, a write up and across, and returns a refused write to the truth', async () => {
    const newcomer = toRxDocument({ ...userDoc('01900000-0000-7000-9000-0000000000e1', WORLD.acme.id, 'rx@acme.test', 'Replicated', '2026-01-01T00:00:00.000Z', 'invited'), revision: 0 });
    const deviceA = await openDevice(admin);
    try {
      for (const collection of COLLECTIONS) expect(await localIds(deviceA, collection), collection).toEqual(await serverIds(admin, collection));
      await deviceA.collection('users').insert({ ...newcomer, _deleted: false });
      await deviceA.inSync();
      expect(await serverIds(admin, 'users')).toContain(newcomer.id);
    } finally {
      await deviceA.close();
    }
    const deviceB = await openDevice(admin);
    try {
      expect(await localIds(deviceB, 'users')).toContain(newcomer.id);
      for (const collection of COLLECTIONS) expect(await localIds(deviceB, collection), collection).toEqual(await serverIds(admin, collection));
    } finally {
      await deviceB.close();
    }

    const officerDevice = await openDevice(officer);
    try {
      const grant = toRxDocument({ ...assignmentDoc('01900000-0000-7000-9000-0000000000e2', WORLD.acme.id, WORLD.acme.member, BUILT_IN_ROLE_IDS.complianceOfficer, WORLD.acme.officer, '2026-01-01T00:00:00.000Z'), revision: 0 });
      await officerDevice.collection('roleAssignments').insert({ ...grant, _deleted: false });
      await officerDevice.inSync();
      expect(officerDevice.rejections).toEqual([expect.objectContaining({ id: grant.id, code: 'FORBIDDEN' })]);
      // RxDB took the server's answer (a tombstone): the refused grant is gone from the replica.
      expect(await localIds(officerDevice, 'roleAssignments')).not.toContain(grant.id);
      expect(await serverIds(admin, 'roleAssignments')).not.toContain(grant.id);
    } finally {
      await officerDevice.close();
    }
  });

  it('ends with both devices equal to the server after conflicting edits', async () => {
    const deviceA = await openDevice(admin, ['users']);
    const deviceB = await openDevice(admin, ['users']);
    try {
      const [a, b] = [deviceA.collection('users'), deviceB.collection('users')];
      const docA = await a.findOne(WORLD.acme.member).exec();
      const docB = await b.findOne(WORLD.acme.member).exec();
      if (docA === null || docB === null) throw new Error('member missing from a replica');
      await docA.incrementalPatch({ displayName: 'Named on A' });
      await docB.incrementalPatch({ displayName: 'Named on B' });
      await deviceA.inSync();
      await deviceB.inSync();
      await deviceA.inSync();
      const server = (await admin.sync.pull.query({ collection: 'users', checkpoint: null, limit: 500 })).documents.find((d) => d.id === WORLD.acme.member) as Record<string, unknown> | undefined;
      const onA = (await a.findOne(WORLD.acme.member).exec())?.toJSON();
      const onB = (await b.findOne(WORLD.acme.member).exec())?.toJSON();
      expect(onA?.['displayName']).toBe(server?.['displayName']);
      expect(onB?.['displayName']).toBe(server?.['displayName']);
      expect(onA?.['serverRevision']).toBe(server?.['revision']);
    } finally {
      await deviceA.close();
      await deviceB.close();
    }
  });
});
