/**
 * Evidence export end to end against a real server on both databases: the
 * steward-export and steward-verify commands run as their own processes
 * (plain Node, as an auditor's pipeline runs them), a device enrolled with
 * `steward-export enroll`, exports with a session token and with an API
 * key, and the server's refusals: another tenant, no audit:export, a tree
 * size no checkpoint has.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvents, type NewAuditEvent } from '../src/ledger/record.ts';
import { DATABASE_KINDS } from './databases.ts';
import { UNCERTIFIED_SIGNER } from './evidence-isolation-cases.ts';
import { startHarness, type Harness } from './harness.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

const run = promisify(execFile);
const bin = (name: string): string => fileURLToPath(new URL(`../../../packages/evidence/bin/${name}.js`, import.meta.url));

interface Ran {
  readonly code: number;
  readonly out: string;
}

/** Runs a CLI without blocking this process's event loop (the server under test runs in it). */
async function cli(name: string, args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin(name), ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (cause) {
    const failed = cause as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

function events(tenantId: string, count: number, action: string): NewAuditEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    tenantId,
    actorId: WORLD.acme.admin,
    actorType: 'user' as const,
    action,
    resourceType: 'roleAssignment',
    resourceId: `=cmd|' /C calc'!A${i}`,
    outcome: i % 4 === 0 ? ('denied' as const) : ('success' as const),
    context: { reason: 'Revue trimestrielle, "accès"', n: i },
    pii: i % 5 === 0,
  }));
}

