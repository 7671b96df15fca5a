/**
 * An in-process stand-in for the sync server's side of an export, built
 * from the domain alone: a server key, a ledger of audit events of two
 * tenants interleaved, signed checkpoints, inclusion proofs with a shared
 * node table, device certificates and scope statements in the formats the
 * server issues. Tests and benches use it; test/e2e against a real server
 * lives in apps/sync-server/test/evidence-export.test.ts.
 */
import {
  createNoteSigner,
  encodeBase64,
  encodeUtf8,
  eventLeafHash,
  formatNoteKeyId,
  generateEd25519KeyPair,
  MerkleTree,
  signCheckpoint,
  signEd25519,
  type AuditEvent,
  type Ed25519KeyPair,
  type NoteSigner,
} from '@steward/domain';
import { deviceCertificateText, ed25519PublicKeyToPem, outOfScope, proofTable, scopeStatementText, type BundleInput, type ExportScope, type ProofSet, type SignedDeviceCertificate } from '../src/index.ts';

export const ORIGIN = 'steward.test/ledger';
export const ACME = '01900000-0000-7000-8000-00000000000a';
export const GLOBEX = '01900000-0000-7000-8000-00000000000b';
const START = Date.UTC(2025, 0, 1);

export interface FakeServer {
  readonly key: Ed25519KeyPair;
  readonly signer: NoteSigner;
  readonly keyId: string;
  readonly pem: string;
  readonly tree: MerkleTree;
  readonly events: AuditEvent[];
}

export async function fakeServer(): Promise<FakeServer> {
  const key = await generateEd25519KeyPair();
  const signer = await createNoteSigner(ORIGIN, key);
  if (!signer.ok) throw new Error(signer.error.message);
  return { key, signer: signer.value, keyId: formatNoteKeyId(signer.value.keyId), pem: ed25519PublicKeyToPem(key.publicKey), tree: new MerkleTree(), events: [] };
}

/** Appends `count` events, one a minute; every `acmeEvery`-th... all but every third belong to acme. */
export function appendEvents(server: FakeServer, count: number): void {
  for (let i = 0; i < count; i++) {
    const n = server.events.length;
    const event: AuditEvent = {
      id: `01900000-0000-7000-8000-${(0x100000 + n).toString(16).padStart(12, '0')}`,
      tenantId: n % 3 === 2 ? GLOBEX : ACME,
      actorId: '01900000-0000-7000-8000-0000000000a2',
      actorType: 'user',
      action: n % 5 === 0 ? 'role.assign' : 'session.login',
      resourceType: 'roleAssignment',
      resourceId: n % 7 === 0 ? '=HYPERLINK("x")' : `res-${n}`,
      outcome: n % 11 === 0 ? 'denied' : 'success',
      occurredAt: new Date(START + n * 60_000).toISOString(),
      observedAt: n % 2 === 0 ? null : new Date(START + n * 60_000 - 500).toISOString(),
      context: { reason: n % 4 === 0 ? 'Revue des accès, "équipe"\nQ1' : 'Quarterly review', ip: `10.0.${n % 256}.1` },
      pii: n % 13 === 0,
      complianceFlags: n % 3 === 0 ? ['SOX'] : [],
      ledgerIndex: n,
      revision: 1,
      updatedAt: new Date(START + n * 60_000).toISOString(),
      _deleted: false,
    };
    server.events.push(event);
    const appended = server.tree.appendLeafHash(eventLeafHash(event));
    if (!appended.ok) throw new Error(appended.error.message);
  }
}

export async function checkpointNote(server: FakeServer, treeSize = server.tree.size): Promise<string> {
  const root = server.tree.rootAt(treeSize);
  if (!root.ok) throw new Error(root.error.message);
  const note = await signCheckpoint({ origin: ORIGIN, treeSize, rootHash: root.value }, server.signer);
  if (!note.ok) throw new Error(note.error.message);
  return note.value;
}

