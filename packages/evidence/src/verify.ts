/**
 * verifyBundle: every check an auditor needs, offline, with nothing but the
 * bundle (and, ideally, the server key obtained separately). Isomorphic: the
 * desktop can verify what it built, steward-verify wraps it for the shell.
 *
 * Checks run in order of trust: the archive and its hashes, then the keys
 * (server key → device certificate → manifest signature → checkpoint), then
 * the events against the checkpoint. A check whose input already failed is
 * reported as skipped, which also fails the bundle.
 */
import { bytesEqual, decodeUtf8, verifyCheckpoint, verifyEd25519, type VerifiedCheckpoint } from '@steward/domain';
import { certificateProblemAt, verifyDeviceCertificate, type DeviceCertificateClaims } from './certificate.ts';
import { checkpointOrigin, serverKeyInfo, type ServerKeyInfo } from './keys.ts';
import { FILES, OPTIONAL_FILES, REQUIRED_FILES, isManifestListed } from './layout.ts';
import { parseManifest, type Manifest } from './manifest.ts';
import { ed25519PublicKeyFromPem } from './pem.ts';
import { formatSums, sha256Hex } from './sums.ts';
import { verifyEvidence } from './verify-events.ts';
import { Findings, type VerifyReport } from './verify-report.ts';
import { unpackZip } from './zip.ts';

export interface VerifyOptions {
  /** The server's public key as obtained outside the bundle; the bundle's key must equal it. */
  readonly pinnedServerKey?: Uint8Array;
  /** Accept unproven events and a missing scope statement (offline exports) as warnings instead of failures. */
  readonly allowPartial?: boolean;
}

/** What the key checks establish, for the event checks. */
export interface TrustedKeys {
  readonly server: ServerKeyInfo;
  readonly checkpoint: VerifiedCheckpoint;
  /** The certified signing key, when its certificate verified. */
  readonly device: DeviceCertificateClaims | undefined;
}

export async function verifyBundle(zip: Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  const f = new Findings();
  const unpacked = unpackZip(zip);
  if (!unpacked.ok) {
    f.fail('archive', unpacked.problem);
    return f.report();
  }
  const files = unpacked.files;
  const known = new Set<string>([...REQUIRED_FILES, ...OPTIONAL_FILES]);
  const missing = REQUIRED_FILES.filter((p) => !files.has(p));
  const unexpected = [...files.keys()].filter((p) => !known.has(p));
  const pairProblem = files.has(FILES.scope) !== files.has(FILES.scopeSig) ? ['scope.json and scope.sig must come together'] : [];
  f.verdict('archive', [...missing.map((p) => `${p} is missing`), ...unexpected.map((p) => `unexpected file ${p}`), ...pairProblem], `${files.size} files, none missing, none unexpected`);

  const text = (path: string): string | undefined => {
    const bytes = files.get(path);
    const decoded = bytes === undefined ? undefined : decodeUtf8(bytes);
    return decoded?.ok === true ? decoded.value : undefined;
  };
  const manifestText = text(FILES.manifest);
  const manifest = manifestText === undefined ? undefined : parseManifest(manifestText);
  if (manifest === undefined) f.fail('manifest', 'manifest.json is missing or not UTF-8');
  else if (!manifest.ok) f.fail('manifest', manifest.problem);
  else f.pass('manifest', `${manifest.value.generator.name} ${manifest.value.generator.version}, made ${manifest.value.createdAt}`);
  const m = manifest?.ok === true ? manifest.value : undefined;

  checkHashes(f, files, m);
  const keys = await checkKeys(f, files, m, text, options);
  await verifyEvidence(f, files, m, keys, options);
  return f.report();
}

function checkHashes(f: Findings, files: ReadonlyMap<string, Uint8Array>, m: Manifest | undefined): void {
  const actual = new Map([...files.entries()].map(([path, bytes]) => [path, sha256Hex(bytes)]));
  if (m === undefined) {
    f.skip('file hashes', 'a readable manifest.json');
  } else {
    const problems: string[] = [];
    for (const [path, entry] of Object.entries(m.files)) {
      const bytes = files.get(path);
      if (bytes === undefined) problems.push(`${path} is listed in the manifest but missing`);
      else if (actual.get(path) !== entry.sha256 || bytes.length !== entry.bytes) problems.push(`${path} has changed (its SHA-256 differs from the manifest)`);
    }
    for (const path of files.keys()) if (isManifestListed(path) && !(path in m.files)) problems.push(`${path} is not listed in the manifest`);
    f.verdict('file hashes', problems, `${Object.keys(m.files).length} files match the SHA-256 in manifest.json`);
  }
  const sums = files.get(FILES.sums);
  const expected = formatSums([...actual.entries()].filter(([path]) => path !== FILES.sums).map(([path, sha256]) => ({ path, sha256 })));
  const given = sums === undefined ? undefined : decodeUtf8(sums);
  if (given?.ok !== true) {
    f.fail('SHA256SUMS', 'SHA256SUMS is missing or not UTF-8');
    return;
  }
  const problems: string[] = [];
  const listed = new Map<string, string>();
  for (const line of given.value.split('\n').filter((l) => l !== '')) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (match === null) problems.push(`line ${JSON.stringify(line.slice(0, 80))} is not "<sha256>  <file>"`);
    else listed.set(match[2] ?? '', match[1] ?? '');
  }
  for (const [path, hash] of listed) {
    if (!files.has(path)) problems.push(`lists ${path}, which is not in the bundle`);
    else if (actual.get(path) !== hash) problems.push(`${path} does not match its SHA256SUMS line`);
    const inManifest = m?.files[path];
    if (inManifest !== undefined && inManifest.sha256 !== hash) problems.push(`its hash of ${path} differs from the manifest's`);
  }
  for (const path of actual.keys()) if (path !== FILES.sums && !listed.has(path)) problems.push(`${path} is not listed`);
  if (problems.length === 0 && given.value !== expected) problems.push('the file is not in the exact form the builder writes (sorted lines, two spaces, "\\n")');
  f.verdict('SHA256SUMS', problems, `${listed.size} files match, and agree with the manifest`);
}

