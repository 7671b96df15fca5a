/**
 * Certificate lifecycle as the verifier sees it: a certificate covers
 * [issuedAt, expiresAt); a bundle made outside it fails, and the server's
 * scope statement binds the export to one signing key at the server's own
 * time, so a key the server no longer authorises (revoked) cannot make a
 * server-attested bundle that verifies.
 */
import { encodeBase64, generateEd25519KeyPair } from '@steward/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, formatReport, verifyBundle } from '../src/index.ts';
import { appendEvents, certify, DEVICE_ID, enrolDevice, exportInput, fakeServer, JANUARY, scopeStatement, type Exporter, type FakeServer } from './fake-server.ts';
import { resign, unpack } from './tamper-kit.ts';

let server: FakeServer;
let exporter: Exporter;

beforeAll(async () => {
  server = await fakeServer();
  appendEvents(server, 200);
  exporter = await enrolDevice(server);
});

const check = (report: Awaited<ReturnType<typeof verifyBundle>>, name: string) => report.checks.find((c) => c.check === name);

describe('certificate lifecycle', () => {
  it('the builder refuses to sign with a certificate that expired before the export', async () => {
    const expired = { ...exporter, certificate: await certify(server, exporter.device.publicKey, { expiresAt: '2025-01-15T00:00:00.000Z' }) };
    const built = await buildBundle(await exportInput(server, expired, JANUARY), expired.device.privateKey);
    expect(!built.ok && built.error.message).toMatch(/expired at 2025-01-15T00:00:00.000Z, before the export time/);
  });

  it('the verifier reports a certificate expired relative to the manifest\'s time', async () => {
    const good = await buildBundle(await exportInput(server, exporter, JANUARY), exporter.device.privateKey);
    if (!good.ok) throw new Error(good.error.message);
    // A device re-signs its manifest after changing its time to one after its certificate ran out.
    const lapsed = await resign(unpack(good.value), exporter.device.privateKey, (manifest) => ({ ...manifest, createdAt: '2026-06-01T00:00:00.000Z' }));
    const report = await verifyBundle(lapsed);
    expect(report.ok).toBe(false);
    expect(check(report, 'device certificate')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/expired at .*before the time the manifest says the bundle was made \(2026-06-01/) as unknown });
  });

  it('a server statement authorising another key fails "device authorised", naming both', async () => {
    const input = await exportInput(server, exporter, JANUARY);
    const other = await generateEd25519KeyPair();
    const indexes = input.events.map((e) => e.ledgerIndex ?? -1);
    const statement = await scopeStatement(server, JANUARY, server.tree.size, indexes, { deviceId: 'revoked-device', publicKey: encodeBase64(other.publicKey) });
    const refused = await buildBundle({ ...input, scopeStatement: statement }, exporter.device.privateKey);
    expect(!refused.ok && refused.error.message).toMatch(/authorised key revoked-device for this export, not this device's/);
  });

  it('a statement issued after the certificate expired fails "device authorised" (the server\'s time, not the device\'s)', async () => {
    const shortLived = { ...exporter, certificate: await certify(server, exporter.device.publicKey, { expiresAt: '2025-03-01T00:00:00.000Z' }) };
    const input = await exportInput(server, shortLived, JANUARY, { createdAt: '2025-02-01T00:00:00.000Z' });
    const late = await scopeStatement(server, JANUARY, server.tree.size, input.events.map((e) => e.ledgerIndex ?? -1), { deviceId: DEVICE_ID, publicKey: encodeBase64(exporter.device.publicKey) }, '2025-04-01T00:00:00.000Z');
    // The builder trusts the statement's signer binding; the verifier also checks its time against the certificate.
    const built = await buildBundle({ ...input, scopeStatement: late }, exporter.device.privateKey);
    if (!built.ok) throw new Error(built.error.message);
    const report = await verifyBundle(built.value);
    expect(report.ok).toBe(false);
    expect(check(report, 'device authorised')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/expired at 2025-03-01.*before the server's statement \(2025-04-01/) as unknown });
    expect(report.checks.filter((c) => c.status !== 'pass').map((c) => c.check), formatReport(report)).toEqual(['device authorised']);
  });
});