/** Inclusion proofs for these events against the fake server's tree, as the real server makes them. */
export function proofsFor(server: FakeServer, events: readonly AuditEvent[], treeSize: number): ProofSet {
  return proofTable(server.tree, events.map((event) => ({ eventId: event.id, index: event.ledgerIndex ?? -1 })), treeSize);
}

export const DEVICE_ID = '01900000-0000-7000-8000-0000000d0001';
/** Certificates run a year from the ledger's start, so exports made "40 days later" are inside them. */
export const CERTIFIED_FROM = new Date(START).toISOString();
export const CERTIFIED_UNTIL = new Date(START + 365 * 86_400_000).toISOString();

export async function certify(
  server: FakeServer,
  devicePublicKey: Uint8Array,
  { deviceName = 'Officer laptop', deviceId = DEVICE_ID, issuedAt = CERTIFIED_FROM, expiresAt = CERTIFIED_UNTIL }: { deviceName?: string; deviceId?: string; issuedAt?: string; expiresAt?: string } = {},
): Promise<SignedDeviceCertificate> {
  const certificate = deviceCertificateText({
    deviceId,
    holderType: 'user',
    holderId: '01900000-0000-7000-8000-0000000000a2',
    deviceName,
    devicePublicKey: encodeBase64(devicePublicKey),
    serverKeyId: server.keyId,
    issuedAt,
    expiresAt,
  });
  if (!certificate.ok) throw new Error(certificate.error.message);
  return { certificate: certificate.value, signature: encodeBase64(await signEd25519(server.key.privateKey, encodeUtf8(certificate.value))) };
}

export async function scopeStatement(
  server: FakeServer,
  scope: ExportScope,
  treeSize: number,
  indexes: readonly number[],
  signer: { readonly deviceId: string; readonly publicKey: string },
  issuedAt = new Date(START + 86_400_000 * 40).toISOString(),
): Promise<{ statement: string; signature: string }> {
  const root = server.tree.rootAt(treeSize);
  if (!root.ok) throw new Error(root.error.message);
  const statement = scopeStatementText({
    tenantId: scope.tenantId,
    from: scope.from,
    to: scope.to,
    filters: scope.filters,
    origin: ORIGIN,
    treeSize,
    rootHash: encodeBase64(root.value),
    serverKeyId: server.keyId,
    indexes,
    issuedAt,
    requestedBy: { type: 'user', id: '01900000-0000-7000-8000-0000000000a2' },
    signer,
  });
  return { statement, signature: encodeBase64(await signEd25519(server.key.privateKey, encodeUtf8(statement))) };
}

export interface Exporter {
  readonly device: Ed25519KeyPair;
  readonly certificate: SignedDeviceCertificate;
}

export async function enrolDevice(server: FakeServer): Promise<Exporter> {
  const device = await generateEd25519KeyPair();
  return { device, certificate: await certify(server, device.publicKey) };
}

/** What steward-export would assemble for `scope` from this server: all in-scope events up to the checkpoint, proven and attested. */
export type ExportInput = Omit<BundleInput, 'events'> & { readonly events: readonly AuditEvent[] };

export async function exportInput(server: FakeServer, exporter: Exporter, scope: ExportScope, extra: Partial<Omit<BundleInput, 'events'>> = {}): Promise<ExportInput> {
  const treeSize = server.tree.size;
  const events = server.events.filter((e) => (e.ledgerIndex ?? Infinity) < treeSize && outOfScope(e, scope) === undefined);
  return {
    scope: { ...scope, tenantSlug: 'acme' },
    events,
    proofs: proofsFor(server, events, treeSize),
    checkpoint: await checkpointNote(server, treeSize),
    serverPublicKeyPem: server.pem,
    scopeStatement: await scopeStatement(server, scope, treeSize, events.map((e) => e.ledgerIndex ?? -1), { deviceId: DEVICE_ID, publicKey: encodeBase64(exporter.device.publicKey) }),
    deviceCertificate: exporter.certificate,
    createdAt: new Date(START + 86_400_000 * 40).toISOString(),
    ...extra,
  };
}

export const JANUARY: ExportScope = { tenantId: ACME, from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z', filters: {} };
