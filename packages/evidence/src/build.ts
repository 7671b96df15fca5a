/**
 * buildBundle: events, proofs, checkpoint, certificates and keys in, a
 * signed zip out. Isomorphic (WebCrypto, fflate), so the desktop builds the
 * same bundle in the browser that steward-export builds in Node.
 *
 * The builder checks everything it is about to sign — the checkpoint and
 * certificate signatures, every leaf hash and inclusion proof, the scope —
 * and refuses rather than sign a bundle its own verifier would reject:
 * the device's signature should vouch for evidence, not for whatever bytes
 * it was handed. Events without a proof are kept, ordered after the proven
 * ones and listed as unproven in the manifest; they are never counted as proven.
 */
import {
  decodeBase64,
  encodeBase64,
  encodeUtf8,
  err,
  eventCanonicalJson,
  issue,
  ok,
  signEd25519,
  verifyCheckpoint,
  verifyEd25519,
  bytesEqual,
  type LedgerPayload,
  type Result,
} from '@steward/domain';
import { certificateProblemAt, verifyDeviceCertificate, type DeviceCertificateClaims, type SignedDeviceCertificate } from './certificate.ts';
import { formatEventsCsv } from './events-csv.ts';
import { formatEventsJsonl, lineLeafHash } from './events-file.ts';
import { checkpointOrigin, serverKeyInfo } from './keys.ts';
import { FILES, GENERATOR, BUNDLE_FORMAT, isManifestListed } from './layout.ts';
import { formatManifest, type Manifest } from './manifest.ts';
import { ed25519PublicKeyToPem } from './pem.ts';
import { ProofChecker } from './proof-check.ts';
import { decodeNodes, formatProofsJson, type LinedProof, type ProofEntry, type ProofSet } from './proofs-file.ts';
import { normalizeFilters, outOfScope, parseScopeStatement, sameScope, type ExportScope } from './scope.ts';
import { formatSums, sha256Hex } from './sums.ts';
import { formatVerifyGuide } from './verify-guide.ts';
import { packZip } from './zip.ts';

export interface BundleInput {
  readonly scope: ExportScope & { readonly tenantSlug?: string | null };
  /** The events to export, as stored or pulled (only the ledger payload is written). */
  readonly events: readonly LedgerPayload[];
  /** Inclusion proofs against `checkpoint`, by event id; events without one are exported as unproven. */
  readonly proofs: ProofSet;
  /** The server-signed C2SP checkpoint note. */
  readonly checkpoint: string;
  readonly serverPublicKeyPem: string;
  /** The server's scope statement (scope.json text and base64 signature); absent for offline exports. */
  readonly scopeStatement?: { readonly statement: string; readonly signature: string };
  /** The server's certificate for the signing device key. */
  readonly deviceCertificate: SignedDeviceCertificate;
  readonly reportPdf?: Uint8Array;
  /** When the bundle is made (ISO 8601); also every zip entry's time. */
  readonly createdAt: string;
}

const refuse = (message: string): Result<never> => err(issue('INVALID', `Cannot build the evidence bundle: ${message}`));

/** Signs bytes with the device key (Ed25519, 64-byte signature): for keys that never leave their store (the desktop's). */
export type BundleSigner = (bytes: Uint8Array) => Promise<Uint8Array>;

