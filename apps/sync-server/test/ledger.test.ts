/**
 * The ledger's evidence end to end: what a real client gets over HTTP
 * verifies with nothing but the published verifier key and the events it
 * pulled, on each database.
 */
import { createPublicKey } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeBase64, eventLeafHash, parseVerifierKey, verifyCheckpoint, verifyConsistency, verifyInclusion, type AuditEvent, type Result } from '@steward/domain';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_KEY_FILE } from '../src/keys/server-key.ts';
import { userDoc } from '../src/seed/builders.ts';
import { createServer } from '../src/server.ts';
import { createTestDatabase, DATABASE_KINDS } from './databases.ts';
import { startHarness, type Client, type Harness } from './harness.ts';
import { WORLD, email } from './world.ts';

const id = (n: number): string => `01900000-0000-7000-a000-${n.toString(16).padStart(12, '0')}`;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const bytes = (base64: string): Uint8Array => value(decodeBase64(base64));

async function pullEvents(client: Client): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let checkpoint: Parameters<Client['sync']['pull']['query']>[0]['checkpoint'] = null;
  for (;;) {
    const page = await client.sync.pull.query({ collection: 'auditEvents', checkpoint, limit: 100 });
    events.push(...(page.documents as AuditEvent[]));
    checkpoint = page.checkpoint;
    if (page.documents.length < 100) return events;
  }
}

async function pushUser(client: Client, tenantId: string, n: number): Promise<void> {
  const user = { ...userDoc(id(n), tenantId, `ledger${n}@example.test`, `Ledger ${n}`, '2026-01-01T00:00:00.000Z', 'invited'), revision: 0 };
  await client.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: user }] });
}

