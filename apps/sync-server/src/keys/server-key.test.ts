import { createPublicKey } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeUtf8, parseVerifierKey, signEd25519, verifyEd25519 } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateServerKey, SERVER_KEY_FILE, type ServerKey, type ServerKeyResult } from './server-key.ts';

const NOW = new Date('2026-03-01T09:00:00.000Z');

function keyOf(result: ServerKeyResult): ServerKey {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('server key', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a private key file (mode 0600, in a 0700 directory) at first start and loads the same key afterwards', async () => {
    const dataDir = join(tempDir(), 'data');
    const created = keyOf(await loadOrCreateServerKey(dataDir, 'steward.example', NOW));
    const path = join(dataDir, SERVER_KEY_FILE);
    expect(created.path).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['version', 'algorithm', 'seed', 'createdAt']);
    expect(file).toMatchObject({ version: 1, algorithm: 'Ed25519', createdAt: NOW.toISOString() });
    expect(Buffer.from(String(file['seed']), 'base64')).toHaveLength(32);
    expect(readdirSync(dataDir)).toEqual([SERVER_KEY_FILE]); // no temporary file left behind

    const loaded = keyOf(await loadOrCreateServerKey(dataDir, 'steward.example', new Date('2030-01-01T00:00:00.000Z')));
    expect(loaded.publicKey).toEqual(created.publicKey);
    expect(loaded.keyId).toBe(created.keyId);
    expect(loaded.createdAt).toBe(NOW.toISOString());
    expect(loaded.privateKey.extractable).toBe(false);
  });

  it('signs with the private key, verifiable with the public key alone', async () => {
    const key = keyOf(await loadOrCreateServerKey(tempDir(), 'steward.example'));
    const message = encodeUtf8('checkpoint');
    const signature = await signEd25519(key.privateKey, message);
    expect(await verifyEd25519(key.publicKey, message, signature)).toBe(true);
  });

  it('publishes a C2SP verifier key whose key ID matches the name and key', async () => {
    const key = keyOf(await loadOrCreateServerKey(tempDir(), 'steward.example'));
    expect(key.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(key.verifierKey.startsWith(`steward.example+${key.keyId}+`)).toBe(true);
    const parsed = parseVerifierKey(key.verifierKey);
    expect(parsed.ok && parsed.value.publicKey).toEqual(key.publicKey);
    expect(key.signer.verifierKey).toBe(key.verifierKey);
  });

  it('exports the public key as PEM SPKI that node:crypto (OpenSSL) reads back to the same key', async () => {
    const key = keyOf(await loadOrCreateServerKey(tempDir(), 'steward.example'));
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=]{60}\n-----END PUBLIC KEY-----\n$/);
    const imported = createPublicKey(key.publicKeyPem);
    expect(imported.asymmetricKeyType).toBe('ed25519');
    expect(imported.export({ format: 'jwk' }).x).toBe(Buffer.from(key.publicKey).toString('base64url'));
  });

  it('ends up with one key when two starts race', async () => {
    const dataDir = tempDir();
    const keys = (await Promise.all([1, 2, 3].map(() => loadOrCreateServerKey(dataDir, 'steward.example')))).map(keyOf);
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    expect(readdirSync(dataDir)).toEqual([SERVER_KEY_FILE]);
  });

  it('refuses a key file other users can read or write, saying how to fix it', async () => {
    for (const mode of [0o644, 0o640, 0o604, 0o620]) {
      const dataDir = tempDir();
      keyOf(await loadOrCreateServerKey(dataDir, 'steward.example'));
      const path = join(dataDir, SERVER_KEY_FILE);
      chmodSync(path, mode);
      const result = await loadOrCreateServerKey(dataDir, 'steward.example');
      expect(result.ok ? 'loaded' : result.error.code).toBe('INSECURE_KEY_FILE');
      expect(result.ok ? '' : result.error.message).toContain(`(mode 0${mode.toString(8)})`);
      expect(result.ok ? '' : result.error.message).toContain(`chmod 600 ${path}`);
    }
  });

  it('refuses a damaged key file with a clear message and never overwrites it', async () => {
    const cases: [string, RegExp][] = [
      ['not json', /is damaged: it is not JSON/],
      ['{"version":2,"algorithm":"Ed25519","seed":"","createdAt":"2026-01-01T00:00:00Z"}', /version 2 is not supported/],
      [`{"version":1,"algorithm":"Ed25519","seed":"${Buffer.alloc(31).toString('base64')}","createdAt":"2026-01-01T00:00:00Z"}`, /32 bytes; got 31/],
      ['{"version":1,"algorithm":"Ed25519","seed":"not base64!","createdAt":"2026-01-01T00:00:00Z"}', /is damaged: base64/],
    ];
    for (const [content, message] of cases) {
      const dataDir = tempDir();
      const path = join(dataDir, SERVER_KEY_FILE);
      writeFileSync(path, content, { mode: 0o600 });
      const result = await loadOrCreateServerKey(dataDir, 'steward.example');
      expect(result.ok ? 'loaded' : result.error.code).toBe('INVALID_KEY_FILE');
      expect(result.ok ? '' : result.error.message).toMatch(message);
      expect(readFileSync(path, 'utf8')).toBe(content);
    }
  });

  it('refuses a key name that C2SP notes cannot carry, before touching the disk', async () => {
    const dataDir = join(tempDir(), 'never-created');
    const result = await loadOrCreateServerKey(dataDir, 'has space');
    expect(result.ok ? 'loaded' : result.error.code).toBe('INVALID_KEY_NAME');
    expect(() => statSync(dataDir)).toThrow();
  });
});