/** The signed bundle as zip bytes, or why it cannot be built. `signer` is the device's Ed25519 private key, or a function that signs with it. */
export async function buildBundle(input: BundleInput, signer: CryptoKey | BundleSigner): Promise<Result<Uint8Array>> {
  const origin = checkpointOrigin(input.checkpoint);
  const server = serverKeyInfo(input.serverPublicKeyPem, origin);
  if (!server.ok) return refuse(`the server key: ${server.error.message}`);
  const checkpoint = await verifyCheckpoint(input.checkpoint, server.value.verifierKey);
  if (!checkpoint.ok) return refuse(`the checkpoint does not verify with the server key: ${checkpoint.error.message}`);
  const { treeSize, rootHash } = checkpoint.value;

  const certBytes = encodeUtf8(input.deviceCertificate.certificate);
  const certSig = decodeBase64(input.deviceCertificate.signature);
  if (!certSig.ok) return refuse('the device certificate signature is not base64');
  const cert = await verifyDeviceCertificate(certBytes, certSig.value, server.value.publicKey);
  if (!cert.ok) return refuse(cert.error.message);
  if (cert.value.serverKeyId !== server.value.keyId) return refuse(`the device certificate names server key ${cert.value.serverKeyId}, but the checkpoint's key is ${server.value.keyId}`);
  const lapsed = certificateProblemAt(cert.value, input.createdAt, 'the export time');
  if (lapsed !== undefined) return refuse(`${lapsed}; renew the certificate (sign in again, or enrol the key again)`);

  const scope: ExportScope = { tenantId: input.scope.tenantId, from: input.scope.from, to: input.scope.to, filters: normalizeFilters(input.scope.filters) };
  for (const event of input.events) {
    const outside = outOfScope(event, scope);
    if (outside !== undefined) return refuse(`event ${event.id} ${outside}`);
  }

  const ordered = orderAndCheck(input, treeSize, rootHash);
  if (!ordered.ok) return ordered;
  const { proven, unproven, nodes, proofs } = ordered.value;

  let scopeFiles: [string, Uint8Array][] = [];
  if (input.scopeStatement !== undefined) {
    const checked = await checkStatement(input.scopeStatement, server.value.publicKey, scope, origin, treeSize, encodeBase64(rootHash), proofs.map((p) => p.index), cert.value);
    if (!checked.ok) return checked;
    scopeFiles = checked.value;
  }

  const events = [...proven.map((p) => p.event), ...unproven];
  const lines = [...proven.map((p) => p.line), ...unproven.map((e) => eventCanonicalJson(e))];
  const indexes = [...proven.map((p) => p.index), ...unproven.map(() => null)];
  const files = new Map<string, Uint8Array>([
    [FILES.events, encodeUtf8(formatEventsJsonl(lines))],
    [FILES.csv, encodeUtf8(formatEventsCsv(events, indexes))],
    [FILES.proofs, encodeUtf8(formatProofsJson({ origin, treeSize, rootHash: encodeBase64(rootHash) }, nodes, proofs))],
    [FILES.checkpoint, encodeUtf8(input.checkpoint)],
    [FILES.deviceCert, certBytes],
    [FILES.deviceCertSig, certSig.value],
    [FILES.serverKey, encodeUtf8(input.serverPublicKeyPem)],
    [FILES.deviceKey, encodeUtf8(ed25519PublicKeyToPem(cert.value.publicKey))],
    ...scopeFiles,
  ]);
  if (input.reportPdf !== undefined) files.set(FILES.report, input.reportPdf);
  files.set(
    FILES.verifyGuide,
    encodeUtf8(
      formatVerifyGuide({
        eventCount: events.length,
        unproven: unproven.length,
        ...scope,
        origin,
        treeSize,
        serverKeyId: server.value.keyId,
        deviceName: cert.value.deviceName,
        hasReport: input.reportPdf !== undefined,
        attested: input.scopeStatement !== undefined,
      }),
    ),
  );

  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    generator: { ...GENERATOR },
    createdAt: input.createdAt,
    scope: { ...scope, tenantSlug: input.scope.tenantSlug ?? null },
    device: { deviceId: cert.value.deviceId, deviceName: cert.value.deviceName, publicKey: cert.value.devicePublicKey, holderType: cert.value.holderType, holderId: cert.value.holderId, certifiedUntil: cert.value.expiresAt },
    ledger: { origin, treeSize, rootHash: encodeBase64(rootHash), serverKeyId: server.value.keyId },
    events: { count: events.length, proven: proven.length, unproven: unproven.map((e, i) => ({ id: e.id, line: proven.length + i + 1 })) },
    completeness: input.scopeStatement === undefined ? 'not-attested' : 'server-attested',
    files: Object.fromEntries(
      [...files.entries()]
        .filter(([path]) => isManifestListed(path))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([path, bytes]) => [path, { sha256: sha256Hex(bytes), bytes: bytes.length }]),
    ),
  };
  const manifestBytes = encodeUtf8(formatManifest(manifest));
  let signature: Uint8Array;
  try {
    signature = typeof signer === 'function' ? await signer(manifestBytes) : await signEd25519(signer, manifestBytes);
  } catch (cause) {
    return refuse(`the device key cannot sign with Ed25519 (${String(cause)})`);
  }
  if (!(await verifyEd25519(cert.value.publicKey, manifestBytes, signature))) {
    return refuse('the signing key is not the device key the certificate names; sign with the enrolled device key');
  }
  files.set(FILES.manifest, manifestBytes);
  files.set(FILES.manifestSig, signature);
  files.set(FILES.sums, encodeUtf8(formatSums([...files.entries()].map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes) })))));
  const mtime = new Date(Date.parse(input.createdAt));
  return ok(packZip(files, Number.isNaN(mtime.getTime()) ? new Date(0) : mtime));
}

