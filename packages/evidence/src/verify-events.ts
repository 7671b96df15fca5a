/**
 * The verifier's checks of the events themselves: each line is the
 * ledger's bytes, each proven event's leaf is in the signed tree, the CSV
 * says the same as the JSONL, every event is in scope, and — against the
 * server's signed scope statement — none is missing.
 */
import { certificateProblemAt } from './certificate.ts';
import { bytesEqual, decodeBase64, decodeUtf8, encodeBase64, verifyEd25519, type LedgerPayload } from '@steward/domain';
import { formatEventsCsv } from './events-csv.ts';
import { parseEventsJsonl } from './events-file.ts';
import { FILES } from './layout.ts';
import type { Manifest } from './manifest.ts';
import { ProofChecker } from './proof-check.ts';
import { parseProofsJson } from './proofs-file.ts';
import { outOfScope, parseScopeStatement, sameScope } from './scope.ts';
import type { TrustedKeys, VerifyOptions } from './verify.ts';
import type { Findings } from './verify-report.ts';

const utf8 = (bytes: Uint8Array | undefined): string | undefined => {
  const decoded = bytes === undefined ? undefined : decodeUtf8(bytes);
  return decoded?.ok === true ? decoded.value : undefined;
};

export async function verifyEvidence(f: Findings, files: ReadonlyMap<string, Uint8Array>, m: Manifest | undefined, keys: TrustedKeys | undefined, options: VerifyOptions): Promise<void> {
  const text = utf8(files.get(FILES.events));
  const parsed = text === undefined ? undefined : parseEventsJsonl(text);
  let events: LedgerPayload[] | undefined;
  let leaves: Uint8Array[] = [];
  if (parsed === undefined) f.fail('events', 'events.jsonl is missing or not UTF-8');
  else if (!parsed.ok) f.fail('events', `events.jsonl: ${parsed.problems.join('; ')}`);
  else {
    events = parsed.events.map((e) => e.event);
    leaves = parsed.events.map((e) => e.leaf);
    const problems = m !== undefined && m.events.count !== events.length ? [`the manifest says ${m.events.count} events, events.jsonl has ${events.length}`] : [];
    f.verdict('events', problems, `${events.length} events, each line the canonical bytes the ledger hashed`);
  }

  let indexes: (number | null)[] | undefined;
  if (events === undefined || m === undefined || keys === undefined) f.skip('inclusion proofs', 'a verified checkpoint, the manifest and readable events');
  else indexes = checkProofs(f, files, m, keys, events, leaves, options);

  const csv = files.get(FILES.csv);
  if (events === undefined || indexes === undefined) f.skip('events.csv', 'readable events and proofs');
  else if (csv === undefined) f.fail('events.csv', 'events.csv is missing');
  else {
    const expected = formatEventsCsv(events, indexes);
    const given = utf8(csv);
    if (given === expected) f.pass('events.csv', `${events.length} rows, identical to events.jsonl`);
    else {
      const a = (given ?? '').split('\r\n');
      const b = expected.split('\r\n');
      const row = a.findIndex((line, i) => line !== b[i]);
      f.fail('events.csv', `does not match events.jsonl: ${row <= 0 ? 'the header differs' : `row ${row} differs from line ${row} of events.jsonl`}`);
    }
  }

  if (events === undefined || m === undefined) f.skip('scope', 'readable events and manifest');
  else {
    const problems: string[] = [];
    events.forEach((event, i) => {
      const outside = outOfScope(event, m.scope);
      if (outside !== undefined) problems.push(`line ${i + 1} (event ${event.id}) ${outside}`);
    });
    const { tenantId, from, to, filters } = m.scope;
    f.verdict('scope', problems, `every event is of tenant ${tenantId}, occurred in [${from}, ${to})${Object.keys(filters).length > 0 ? `, and matches ${JSON.stringify(filters)}` : ''}`);
  }

  await checkCompleteness(f, files, m, keys, indexes, options);
}