describe.each(DATABASE_KINDS)('evidence export on %s', { timeout: 120_000 }, (kind) => {
  let h: Harness;
  let dir: string;
  let keyFile: string;
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();

  beforeAll(async () => {
    h = await startHarness(kind);
    dir = mkdtempSync(join(tmpdir(), 'steward-evidence-'));
    keyFile = join(dir, 'device-key.json');
    // Interleaved tenants, so acme's events are scattered leaves of the one ledger.
    for (let round = 0; round < 3; round++) {
      await recordAuditEvents(h.steward.services, events(WORLD.acme.id, 40, 'role.assign'));
      await recordAuditEvents(h.steward.services, events(WORLD.globex.id, 25, 'role.assign'));
      await recordAuditEvents(h.steward.services, events(WORLD.acme.id, 10, 'user.update'));
    }
  });

  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrols a device, exports the tenant\'s period, and the bundle verifies', async () => {
    const enrolled = await cli('steward-export', ['enroll', '--server', h.url, '--email', email('acme', 'officer'), '--device-name', 'CI exporter', '--key-file', keyFile], { STEWARD_PASSWORD: WORLD_PASSWORD });
    expect(enrolled.code, enrolled.out).toBe(0);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ version: 1, algorithm: 'Ed25519', server: h.url });

    const { token } = await h.client().auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD });
    const out = join(dir, 'acme.zip');
    const exported = await cli('steward-export', ['--server', h.url, '--tenant', 'acme', '--from', from, '--to', to, '--key-file', keyFile, '--out', out], { STEWARD_TOKEN: token });
    expect(exported.code, exported.out).toBe(0);
    expect(exported.out).toMatch(/wrote .*acme\.zip: \d+ audit events of acme/);

    const verified = await cli('steward-verify', [out]);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/PASS {2}completeness: the server's signed statement lists \d+ events/);
    expect(verified.out).toContain('VERIFIED');

    // Pinned to the key the server publishes (obtained apart from the bundle).
    const published = await h.client().ledger.publicKey.query();
    const pinned = await cli('steward-verify', ['--server-key', published.verifierKey, out]);
    expect(pinned.code, pinned.out).toBe(0);

    // Every acme event of the period up to the checkpoint is in it: 150 recorded above plus sign-ins.
    const json = await cli('steward-verify', ['--json', out]);
    const report = JSON.parse(json.out) as { checks: { check: string; detail: string }[] };
    const count = Number(/(\d+) events,/.exec(report.checks.find((c) => c.check === 'events')?.detail ?? '')?.[1]);
    expect(count).toBeGreaterThanOrEqual(150);

    // The export itself is an audit event of the tenant.
    const exportEvents = await h.steward.services.db.selectFrom('documents').select('body').where('collection', '=', 'auditEvents').where('tenant_id', '=', WORLD.acme.id).execute();
    expect(exportEvents.some((r) => r.body.includes('"action":"evidence.export"'))).toBe(true);
  });

  it('exports with an API key and filters, signed by the API key\'s export key, with a report rendered by the server', async () => {
    const platform = await h.signIn('platform@steward.test');
    const { id, key } = await platform.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Auditor pipeline', permissions: ['audit:export', 'report:read'] });
    const pipelineKey = join(dir, 'pipeline-key.json');
    const enrolled = await cli('steward-export', ['enroll', '--server', h.url, '--device-name', 'Nightly evidence', '--key-file', pipelineKey], { STEWARD_API_KEY: key });
    expect(enrolled.code, enrolled.out).toBe(0);
    expect(enrolled.out).toContain(`export key "Nightly evidence"`);
    expect(enrolled.out).toContain(`of API key ${id}`);

    // The person's device key cannot sign for the API key.
    const borrowed = await cli('steward-export', ['--server', h.url, '--tenant', 'acme', '--from', from, '--to', to, '--key-file', keyFile, '--out', join(dir, 'borrowed.zip')], { STEWARD_API_KEY: key });
    expect(borrowed.code).toBe(1);
    expect(borrowed.out).toMatch(/not one of yours/);

    const out = join(dir, 'acme-denied.zip');
    const exported = await cli('steward-export', ['--server', h.url, '--tenant', WORLD.acme.id, '--from', from, '--to', to, '--outcome', 'denied', '--action', 'role.assign', '--report', 'access-review', '--key-file', pipelineKey, '--out', out], { STEWARD_API_KEY: key });
    expect(exported.code, exported.out).toBe(0);
    expect(exported.out).toContain('with the access-review report');
    const verified = await cli('steward-verify', [out]);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/PASS {2}events: 30 events/); // 3 rounds × 10 denied role.assign
    expect(verified.out).toMatch(/PASS {2}device certificate: export key "Nightly evidence" .* of API key /);
    expect(verified.out).toMatch(/PASS {2}device authorised: /);

    // report.pdf is in the bundle, listed in the manifest and SHA256SUMS, and a PDF.
    const work = mkdtempSync(join(dir, 'report-'));
    await run('unzip', ['-q', out, '-d', work]);
    const manifest = JSON.parse(readFileSync(join(work, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string }>; device: { holderType: string } };
    expect(manifest.files['report.pdf']?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.device.holderType).toBe('apiKey');
    expect(readFileSync(join(work, 'SHA256SUMS'), 'utf8')).toContain(`${manifest.files['report.pdf']?.sha256 ?? ''}  report.pdf`);
    expect(readFileSync(join(work, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: work });
    expect(sums.stdout).toContain('report.pdf: OK');

    // A changed report fails the verifier like any file.
    const pdf = readFileSync(join(work, 'report.pdf'));
    pdf[pdf.length - 10] = (pdf[pdf.length - 10] ?? 0) ^ 1;
    writeFileSync(join(work, 'report.pdf'), pdf);
    const tampered = join(dir, 'report-tampered.zip');
    await run('zip', ['-q', '-r', tampered, '.'], { cwd: work });
    const refused = await cli('steward-verify', [tampered]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/FAIL {2}file hashes: report\.pdf has changed/);

    // Revoking the API key revokes its export key: the next scheduled export is refused.
    await platform.apiKeys.revoke.mutate({ tenantId: WORLD.acme.id, id });
    const { key: second } = await platform.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Replacement', permissions: ['audit:export'] });
    const afterRevoke = await cli('steward-export', ['--server', h.url, '--tenant', 'acme', '--from', from, '--to', to, '--key-file', pipelineKey, '--out', join(dir, 'revoked.zip')], { STEWARD_API_KEY: second });
    expect(afterRevoke.code).toBe(1);
    expect(afterRevoke.out).toMatch(/not one of yours|revoked/);
  });

  it('a bundle changed after export (unzipped, edited, zipped again with stock tools) fails, naming what broke', async () => {
    const work = mkdtempSync(join(dir, 'edit-'));
    await run('unzip', ['-q', join(dir, 'acme.zip'), '-d', work]);
    const path = join(work, 'events.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"outcome":"denied"', '"outcome":"success"'));
    const tampered = join(dir, 'tampered.zip');
    await run('zip', ['-q', '-r', tampered, '.'], { cwd: work });
    const verified = await cli('steward-verify', [tampered]);
    expect(verified.code).toBe(1);
    expect(verified.out).toMatch(/FAIL {2}file hashes: events\.jsonl has changed/);
    expect(verified.out).toMatch(/FAIL {2}inclusion proofs: line \d+ \(event .*\): the event's leaf hash is not the one the proof starts from/);
    expect(verified.out).toContain('NOT VERIFIED');
  });

  describe('refusals', () => {
    const scope = { tenant: 'globex', from, to, signer: UNCERTIFIED_SIGNER };

    it('another tenant, or a tenant without audit:export, is NOT_FOUND and nothing is recorded', async () => {
      const officer = await h.signIn(email('acme', 'officer'));
      await expect(officer.evidence.prepare.mutate(scope)).rejects.toThrow(/No tenant "globex" whose audit events you may export/);
      await expect(officer.evidence.events.query({ scope: { tenant: 'globex', from, to }, treeSize: 1 })).rejects.toThrow(/No tenant "globex"/);
      const admin = await h.signIn(email('acme', 'admin'));
      await expect(admin.evidence.prepare.mutate({ ...scope, tenant: 'acme' })).rejects.toThrow(/audit:export/);
      await expect(officer.evidence.prepare.mutate({ ...scope, tenant: 'nope' })).rejects.toThrow(/No tenant "nope"/);
      const globexExports = await h.steward.services.db.selectFrom('documents').select('body').where('collection', '=', 'auditEvents').where('tenant_id', '=', WORLD.globex.id).execute();
      expect(globexExports.some((r) => r.body.includes('evidence.export'))).toBe(false);
    });

    it('an API key of one tenant cannot export another', async () => {
      const platform = await h.signIn('platform@steward.test');
      const { key } = await platform.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Acme only', permissions: ['audit:export'] });
      await expect(h.client(key).evidence.prepare.mutate(scope)).rejects.toThrow(/No tenant "globex"/);
    });

    it('bad periods and tree sizes are refused with a clear message', async () => {
      const officer = await h.signIn(email('acme', 'officer'));
      await expect(officer.evidence.prepare.mutate({ tenant: 'acme', from: to, to: from, signer: UNCERTIFIED_SIGNER })).rejects.toThrow(/"from" must be before "to"/);
      await expect(officer.evidence.prepare.mutate({ tenant: 'acme', from: 'yesterday', to, signer: UNCERTIFIED_SIGNER })).rejects.toThrow(/ISO 8601/);
      await expect(officer.evidence.events.query({ scope: { tenant: 'acme', from, to }, treeSize: 987_654 })).rejects.toThrow(/No signed checkpoint has 987654 entries/);
    });

    it('steward-export says what is wrong with its arguments and the key file', async () => {
      const missing = await cli('steward-export', ['--server', h.url, '--tenant', 'acme', '--from', from, '--to', to, '--key-file', join(dir, 'none.json'), '--out', join(dir, 'x.zip')], { STEWARD_TOKEN: 'stw_s_x' });
      expect(missing.code).toBe(1);
      expect(missing.out).toMatch(/cannot read the device key file .*steward-export enroll/);
      const report = await cli('steward-export', ['--server', h.url, '--key-file', keyFile, '--token', 'stw_s_x', '--tenant', 'acme', '--from', from, '--to', to, '--out', join(dir, 'x.zip'), '--report', 'nope']);
      expect(report.code).toBe(2);
      expect(report.out).toMatch(/unknown report template "nope"/);
      const again = await cli('steward-export', ['enroll', '--server', h.url, '--email', email('acme', 'officer'), '--device-name', 'Twice', '--key-file', keyFile], { STEWARD_PASSWORD: WORLD_PASSWORD });
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/never overwritten/);
    });
  });
});