/** The tRPC error code a call failed with (and its message), for comparing refusals. */
async function failure(call: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return { code: (error.data as { code?: string } | undefined)?.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(DATABASE_KINDS)('audit ledger on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  let officer: Client;
  let verifierKey: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    const acmeAdmin = await h.signIn(email('acme', 'admin'));
    for (let n = 1; n <= 3; n++) await pushUser(acmeAdmin, WORLD.acme.id, n);
    await pushUser(await h.signIn(email('globex', 'admin')), WORLD.globex.id, 4);
    officer = await h.signIn(email('acme', 'officer'));
    ({ verifierKey } = await h.client().ledger.publicKey.query());
  });
  afterAll(() => h.close());

  it('publishes one key as a C2SP verifier key and as PEM, to anyone', async () => {
    const key = await h.client().ledger.publicKey.query();
    expect(key.origin).toBe('steward.local/ledger');
    const parsed = value(parseVerifierKey(key.verifierKey));
    expect(parsed.name).toBe(key.origin);
    const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(new Uint8Array(der.subarray(der.length - 32))).toEqual(parsed.publicKey);
  });

  it('signs a checkpoint that verifies with the verifier key alone, for signed-in callers only', async () => {
    const checkpoint = await officer.ledger.checkpoint.query();
    const verified = value(await verifyCheckpoint(checkpoint.note, verifierKey));
    expect(verified.treeSize).toBe(checkpoint.treeSize);
    expect(verified.rootHash).toEqual(bytes(checkpoint.rootHash));
    expect(checkpoint.treeSize).toBeGreaterThan(5);
    expect((await failure(h.client().ledger.checkpoint.query())).code).toBe('UNAUTHORIZED');
  });

  it('proves every readable event from the event as pulled, and a tampered event fails', async () => {
    const events = await pullEvents(officer);
    const checkpoint = await officer.ledger.checkpoint.query();
    const root = value(await verifyCheckpoint(checkpoint.note, verifierKey)).rootHash;
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      const proof = await officer.ledger.inclusionProof.query({ eventId: event.id, treeSize: checkpoint.treeSize });
      expect(proof.index).toBe(event.ledgerIndex);
      expect(verifyInclusion(eventLeafHash(event), proof.index, proof.treeSize, proof.proof.map(bytes), root).ok).toBe(true);
    }
    const [event] = events;
    if (event === undefined) throw new Error('no events');
    const proof = await officer.ledger.inclusionProof.query({ eventId: event.id, treeSize: checkpoint.treeSize });
    for (const tampered of [{ ...event, outcome: event.outcome === 'success' ? 'failure' : 'success' }, { ...event, context: { ...event.context, note: 'added' } }] as AuditEvent[]) {
      expect(verifyInclusion(eventLeafHash(tampered), proof.index, proof.treeSize, proof.proof.map(bytes), root).ok).toBe(false);
    }
  });

  it('defaults to the latest checkpoint and refuses a tree that does not hold the event yet', async () => {
    const events = await pullEvents(officer);
    const latest = events.reduce((a, b) => ((a.ledgerIndex ?? 0) > (b.ledgerIndex ?? 0) ? a : b));
    const proof = await officer.ledger.inclusionProof.query({ eventId: latest.id });
    const checkpoint = await officer.ledger.checkpoint.query();
    expect(proof.treeSize).toBeLessThanOrEqual(checkpoint.treeSize);
    const tooSmall = await failure(officer.ledger.inclusionProof.query({ eventId: latest.id, treeSize: latest.ledgerIndex ?? 0 }));
    expect(tooSmall).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(/not in the tree of size/) as unknown });
    const tooLarge = await failure(officer.ledger.inclusionProof.query({ eventId: latest.id, treeSize: checkpoint.treeSize + 1_000 }));
    expect(tooLarge.code).toBe('BAD_REQUEST');
  });

  it('gives another tenant\'s event, a platform event and an unknown id the same NOT_FOUND', async () => {
    const platform = await h.signIn('platform@steward.test');
    const everything = await pullEvents(platform);
    const globexEvent = everything.find((e) => e.tenantId === WORLD.globex.id);
    const platformEvent = everything.find((e) => e.tenantId === null);
    if (globexEvent === undefined || platformEvent === undefined) throw new Error('world events missing');
    const unknown = id(0xdead);
    const refusals = await Promise.all([globexEvent.id, platformEvent.id, unknown].map(async (eventId) => {
      const refused = await failure(officer.ledger.inclusionProof.query({ eventId }));
      return { ...refused, message: refused.message.replace(eventId, '<id>') };
    }));
    expect(refusals[0]?.code).toBe('NOT_FOUND');
    expect(new Set(refusals.map((r) => JSON.stringify(r))).size).toBe(1);
    // The platform admin may read both, so gets both proofs.
    for (const event of [globexEvent, platformEvent]) expect((await platform.ledger.inclusionProof.query({ eventId: event.id })).index).toBe(event.ledgerIndex);
  });

  it('proves two checkpoints consistent, and validates sizes and ids', async () => {
    const before = await officer.ledger.checkpoint.query();
    await pushUser(await h.signIn(email('acme', 'admin')), WORLD.acme.id, 5);
    const after = await officer.ledger.checkpoint.query();
    expect(after.treeSize).toBeGreaterThan(before.treeSize);
    const { proof } = await officer.ledger.consistencyProof.query({ fromSize: before.treeSize, toSize: after.treeSize });
    const [oldRoot, newRoot] = [value(await verifyCheckpoint(before.note, verifierKey)).rootHash, value(await verifyCheckpoint(after.note, verifierKey)).rootHash];
    expect(verifyConsistency(before.treeSize, after.treeSize, oldRoot, newRoot, proof.map(bytes)).ok).toBe(true);
    expect(verifyConsistency(before.treeSize, after.treeSize, newRoot, newRoot, proof.map(bytes)).ok).toBe(false);
    expect((await failure(officer.ledger.consistencyProof.query({ fromSize: 0, toSize: after.treeSize }))).code).toBe('BAD_REQUEST');
    expect((await failure(officer.ledger.consistencyProof.query({ fromSize: after.treeSize, toSize: before.treeSize }))).code).toBe('BAD_REQUEST');
    expect((await failure(officer.ledger.consistencyProof.query({ fromSize: 1.5, toSize: 2 }))).code).toBe('BAD_REQUEST');
    expect((await failure(officer.ledger.inclusionProof.query({ eventId: 'not-a-uuid' }))).code).toBe('BAD_REQUEST');
  });

  it('keeps the ledger gap-free under concurrent pushes and sign-ins from several clients', async () => {
    const clients = await Promise.all([email('acme', 'admin'), email('acme', 'admin'), email('globex', 'admin'), 'platform@steward.test'].map((who) => h.signIn(who)));
    let n = 100;
    await Promise.all(
      clients.flatMap((client, c) => [
        ...Array.from({ length: 3 }, () => pushUser(client, c === 2 ? WORLD.globex.id : WORLD.acme.id, n++)),
        h.signIn(email('acme', 'member')),
        client.ledger.checkpoint.query(),
      ]),
    );
    const db = h.steward.database.db;
    const leaves = (await db.selectFrom('ledger_leaves').select('idx').orderBy('idx').execute()).map((l) => Number(l.idx));
    expect(leaves).toEqual(leaves.map((_, i) => i));
    const head = await db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow();
    expect(Number(head.size)).toBe(leaves.length);
    const events = await db.selectFrom('documents').select(({ fn }) => fn.countAll<number>().as('n')).where('collection', '=', 'auditEvents').executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(leaves.length);
    expect((await officer.ledger.checkpoint.query()).treeSize).toBe(leaves.length);
  });
});

describe.each(DATABASE_KINDS)('server key on %s', { timeout: 60_000 }, (kind) => {
  it('is created 0600 and reused after a restart on the same data directory', async () => {
    const db = createTestDatabase(kind);
    const options = { config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir }, ...(db.pgSchema === undefined ? {} : { pgSchema: db.pgSchema }), logger: false } as const;
    try {
      const first = await createServer(options);
      const key = first.services.ledger.publicKey();
      const checkpoint = value(await first.services.ledger.checkpoint());
      await first.stop();
      expect((await stat(join(db.dataDir, SERVER_KEY_FILE))).mode & 0o777).toBe(0o600);

      const second = await createServer(options);
      try {
        expect(second.services.ledger.publicKey()).toEqual(key);
        expect((await verifyCheckpoint(checkpoint.note, second.services.ledger.publicKey().verifierKey)).ok).toBe(true);
        expect(value(await second.services.ledger.checkpoint())).toEqual(checkpoint);
      } finally {
        await second.stop();
      }
    } finally {
      await db.dispose();
    }
  });
});
