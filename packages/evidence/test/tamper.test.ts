/** Any change to a bundle fails verification, and the verifier names what broke. */
import { encodeUtf8 } from '@steward/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, FILES, formatReport, verifyBundle, type VerifyReport } from '../src/index.ts';
import { appendEvents, enrolDevice, exportInput, fakeServer, JANUARY, type Exporter } from './fake-server.ts';
import { flipByte, pack, resign, text, unpack, type Files } from './tamper-kit.ts';

let exporter: Exporter;
let good: Files;

beforeAll(async () => {
  const server = await fakeServer();
  appendEvents(server, 300);
  exporter = await enrolDevice(server);
  const zip = await buildBundle(await exportInput(server, exporter, JANUARY, { reportPdf: encodeUtf8('%PDF-1.7\n% a report\n%%EOF\n') }), exporter.device.privateKey);
  if (!zip.ok) throw new Error(zip.error.message);
  good = unpack(zip.value);
  expect((await verifyBundle(zip.value)).ok).toBe(true);
});

function failed(report: VerifyReport): Record<string, string> {
  return Object.fromEntries(report.checks.filter((c) => c.status === 'fail' || c.status === 'skip').map((c) => [c.check, c.detail]));
}

describe('changing any byte of any file', () => {
  it.each([...Object.values(FILES)].filter((f) => f !== FILES.sums))('fails for %s, naming the file', async (path) => {
    for (const at of [0, 1, 97, -2]) {
      const report = await verifyBundle(pack(flipByte(good, path, at)));
      expect(report.ok, `${path} byte ${at}:\n${formatReport(report)}`).toBe(false);
      // SHA256SUMS covers every file but itself, and names it.
      expect(failed(report)['SHA256SUMS'], `${path} byte ${at}`).toContain(path);
    }
  });

  it('fails for SHA256SUMS itself', async () => {
    for (const at of [0, 64, 65, -1]) {
      const report = await verifyBundle(pack(flipByte(good, FILES.sums, at)));
      expect(report.ok).toBe(false);
      expect(Object.keys(failed(report))).toContain('SHA256SUMS');
    }
  });

  it('fails for a file added, removed or renamed', async () => {
    const added = new Map(good).set('notes.txt', encodeUtf8('trust me'));
    expect(failed(await verifyBundle(pack(added)))['archive']).toMatch(/unexpected file notes.txt/);
    const removed = new Map(good);
    removed.delete(FILES.report);
    expect(failed(await verifyBundle(pack(removed)))['file hashes']).toMatch(/report.pdf is listed in the manifest but missing/);
  });

  it('fails for bytes that are not a zip', async () => {
    const report = await verifyBundle(encodeUtf8('PK not really'));
    expect(failed(report)['archive']).toMatch(/not a readable zip/);
  });
});