async function checkKeys(
  f: Findings,
  files: ReadonlyMap<string, Uint8Array>,
  m: Manifest | undefined,
  text: (path: string) => string | undefined,
  options: VerifyOptions,
): Promise<TrustedKeys | undefined> {
  const note = text(FILES.checkpoint);
  const pem = text(FILES.serverKey);
  const server = note === undefined || pem === undefined ? undefined : serverKeyInfo(pem, checkpointOrigin(note));
  let serverKey: ServerKeyInfo | undefined;
  if (server === undefined) f.fail('server key', 'keys/server.pub.pem or checkpoint is missing');
  else if (!server.ok) f.fail('server key', `keys/server.pub.pem: ${server.error.message}`);
  else {
    const problems: string[] = [];
    if (options.pinnedServerKey !== undefined && !bytesEqual(options.pinnedServerKey, server.value.publicKey)) problems.push('the bundle\'s server key is NOT the key you pinned');
    if (m !== undefined && m.ledger.serverKeyId !== server.value.keyId) problems.push(`the manifest names server key ${m.ledger.serverKeyId}, the bundle holds ${server.value.keyId}`);
    const pinned = options.pinnedServerKey === undefined ? 'not pinned: compare the key ID with the one the server operator publishes' : 'equals the pinned key';
    if (f.verdict('server key', problems, `Ed25519 key ${server.value.verifierKey.split('+').slice(0, 2).join('+')}, ${pinned}`)) serverKey = server.value;
  }

  let cert: (DeviceCertificateClaims & { publicKey: Uint8Array }) | undefined;
  const certBytes = files.get(FILES.deviceCert);
  const certSig = files.get(FILES.deviceCertSig);
  if (serverKey === undefined) f.skip('device certificate', 'a usable server key');
  else if (certBytes === undefined || certSig === undefined) f.fail('device certificate', 'device-cert.json or device-cert.sig is missing');
  else {
    const verified = await verifyDeviceCertificate(certBytes, certSig, serverKey.publicKey);
    if (!verified.ok) f.fail('device certificate', verified.error.message);
    else {
      const c = verified.value;
      const devicePem = text(FILES.deviceKey);
      const deviceKey = devicePem === undefined ? undefined : ed25519PublicKeyFromPem(devicePem);
      const problems: string[] = [];
      if (c.serverKeyId !== serverKey.keyId) problems.push(`it names server key ${c.serverKeyId}, not ${serverKey.keyId}`);
      if (deviceKey?.ok !== true) problems.push(`keys/device.pub.pem is unusable${deviceKey?.ok === false ? `: ${deviceKey.error.message}` : ''}`);
      else if (!bytesEqual(deviceKey.value, c.publicKey)) problems.push('keys/device.pub.pem is not the certified device key');
      if (m !== undefined) {
        const d = m.device;
        if (d.deviceId !== c.deviceId || d.holderType !== c.holderType || d.holderId !== c.holderId || d.deviceName !== c.deviceName || d.publicKey !== c.devicePublicKey || d.certifiedUntil !== c.expiresAt) {
          problems.push('the manifest\'s device differs from the certificate\'s');
        }
        // The bundle's own time: a device could backdate it; the server's statement (device authorised) is the check a device cannot forge.
        const lapsed = certificateProblemAt(c, m.createdAt, 'the time the manifest says the bundle was made');
        if (lapsed !== undefined) problems.push(lapsed);
      }
      const holder = c.holderType === 'user' ? `device "${c.deviceName}" (${c.deviceId}) of user ${c.holderId}` : `export key "${c.deviceName}" (${c.deviceId}) of API key ${c.holderId}`;
      if (f.verdict('device certificate', problems, `${holder}, certified by server key ${c.serverKeyId} from ${c.issuedAt} until ${c.expiresAt}`)) cert = c;
    }
  }

  const manifestBytes = files.get(FILES.manifest);
  const signature = files.get(FILES.manifestSig);
  if (cert === undefined) f.skip('manifest signature', 'a valid device certificate');
  else if (manifestBytes === undefined || signature === undefined) f.fail('manifest signature', 'manifest.json or manifest.sig is missing');
  else if (await verifyEd25519(cert.publicKey, manifestBytes, signature)) f.pass('manifest signature', 'manifest.json is signed by the certified device key');
  else f.fail('manifest signature', 'manifest.sig is not a signature of manifest.json by the device key: the manifest or the signature was changed');

  if (serverKey === undefined || note === undefined) {
    f.skip('checkpoint', 'a usable server key');
    return undefined;
  }
  const checkpoint = await verifyCheckpoint(note, serverKey.verifierKey);
  if (!checkpoint.ok) {
    f.fail('checkpoint', `not signed by the server key: ${checkpoint.error.message}`);
    return undefined;
  }
  const c = checkpoint.value;
  const problems = m !== undefined && (m.ledger.origin !== c.origin || m.ledger.treeSize !== c.treeSize || m.ledger.rootHash !== note.split('\n')[2]) ? ['the manifest names another ledger size or root'] : [];
  if (!f.verdict('checkpoint', problems, `signed by the server key: ${c.origin}, ${c.treeSize} entries, root ${note.split('\n')[2] ?? ''}`)) return undefined;
  return { server: serverKey, checkpoint: c, device: cert };
}
