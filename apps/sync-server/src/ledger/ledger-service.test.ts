/**
 * The ledger service against real databases: reload after a restart, two
 * server processes appending to one PostgreSQL (each through record.ts)
 * and still publishing one tree, and refusal to sign over rewritten leaves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBase64, encodeBase64, verifyCheckpoint, verifyConsistency, type Result } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../test/databases.ts';
import type { OpenedDatabase } from '../db/open-database.ts';
import { loadOrCreateServerKey, type ServerKey } from '../keys/server-key.ts';
import { createServices, type Services } from '../services.ts';
import { DEFAULT_LEDGER_ORIGIN, LedgerService, type SignedCheckpoint } from './ledger-service.ts';
import { ANONYMOUS_ACTOR_ID, recordAuditEvents } from './record.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function testDatabase(kind: 'sqlite' | 'postgres'): TestDatabase {
  const db = createTestDatabase(kind);
  cleanups.push(() => db.dispose());
  return db;
}

async function serverKey(dataDir = mkdtempSync(join(tmpdir(), 'steward-key-'))): Promise<ServerKey> {
  const key = await loadOrCreateServerKey(dataDir, DEFAULT_LEDGER_ORIGIN);
  if (!key.ok) throw new Error(key.error.message);
  return key.value;
}

/** One "server process": its own connection pool, ledger service and services. */
async function startProcess(db: TestDatabase, key: ServerKey): Promise<{ opened: OpenedDatabase; ledger: LedgerService; services: Services }> {
  const opened = await db.open();
  cleanups.push(() => opened.close());
  const ledger = await LedgerService.open({ db: opened.db, key });
  return { opened, ledger, services: createServices({ db: opened.db, dialect: opened.dialect, ledger, serverKey: key, checkpointKey: new Uint8Array(32) }) };
}

async function record(services: Services, n: number, label: string): Promise<void> {
  const event = { tenantId: null, actorId: ANONYMOUS_ACTOR_ID, actorType: 'system', resourceType: 'test', outcome: 'success', context: {}, pii: false } as const;
  await recordAuditEvents(services, Array.from({ length: n }, (_, i) => ({ ...event, action: 'test.event', resourceId: `${label}-${i}` })));
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function verifiedRoot(checkpoint: SignedCheckpoint, verifierKey: string): Promise<Uint8Array> {
  return value(await verifyCheckpoint(checkpoint.note, verifierKey)).rootHash;
}

describe.each(DATABASE_KINDS)('ledger service on %s', { timeout: 60_000 }, (kind) => {
  it('rebuilds the same tree after a restart and keeps the checkpoint it signed', async () => {
    const db = testDatabase(kind);
    const key = await serverKey();
    const first = await startProcess(db, key);
    await record(first.services, 5, 'a');
    const before = value(await first.ledger.checkpoint());
    expect(before.treeSize).toBe(5);
    expect(encodeBase64(await verifiedRoot(before, key.verifierKey))).toBe(before.rootHash);
    await first.opened.close();

    const second = await startProcess(db, key);
    expect(await second.ledger.catchUp()).toBe(5);
    expect(value(await second.ledger.checkpoint())).toEqual(before);
    await record(second.services, 3, 'b');
    const after = value(await second.ledger.checkpoint());
    expect(after.treeSize).toBe(8);
    const proof = value(await second.ledger.consistencyProof(5, 8)).proof.map((p) => value(decodeBase64(p)));
    expect(verifyConsistency(5, 8, await verifiedRoot(before, key.verifierKey), await verifiedRoot(after, key.verifierKey), proof).ok).toBe(true);
  });

  it('refuses to sign over leaves rewritten after a checkpoint vouched for them', async () => {
    const db = testDatabase(kind);
    const key = await serverKey();
    const first = await startProcess(db, key);
    await record(first.services, 3, 'a');
    value(await first.ledger.checkpoint());
    await first.opened.db.updateTable('ledger_leaves').set({ leaf_hash: '00'.repeat(32) }).where('idx', '=', 1).execute();
    const reopened = await db.open();
    cleanups.push(() => reopened.close());
    await expect(LedgerService.open({ db: reopened.db, key })).rejects.toThrow(/integrity failure.*3 leaves/);
  });
});

describe('two server processes on one PostgreSQL', { timeout: 60_000 }, () => {
  it('see the same tree and sign the same roots while both append', async () => {
    const db = testDatabase('postgres');
    const key = await serverKey();
    const [a, b] = [await startProcess(db, key), await startProcess(db, key)];
    const rounds = Array.from({ length: 6 }, (_, round) => [record(a.services, 1 + (round % 3), `a${round}`), record(b.services, 2, `b${round}`), a.ledger.checkpoint(), b.ledger.checkpoint()]);
    const racing = await Promise.all(rounds.flat());
    expect(racing.every((r) => r === undefined || r.ok)).toBe(true);

    const [fromA, fromB] = [value(await a.ledger.checkpoint()), value(await b.ledger.checkpoint())];
    expect(fromA.treeSize).toBe(12 + 12);
    expect(fromB).toEqual(fromA); // Ed25519 is deterministic: one key, one size, one note.
    const stored = await a.opened.db.selectFrom('ledger_checkpoints').select('note').where('tree_size', '=', fromA.treeSize).executeTakeFirstOrThrow();
    expect(stored.note).toBe(fromA.note);
    const leaves = await a.opened.db.selectFrom('ledger_leaves').select('idx').orderBy('idx').execute();
    expect(leaves.map((l) => Number(l.idx))).toEqual(Array.from({ length: 24 }, (_, i) => i));

    // Every checkpoint either process stored is consistent with the final one, proved by either process.
    const all = await a.opened.db.selectFrom('ledger_checkpoints').select(['tree_size', 'note']).where('tree_size', '>', 0).execute();
    const finalRoot = value(decodeBase64(fromA.rootHash));
    for (const row of all) {
      const old = value(await verifyCheckpoint(row.note, key.verifierKey));
      const proof = value(await (row.tree_size % 2 === 0 ? a : b).ledger.consistencyProof(old.treeSize, fromA.treeSize)).proof.map((p) => value(decodeBase64(p)));
      expect(verifyConsistency(old.treeSize, fromA.treeSize, old.rootHash, finalRoot, proof).ok).toBe(true);
    }
  });

  it('each answers with its own signature when the processes do not share a key', async () => {
    const db = testDatabase('postgres');
    const [keyA, keyB] = [await serverKey(), await serverKey()];
    const a = await startProcess(db, keyA);
    await record(a.services, 2, 'a');
    const fromA = value(await a.ledger.checkpoint());
    const b = await startProcess(db, keyB);
    const fromB = value(await b.ledger.checkpoint());
    expect(fromB.treeSize).toBe(fromA.treeSize);
    expect(fromB.rootHash).toBe(fromA.rootHash);
    expect((await verifyCheckpoint(fromB.note, keyB.verifierKey)).ok).toBe(true);
    expect((await verifyCheckpoint(fromB.note, keyA.verifierKey)).ok).toBe(false);
  });
});