describe('a forger who re-signs the manifest with the device key', () => {
  it('cannot drop an event from the middle: completeness names its ledger index', async () => {
    const lines = text(good, FILES.events).split('\n');
    const dropLine = Math.floor(lines.length / 2);
    const proofs = JSON.parse(text(good, FILES.proofs)) as { proofs: { line: number; index: number }[] };
    const dropped = proofs.proofs[dropLine - 1];
    if (dropped === undefined) throw new Error('no proof');
    // The careless forger: only events.jsonl changes.
    const careless = new Map(good).set(FILES.events, encodeUtf8(lines.filter((_, i) => i !== dropLine - 1).join('\n')));
    const carelessReport = failed(await verifyBundle(pack(careless)));
    expect(carelessReport['file hashes']).toMatch(/events.jsonl has changed/);
    expect(carelessReport['events']).toMatch(/manifest says \d+ events/);

    // The device rebuilds a fully consistent bundle without the event: only the server's statement catches it.
    const { buildBundle: rebuild } = await import('../src/index.ts');
    const server = await fakeServer();
    appendEvents(server, 300);
    const device = await enrolDevice(server);
    const input = await exportInput(server, device, JANUARY);
    const victim = input.events[10];
    if (victim === undefined) throw new Error('no event');
    const events = input.events.filter((e) => e.id !== victim.id);
    // The builder itself refuses; a forger would skip that check, so forge by hand: build with the victim's proof removed and statement replaced.
    expect((await rebuild({ ...input, events }, device.device.privateKey)).ok).toBe(false);
    const { scopeStatement: _dropped, ...unattested } = input;
    const zip = await rebuild({ ...unattested, events, proofs: { nodes: input.proofs.nodes, proofs: input.proofs.proofs.filter((p) => p.eventId !== victim.id) } }, device.device.privateKey);
    if (!zip.ok) throw new Error(zip.error.message);
    const forged = unpack(zip.value);
    const statement = input.scopeStatement;
    if (statement === undefined) throw new Error('no statement');
    forged.set(FILES.scope, encodeUtf8(statement.statement));
    forged.set(FILES.scopeSig, Uint8Array.from(atob(statement.signature), (c) => c.charCodeAt(0)));
    const report = await verifyBundle(await resign(forged, device.device.privateKey, (m) => ({ ...m, completeness: 'server-attested' })));
    expect(Object.keys(failed(report)), formatReport(report)).toEqual(['completeness']);
    expect(failed(report)['completeness']).toContain(`ledger index ${victim.ledgerIndex ?? -1}`);
  });

  it('cannot change an event', async () => {
    const lines = text(good, FILES.events).split('\n');
    lines[4] = (lines[4] ?? '').replace('"outcome":"success"', '"outcome":"failure"').replace('"outcome":"denied"', '"outcome":"failure"');
    const report = failed(await verifyBundle(await resign(new Map(good).set(FILES.events, encodeUtf8(lines.join('\n'))), exporter.device.privateKey)));
    expect(report['inclusion proofs']).toMatch(/line 5 .*leaf hash is not the one the proof starts from/);
  });

  it('cannot change a proof', async () => {
    const proofs = text(good, FILES.proofs).split('\n');
    const nodeLine = proofs.findIndex((l) => l.startsWith('"') && l.length > 40);
    proofs[nodeLine] = `"${'A'.repeat(43)}=",`;
    const report = failed(await verifyBundle(await resign(new Map(good).set(FILES.proofs, encodeUtf8(proofs.join('\n'))), exporter.device.privateKey)));
    expect(report['inclusion proofs']).toMatch(/line \d+ \(event .*\): the proof does not lead from leaf/);
  });

  it('cannot change the checkpoint', async () => {
    const note = text(good, FILES.checkpoint).split('\n');
    note[1] = String(Number(note[1]) + 1);
    const report = failed(await verifyBundle(await resign(new Map(good).set(FILES.checkpoint, encodeUtf8(note.join('\n'))), exporter.device.privateKey)));
    expect(report['checkpoint']).toMatch(/not signed by the server key/);
  });

  it('cannot change the CSV', async () => {
    const csv = text(good, FILES.csv).replace('session.login', 'session.logout');
    const report = failed(await verifyBundle(await resign(new Map(good).set(FILES.csv, encodeUtf8(csv)), exporter.device.privateKey)));
    expect(report['events.csv']).toMatch(/row \d+ differs from line \d+ of events.jsonl/);
  });

  it('cannot widen the scope it claims', async () => {
    const report = failed(await verifyBundle(await resign(good, exporter.device.privateKey, (m) => ({ ...m, scope: { ...m.scope, to: '2026-01-01T00:00:00.000Z' } }))));
    expect(report['completeness']).toMatch(/statement is for another tenant, period or filters/);
  });
});

describe('signatures', () => {
  it('a changed manifest signature fails the manifest signature check', async () => {
    const report = failed(await verifyBundle(pack(flipByte(good, FILES.manifestSig, 10))));
    expect(report['manifest signature']).toMatch(/not a signature of manifest.json by the device key/);
  });

  it('a device certificate from another server fails', async () => {
    const other = await fakeServer();
    const { certify } = await import('./fake-server.ts');
    const cert = await certify(other, exporter.device.publicKey);
    const files = new Map(good).set(FILES.deviceCert, encodeUtf8(cert.certificate)).set(FILES.deviceCertSig, Uint8Array.from(atob(cert.signature), (c) => c.charCodeAt(0)));
    const report = failed(await verifyBundle(await resign(files, exporter.device.privateKey)));
    expect(report['device certificate']).toMatch(/not signed by the server key/);
    expect(report['manifest signature']).toMatch(/not checked/);
  });
});
