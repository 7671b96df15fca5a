/**
 * The stock-tool path of VERIFY.md, run with this machine's own sha256sum,
 * openssl (3.0 or newer: `pkeyutl -rawin`) and coreutils: the commands are
 * taken from the bundle's VERIFY.md itself, so the guide cannot drift from
 * what works. They pass on a good bundle and fail where they cover a change.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { decodeBase64, encodeHex, encodeUtf8 } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, FILES } from '../src/index.ts';
import { appendEvents, enrolDevice, exportInput, fakeServer, JANUARY } from './fake-server.ts';
import { flipByte, text, unpack, type Files } from './tamper-kit.ts';

const dirs: string[] = [];
let good: Files;

beforeAll(async () => {
  const server = await fakeServer();
  appendEvents(server, 200);
  const exporter = await enrolDevice(server);
  const zip = await buildBundle(await exportInput(server, exporter, JANUARY, { reportPdf: encodeUtf8('%PDF-1.7\n%%EOF\n') }), exporter.device.privateKey);
  if (!zip.ok) throw new Error(zip.error.message);
  good = unpack(zip.value);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function extract(files: Files): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-bundle-'));
  dirs.push(dir);
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

/** The shell commands of VERIFY.md's stock-tool steps, in order. */
function guideCommands(files: Files): string[] {
  const guide = text(files, FILES.verifyGuide);
  const stock = guide.slice(guide.indexOf('## With stock tools'), guide.indexOf('### One event by hand'));
  return stock
    .split('\n')
    .filter((line) => /^ {4,}\S/.test(line))
    .map((line) => line.trim());
}

function run(dir: string, command: string): { status: number | null; out: string } {
  const result = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('stock tools', () => {
  it('the machine has OpenSSL 3', () => {
    expect(execFileSync('openssl', ['version'], { encoding: 'utf8' })).toMatch(/^OpenSSL [3-9]\./);
  });

  it('every VERIFY.md command passes on a good bundle', () => {
    const dir = extract(good);
    const commands = guideCommands(good);
    expect(commands.filter((c) => c.startsWith('openssl'))).toHaveLength(4); // manifest, certificate, checkpoint, scope
    expect(commands[0]).toBe('sha256sum -c SHA256SUMS');
    for (const command of commands) {
      const result = run(dir, command);
      expect(result.status, `${command}\n${result.out}`).toBe(0);
      if (command.startsWith('openssl')) expect(result.out).toContain('Signature Verified Successfully');
    }
  });

  it('sha256sum -c fails for a changed byte in any file but SHA256SUMS', () => {
    for (const path of good.keys()) {
      if (path === FILES.sums) continue;
      const result = run(extract(flipByte(good, path, 7)), 'sha256sum -c SHA256SUMS');
      expect(result.status, path).not.toBe(0);
      expect(result.out).toContain(`${path}: FAILED`);
    }
  });

  it('openssl refuses a changed manifest or signature', () => {
    const verify = `openssl pkeyutl -verify -pubin -inkey ${FILES.deviceKey} -rawin -in ${FILES.manifest} -sigfile ${FILES.manifestSig}`;
    for (const path of [FILES.manifest, FILES.manifestSig]) {
      const result = run(extract(flipByte(good, path, 20)), verify);
      expect(result.status, path).not.toBe(0);
      expect(result.out).toContain('Signature Verification Failure');
    }
  });

  it('openssl refuses a changed checkpoint, certificate or scope statement', () => {
    const commands = guideCommands(good);
    const checkpoint = commands.filter((c) => c.includes('checkpoint')).join(' && ');
    const cert = commands.find((c) => c.includes(FILES.deviceCertSig)) ?? '';
    const scope = commands.find((c) => c.includes(FILES.scopeSig)) ?? '';
    for (const [path, command] of [[FILES.checkpoint, checkpoint], [FILES.deviceCert, cert], [FILES.scope, scope]] as const) {
      const result = run(extract(flipByte(good, path, 30)), command);
      expect(result.status, `${path}: ${result.out}`).not.toBe(0);
    }
  });

  it('a leaf hash recomputed by hand equals the proof\'s', () => {
    const dir = extract(good);
    const proofs = JSON.parse(text(good, FILES.proofs)) as { proofs: { line: number; leafHash: string }[] };
    for (const proof of proofs.proofs.slice(0, 5)) {
      const result = run(dir, `sed -n '${proof.line}p' ${FILES.events} | tr -d '\\n' | (printf '\\000'; cat) | sha256sum`);
      const expected = decodeBase64(proof.leafHash);
      if (!expected.ok) throw new Error('bad leaf hash');
      expect(result.out.slice(0, 64)).toBe(encodeHex(expected.value));
    }
  });
});