interface Ordered {
  /** Each proven event with its ledger index and its events.jsonl line. */
  readonly proven: { readonly event: LedgerPayload; readonly index: number; readonly line: string }[];
  readonly unproven: LedgerPayload[];
  readonly nodes: string[];
  readonly proofs: LinedProof[];
}

/** Proven events by ledger index, each proof checked; unproven ones after them; the node table cut down to what the proofs use. */
function orderAndCheck(input: BundleInput, treeSize: number, root: Uint8Array): Result<Ordered> {
  const byEvent = new Map<string, ProofEntry>(input.proofs.proofs.map((p) => [p.eventId, p]));
  const decoded = decodeNodes(input.proofs.nodes);
  if (!decoded.ok) return refuse(`proof node ${decoded.node} is not a base64 SHA-256 hash`);
  const checker = new ProofChecker(treeSize, root, decoded.bytes);
  const proven: { event: LedgerPayload; index: number; line: string; proof: ProofEntry }[] = [];
  const unproven: LedgerPayload[] = [];
  const seen = new Set<string>();
  for (const event of input.events) {
    if (seen.has(event.id)) return refuse(`event ${event.id} is listed twice`);
    seen.add(event.id);
    const proof = byEvent.get(event.id);
    if (proof === undefined) {
      unproven.push(event);
      continue;
    }
    const line = eventCanonicalJson(event);
    const leaf = lineLeafHash(line);
    const claimed = decodeBase64(proof.leafHash);
    if (!claimed.ok || !bytesEqual(claimed.value, leaf)) return refuse(`event ${event.id}'s leaf hash differs from the ledger's: the event is not what the server recorded`);
    const verdict = checker.check(leaf, proof.index, proof.path);
    if (!verdict.ok) return refuse(`the proof for event ${event.id}: ${verdict.error.message}`);
    proven.push({ event, index: proof.index, line, proof });
  }
  proven.sort((a, b) => a.index - b.index);
  unproven.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1));
  const renumber = new Map<number, number>();
  const nodes: string[] = [];
  const proofs = proven.map(({ proof }, i): LinedProof => {
    const path = proof.path.map((n) => {
      let m = renumber.get(n);
      if (m === undefined) {
        m = nodes.length;
        nodes.push(input.proofs.nodes[n] ?? '');
        renumber.set(n, m);
      }
      return m;
    });
    return { line: i + 1, eventId: proof.eventId, index: proof.index, leafHash: proof.leafHash, path };
  });
  return ok({ proven, unproven, nodes, proofs });
}

/** scope.json and scope.sig, once the statement is checked against the server key, the scope, the checkpoint and the proven indexes. */
async function checkStatement(
  statement: { readonly statement: string; readonly signature: string },
  serverKey: Uint8Array,
  scope: ExportScope,
  origin: string,
  treeSize: number,
  rootHash: string,
  indexes: readonly number[],
  signer: Pick<DeviceCertificateClaims, 'deviceId' | 'devicePublicKey'>,
): Promise<Result<[string, Uint8Array][]>> {
  const bytes = encodeUtf8(statement.statement);
  const signature = decodeBase64(statement.signature);
  if (!signature.ok || !(await verifyEd25519(serverKey, bytes, signature.value))) return refuse('the scope statement is not signed by the server key');
  const claims = parseScopeStatement(bytes);
  if (!claims.ok) return refuse(claims.error.message);
  const c = claims.value;
  if (!sameScope(c, scope)) return refuse('the scope statement is for another tenant, period or filters than this export');
  if (c.origin !== origin || c.treeSize !== treeSize || c.rootHash !== rootHash) return refuse('the scope statement is for another checkpoint');
  if (c.signer.deviceId !== signer.deviceId || c.signer.publicKey !== signer.devicePublicKey) return refuse(`the server authorised key ${c.signer.deviceId} for this export, not this device's (${signer.deviceId})`);
  if (c.indexes.length !== indexes.length || c.indexes.some((n, i) => n !== indexes[i])) {
    return refuse(`the server lists ${c.indexes.length} events in scope but ${indexes.length} proven events were given`);
  }
  return ok([
    [FILES.scope, bytes],
    [FILES.scopeSig, signature.value],
  ]);
}
