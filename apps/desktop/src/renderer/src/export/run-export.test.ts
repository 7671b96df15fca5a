/**
 * Exports built in the renderer verify with the evidence package's own
 * verifier: online (server proofs and scope statement, replica events not
 * yet in the checkpoint marked unproven), offline from cached proofs
 * (not attested, unproven where no proof is cached), and the failures a
 * person must be told about.
 */
import { decodeBase64, encodeBase64, encodeUtf8, signEd25519, type AuditEvent } from '@steward/domain';
import { verifyBundle, verifyDeviceCertificate, unpackZip, formatReport, outOfScope, type ExportScope } from '@steward/evidence';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvents, checkpointNote, DEVICE_ID, enrolDevice, fakeServer, proofsFor, scopeStatement, type Exporter, type FakeServer } from '../../../../../../packages/evidence/test/fake-server.ts';
import type { ExportSigner } from './export-signer.ts';
import { memoryProofCache, type ProofCache } from './proof-cache.ts';
import { runExport, type EvidenceServer, type ExportDeps, type ExportProgress, type ExportRequest } from './run-export.ts';
import { eventsInScope } from './replica-events.ts';

const ACME = '01900000-0000-7000-8000-00000000000a';
const REQUEST: ExportRequest = { tenantId: ACME, tenantSlug: 'acme', from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z', filters: {}, report: null };
const SERVER_URL = 'https://steward.test';

let server: FakeServer;
let exporter: Exporter;
let signer: ExportSigner;

beforeAll(async () => {
  server = await fakeServer();
  appendEvents(server, 300);
  exporter = await enrolDevice(server);
  const signature = decodeBase64(exporter.certificate.signature);
  if (!signature.ok) throw new Error('bad signature');
  const claims = await verifyDeviceCertificate(encodeUtf8(exporter.certificate.certificate), signature.value, server.key.publicKey);
  if (!claims.ok) throw new Error(claims.error.message);
  signer = { certificate: exporter.certificate, claims: claims.value, sign: (bytes) => signEd25519(exporter.device.privateKey, bytes) };
});

/** The sync server's evidence procedures, answered from the fake ledger at its current size. */
function fakeEvidenceServer(calls: string[]): EvidenceServer {
  const scopeOf = (input: { tenant: string; from: string; to: string; filters: ExportScope['filters'] }): ExportScope => ({ tenantId: input.tenant, from: input.from, to: input.to, filters: input.filters });
  return {
    prepare: async (input) => {
      calls.push('prepare');
      const treeSize = server.tree.size;
      const inScope = server.events.filter((e) => (e.ledgerIndex ?? Infinity) < treeSize && outOfScope(e, scopeOf(input)) === undefined);
      const indexes = inScope.map((e) => e.ledgerIndex ?? -1);
      return {
        scope: { tenantId: input.tenant, tenantSlug: 'acme', from: input.from, to: input.to, filters: input.filters },
        checkpoint: { note: await checkpointNote(server, treeSize), treeSize },
        serverPublicKeyPem: server.pem,
        scopeStatement: await scopeStatement(server, scopeOf(input), treeSize, indexes, { deviceId: DEVICE_ID, publicKey: encodeBase64(exporter.device.publicKey) }),
        count: inScope.length,
        after: indexes.length === 0 ? -1 : (indexes[0] ?? 0) - 1,
        maxPage: 40,
      };
    },
    events: (input) => {
      calls.push('events');
      const page = server.events.filter((e) => (e.ledgerIndex ?? Infinity) < input.treeSize && (e.ledgerIndex ?? -1) > input.after && outOfScope(e, scopeOf(input.scope)) === undefined).slice(0, input.limit);
      const last = page.at(-1);
      return Promise.resolve({ events: page, proofs: proofsFor(server, page, input.treeSize), next: page.length < input.limit || last === undefined ? null : (last.ledgerIndex ?? null) });
    },
  };
}

/** An event this device wrote that the server has not seen yet. */
function localEvent(): AuditEvent {
  return { ...server.events[0], id: '01900000-0000-7000-8000-00000000ffff', occurredAt: '2025-01-20T00:00:00.000Z', ledgerIndex: null } as AuditEvent;
}

function deps(over: Partial<ExportDeps> & { progress?: ExportProgress[]; cache?: ProofCache; replica?: readonly AuditEvent[] }): ExportDeps {
  const replica = over.replica ?? server.events;
  return {
    serverUrl: SERVER_URL,
    server: null,
    signer: () => Promise.resolve(signer),
    replicaEvents: (scope) => Promise.resolve(eventsInScope(replica, scope)),
    renderReport: () => Promise.resolve(encodeUtf8('%PDF-1.7 test report')),
    cache: over.cache ?? memoryProofCache(),
    now: () => '2025-02-10T00:00:00.000Z',
    onProgress: (p) => over.progress?.push(p),
    ...over,
  };
}

describe('runExport', () => {
  it('online: every event proven against the signed checkpoint, attested, verifies strictly; proofs are cached', async () => {
    const calls: string[] = [];
    const progress: ExportProgress[] = [];
    const cache = memoryProofCache();
    const outcome = await runExport(deps({ server: fakeEvidenceServer(calls), progress, cache }), { ...REQUEST, report: 'access-review' });
    expect(outcome).toMatchObject({ unproven: 0, attested: true, hasReport: true, fileName: 'evidence-acme-2025-01-01_2025-02-01.zip', treeSize: 300 });
    expect(outcome.events).toBe(outcome.proven);
    expect(outcome.events).toBeGreaterThan(100);
    expect(calls.filter((c) => c === 'events').length).toBeGreaterThan(1);
    const report = await verifyBundle(outcome.bytes);
    expect(report.ok, formatReport(report)).toBe(true);
    expect(progress.map((p) => p.stage).filter((s, i, all) => all.indexOf(s) === i)).toEqual(['key', 'prepare', 'proofs', 'events', 'report', 'sign']);
    expect(progress.filter((p) => p.stage === 'proofs').at(-1)).toMatchObject({ done: outcome.events, total: outcome.events });
    expect((await cache.get(SERVER_URL, ACME))?.proofs.proofs).toHaveLength(outcome.events);
  });

  it('online: an event of the replica not yet in the checkpoint is marked unproven, never counted as proven', async () => {
    const outcome = await runExport(deps({ server: fakeEvidenceServer([]), replica: [...server.events, localEvent()] }), REQUEST);
    expect(outcome.unproven).toBe(1);
    const files = unpackZip(outcome.bytes);
    if (!files.ok) throw new Error(files.problem);
    const manifest = JSON.parse(new TextDecoder().decode(files.files.get('manifest.json'))) as { events: { unproven: { id: string }[] } };
    expect(manifest.events.unproven.map((u) => u.id)).toEqual([localEvent().id]);
    const strict = await verifyBundle(outcome.bytes);
    expect(strict.checks.filter((c) => c.status === 'fail').map((c) => c.check)).toEqual(['unproven events']);
    expect((await verifyBundle(outcome.bytes, { allowPartial: true })).ok).toBe(true);
  });

  it('offline: proves what the cache holds, marks the rest unproven, and is not attested', async () => {
    const cache = memoryProofCache();
    await runExport(deps({ server: fakeEvidenceServer([]), cache }), REQUEST);
    // Later events reached the replica (and the ledger) while this device was away.
    appendEvents(server, 30);
    const outcome = await runExport(deps({ cache, replica: server.events }), REQUEST);
    const inScopeNow = eventsInScope(server.events, { ...REQUEST, filters: {} }).length;
    expect(outcome).toMatchObject({ attested: false, events: inScopeNow, treeSize: 300 });
    expect(outcome.unproven).toBe(inScopeNow - outcome.proven);
    expect(outcome.unproven).toBeGreaterThan(0);
    const report = await verifyBundle(outcome.bytes, { allowPartial: true });
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.checks.filter((c) => c.status === 'warn').map((c) => c.check)).toEqual(['unproven events', 'completeness', 'device authorised']);
  });

  it('offline without cached proofs says what to do', async () => {
    await expect(runExport(deps({}), REQUEST)).rejects.toThrow(/No proofs are cached on this device for this tenant: export once while connected/);
  });

  it('online the ledger\'s copy of an event is exported; offline a replica event that differs from its cached proof is refused', async () => {
    const firstInScope = eventsInScope(server.events, { ...REQUEST, filters: {} })[0];
    if (firstInScope === undefined) throw new Error('no events');
    const changed = server.events.map((e) => (e.id === firstInScope.id ? { ...e, outcome: 'failure' as const } : e));
    const cache = memoryProofCache();
    const online = await runExport(deps({ server: fakeEvidenceServer([]), replica: changed, cache }), REQUEST);
    expect((await verifyBundle(online.bytes)).ok).toBe(true);
    await expect(runExport(deps({ replica: changed, cache }), REQUEST)).rejects.toThrow(/leaf hash differs from the ledger's/);
  });
});
