/** A bundle built from a ledger verifies; the builder refuses what the verifier would reject. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, formatReport, unpackZip, verifyBundle, FILES } from '../src/index.ts';
import { appendEvents, checkpointNote, enrolDevice, exportInput, fakeServer, JANUARY, proofsFor, type ExportInput, type Exporter, type FakeServer } from './fake-server.ts';

let server: FakeServer;
let exporter: Exporter;

beforeAll(async () => {
  server = await fakeServer();
  appendEvents(server, 500);
  exporter = await enrolDevice(server);
});

async function build(input: ExportInput): Promise<Uint8Array> {
  const zip = await buildBundle(input, exporter.device.privateKey);
  if (!zip.ok) throw new Error(zip.error.message);
  return zip.value;
}

describe('round trip', () => {
  it('verifies a bundle with every check passing', async () => {
    const zip = await build(await exportInput(server, exporter, JANUARY, { reportPdf: new TextEncoder().encode('%PDF-1.7 fake') }));
    const report = await verifyBundle(zip);
    expect(report.checks.filter((c) => c.status !== 'pass'), formatReport(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.check)).toEqual([
      'archive', 'manifest', 'file hashes', 'SHA256SUMS', 'server key', 'device certificate', 'manifest signature', 'checkpoint', 'events', 'inclusion proofs', 'events.csv', 'scope', 'completeness', 'device authorised',
    ]);
    const files = unpackZip(zip);
    expect(files.ok && [...files.files.keys()].sort()).toEqual([
      'SHA256SUMS', 'VERIFY.md', 'checkpoint', 'device-cert.json', 'device-cert.sig', 'events.csv', 'events.jsonl', 'keys/device.pub.pem', 'keys/server.pub.pem', 'manifest.json', 'manifest.sig', 'proofs.json', 'report.pdf', 'scope.json', 'scope.sig',
    ]);
  });

  it('exports only the tenant, period and filters asked for', async () => {
    const scope = { ...JANUARY, from: '2025-01-01T01:00:00.000Z', to: '2025-01-01T05:00:00.000Z', filters: { actions: ['role.assign'] } };
    const input = await exportInput(server, exporter, scope);
    expect(input.events.length).toBeGreaterThan(5);
    const report = await verifyBundle(await build(input));
    expect(report.ok, formatReport(report)).toBe(true);
  });

  it('verifies an empty export', async () => {
    const scope = { ...JANUARY, from: '2030-01-01T00:00:00.000Z', to: '2030-02-01T00:00:00.000Z' };
    const report = await verifyBundle(await build(await exportInput(server, exporter, scope)));
    expect(report.ok, formatReport(report)).toBe(true);
  });

  it('marks events beyond the checkpoint as unproven: the verifier fails them unless partial evidence is allowed', async () => {
    const input = await exportInput(server, exporter, JANUARY);
    const note = await checkpointNote(server, 400);
    const proven = input.events.filter((e) => (e.ledgerIndex ?? 0) < 400);
    const { scopeStatement: _attested, ...withoutStatement } = input;
    const offline = { ...withoutStatement, checkpoint: note, proofs: proofsFor(server, proven, 400) };
    const zip = await build(offline);
    const files = unpackZip(zip);
    if (!files.ok) throw new Error(files.problem);
    const manifest = JSON.parse(new TextDecoder().decode(files.files.get(FILES.manifest))) as { events: { unproven: unknown[]; proven: number }; completeness: string };
    expect(manifest.events.unproven).toHaveLength(input.events.length - proven.length);
    expect(manifest.events.proven).toBe(proven.length);
    expect(manifest.completeness).toBe('not-attested');
    const strict = await verifyBundle(zip);
    expect(strict.ok).toBe(false);
    expect(strict.checks.filter((c) => c.status === 'fail').map((c) => c.check)).toEqual(['unproven events', 'completeness', 'device authorised']);
    const partial = await verifyBundle(zip, { allowPartial: true });
    expect(partial.ok, formatReport(partial)).toBe(true);
    expect(partial.checks.filter((c) => c.status === 'warn').map((c) => c.check)).toEqual(['unproven events', 'completeness', 'device authorised']);
  });

  it('refuses to sign with a key other than the certified device key', async () => {
    const other = await enrolDevice(server);
    const zip = await buildBundle(await exportInput(server, exporter, JANUARY), other.device.privateKey);
    expect(zip.ok).toBe(false);
    expect(!zip.ok && zip.error.message).toMatch(/not the device key the certificate names/);
  });

  it('refuses an event that differs from what the ledger recorded', async () => {
    const input = await exportInput(server, exporter, JANUARY);
    const [first, ...rest] = input.events;
    if (first === undefined) throw new Error('no events');
    const zip = await buildBundle({ ...input, events: [{ ...first, outcome: 'failure' }, ...rest] }, exporter.device.privateKey);
    expect(!zip.ok && zip.error.message).toMatch(/leaf hash differs/);
  });

  it('refuses a scope statement that does not list exactly the proven events', async () => {
    const input = await exportInput(server, exporter, JANUARY);
    const zip = await buildBundle({ ...input, events: input.events.slice(1) }, exporter.device.privateKey);
    expect(!zip.ok && zip.error.message).toMatch(/server lists \d+ events in scope/);
  });

  it('pins the server key when asked', async () => {
    const zip = await build(await exportInput(server, exporter, JANUARY));
    const other = await fakeServer();
    const report = await verifyBundle(zip, { pinnedServerKey: other.key.publicKey });
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.check === 'server key')?.detail).toMatch(/NOT the key you pinned/);
    expect((await verifyBundle(zip, { pinnedServerKey: server.key.publicKey })).ok).toBe(true);
  });
});