/** Verifies every proof; returns each event's ledger index (null when unproven), or undefined when proofs.json is unusable. */
function checkProofs(f: Findings, files: ReadonlyMap<string, Uint8Array>, m: Manifest, keys: TrustedKeys, events: readonly LedgerPayload[], leaves: readonly Uint8Array[], options: VerifyOptions): (number | null)[] | undefined {
  const text = utf8(files.get(FILES.proofs));
  const parsed = text === undefined ? undefined : parseProofsJson(text);
  if (parsed === undefined || !parsed.ok) {
    f.fail('inclusion proofs', parsed === undefined ? 'proofs.json is missing or not UTF-8' : parsed.problem);
    return undefined;
  }
  const p = parsed.value;
  const { treeSize, rootHash: root, origin } = keys.checkpoint;
  const problems: string[] = [];
  if (p.origin !== origin || p.treeSize !== treeSize || p.rootHash !== encodeBase64(root)) problems.push('proofs.json names another checkpoint than the signed one');
  const indexes: (number | null)[] = events.map(() => null);
  let previous = -1;
  const checker = new ProofChecker(treeSize, root, p.nodeBytes);
  for (const [i, proof] of p.proofs.entries()) {
    const event = events[proof.line - 1];
    const where = `line ${proof.line}`;
    if (proof.line !== i + 1 || event === undefined) {
      problems.push(`proof ${i} is for line ${proof.line}; proofs must cover lines 1, 2, … in order`);
      break;
    }
    if (event.id !== proof.eventId) problems.push(`${where}: the proof is for event ${proof.eventId}, the line holds ${event.id}`);
    if (proof.index <= previous) problems.push(`${where}: ledger index ${proof.index} is not above the previous line's ${previous}`);
    previous = proof.index;
    const leaf = leaves[i] ?? new Uint8Array();
    const claimed = decodeBase64(proof.leafHash);
    if (!claimed.ok || !bytesEqual(claimed.value, leaf)) problems.push(`${where} (event ${event.id}): the event's leaf hash is not the one the proof starts from — the event was changed`);
    const verdict = checker.check(leaf, proof.index, proof.path);
    if (!verdict.ok) problems.push(`${where} (event ${event.id}, ledger index ${proof.index}): ${verdict.error.message}`);
    indexes[i] = proof.index;
    if (problems.length > 20) break;
  }
  if (m.events.proven !== p.proofs.length) problems.push(`the manifest says ${m.events.proven} events are proven, proofs.json has ${p.proofs.length} proofs`);
  f.verdict('inclusion proofs', problems, `${p.proofs.length} events proven in the signed ledger of ${treeSize} entries (each leaf hash recomputed from events.jsonl)`);

  const unproven = events.slice(p.proofs.length).map((e, i) => ({ id: e.id, line: p.proofs.length + i + 1 }));
  const listed = m.events.unproven;
  if (unproven.length > 0 || listed.length > 0) {
    const agree = unproven.length === listed.length && unproven.every((u, i) => u.id === listed[i]?.id && u.line === listed[i]?.line);
    if (!agree) f.fail('unproven events', `the events without a proof are not exactly those the manifest lists as unproven`);
    else if (options.allowPartial === true) f.warn('unproven events', `${unproven.length} events are NOT proven (not yet in a signed checkpoint); accepted because partial evidence was allowed`);
    else f.fail('unproven events', `${unproven.length} events are NOT proven (not yet in a signed checkpoint; listed in the manifest); use --allow-partial to accept them as unproven`);
  }
  return problems.length === 0 ? indexes : undefined;
}

async function checkCompleteness(f: Findings, files: ReadonlyMap<string, Uint8Array>, m: Manifest | undefined, keys: TrustedKeys | undefined, indexes: readonly (number | null)[] | undefined, options: VerifyOptions): Promise<void> {
  const statement = files.get(FILES.scope);
  const signature = files.get(FILES.scopeSig);
  if (statement === undefined || signature === undefined) {
    const why = 'no server scope statement (scope.json): this bundle does not prove that no event of the period is missing';
    if (m !== undefined && m.completeness !== 'not-attested') f.fail('completeness', `the manifest says the scope is server-attested, but ${why}`);
    else if (options.allowPartial === true) f.warn('completeness', why);
    else f.fail('completeness', `${why}; use --allow-partial to accept that`);
    const unauthorised = 'no server statement: whether the signing key was revoked when it signed cannot be checked offline (only its certificate\'s expiry, against the time the device wrote)';
    if (options.allowPartial === true) f.warn('device authorised', unauthorised);
    else f.fail('device authorised', unauthorised);
    return;
  }
  if (keys === undefined || m === undefined || indexes === undefined) {
    f.skip('completeness', 'a verified checkpoint, manifest and proofs');
    f.skip('device authorised', 'a verified scope statement');
    return;
  }
  if (!(await verifyEd25519(keys.server.publicKey, statement, signature))) {
    f.fail('completeness', 'scope.sig is not the server key\'s signature of scope.json');
    f.skip('device authorised', 'a verified scope statement');
    return;
  }
  const claims = parseScopeStatement(statement);
  if (!claims.ok) {
    f.fail('completeness', claims.error.message);
    f.skip('device authorised', 'a verified scope statement');
    return;
  }
  const c = claims.value;
  const problems: string[] = [];
  if (m.completeness !== 'server-attested') problems.push('the manifest does not say the scope is server-attested');
  if (!sameScope(c, m.scope)) problems.push('the server\'s statement is for another tenant, period or filters than the manifest');
  if (c.origin !== keys.checkpoint.origin || c.treeSize !== keys.checkpoint.treeSize || c.rootHash !== encodeBase64(keys.checkpoint.rootHash)) problems.push('the server\'s statement is for another checkpoint');
  const inBundle = new Set(indexes.filter((n): n is number => n !== null));
  const attested = new Set(c.indexes);
  const missing = c.indexes.filter((n) => !inBundle.has(n));
  const extra = [...inBundle].filter((n) => !attested.has(n));
  if (missing.length > 0) problems.push(`${missing.length} events in scope are missing from the bundle (ledger index ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''})`);
  if (extra.length > 0) problems.push(`${extra.length} events are not in the server's scope (ledger index ${extra.slice(0, 10).join(', ')})`);
  f.verdict('completeness', problems, `the server's signed statement lists ${c.count} events in scope at ${c.treeSize} entries; all are in the bundle`);

  const device = keys.device;
  if (device === undefined) {
    f.skip('device authorised', 'a valid device certificate');
    return;
  }
  const signerProblems: string[] = [];
  if (c.signer.deviceId !== device.deviceId || c.signer.publicKey !== device.devicePublicKey) {
    signerProblems.push(`the server authorised key ${c.signer.deviceId} for this export, but the bundle is signed by ${device.deviceId}`);
  }
  const lapsed = certificateProblemAt(device, c.issuedAt, 'the server\'s statement');
  if (lapsed !== undefined) signerProblems.push(lapsed);
  f.verdict('device authorised', signerProblems, `at ${c.issuedAt} the server authorised this signing key for this export (it names only certified keys that are not revoked or expired)`);
}
