import { describe, expect, it } from 'vitest';
import {
  ED25519_PUBLIC_KEY_SIZE,
  ED25519_SIGNATURE_SIZE,
  exportEd25519Seed,
  generateEd25519KeyPair,
  importEd25519PublicKey,
  importEd25519Seed,
  signEd25519,
  verifyEd25519,
} from './ed25519.ts';
import { decodeHex, encodeHex, encodeUtf8 } from './encoding.ts';

function hex(text: string): Uint8Array {
  const decoded = decodeHex(text);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

// RFC 8032 §7.1, TEST 1 and TEST 2: Ed25519 is deterministic, so a seed must give exactly these bytes.
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

describe('Ed25519 through WebCrypto', () => {
  it('reproduces the RFC 8032 test vectors from their seeds', async () => {
    for (const vector of RFC8032) {
      const pair = unwrap(await importEd25519Seed(hex(vector.seed)));
      expect(encodeHex(pair.publicKey)).toBe(vector.publicKey);
      const signature = await signEd25519(pair.privateKey, hex(vector.message));
      expect(encodeHex(signature)).toBe(vector.signature);
      expect(await verifyEd25519(pair.publicKey, hex(vector.message), signature)).toBe(true);
    }
  });

  it('round-trips generate, sign and verify, and refuses any other message, key or signature', async () => {
    const pair = await generateEd25519KeyPair();
    const other = await generateEd25519KeyPair();
    const message = encodeUtf8('checkpoint 42');
    const signature = await signEd25519(pair.privateKey, message);
    expect(pair.publicKey).toHaveLength(ED25519_PUBLIC_KEY_SIZE);
    expect(signature).toHaveLength(ED25519_SIGNATURE_SIZE);
    expect(await verifyEd25519(pair.publicKey, message, signature)).toBe(true);
    expect(await verifyEd25519(pair.publicKey, encodeUtf8('checkpoint 43'), signature)).toBe(false);
    expect(await verifyEd25519(other.publicKey, message, signature)).toBe(false);
    const flipped = signature.slice();
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(await verifyEd25519(pair.publicKey, message, flipped)).toBe(false);
  });

  it('keeps generated and imported private keys non-extractable unless asked', async () => {
    const pair = await generateEd25519KeyPair();
    expect(pair.privateKey.extractable).toBe(false);
    expect(pair.privateKey.usages).toEqual(['sign']);
    const exported = await exportEd25519Seed(pair.privateKey);
    expect(exported.ok).toBe(false);
    if (!exported.ok) expect(exported.error.message).toMatch(/non-extractable/);

    const imported = unwrap(await importEd25519Seed(hex(RFC8032[0]?.seed ?? '')));
    expect(imported.privateKey.extractable).toBe(false);
  });

  it('exports the seed of an extractable key, and the seed rebuilds the same key pair', async () => {
    const pair = await generateEd25519KeyPair({ extractable: true });
    const seed = unwrap(await exportEd25519Seed(pair.privateKey));
    expect(seed).toHaveLength(32);
    const rebuilt = unwrap(await importEd25519Seed(seed, { extractable: true }));
    expect(encodeHex(rebuilt.publicKey)).toBe(encodeHex(pair.publicKey));
    expect(encodeHex(unwrap(await exportEd25519Seed(rebuilt.privateKey)))).toBe(encodeHex(seed));
    const message = encodeUtf8('same key');
    expect(await verifyEd25519(pair.publicKey, message, await signEd25519(rebuilt.privateKey, message))).toBe(true);
  });

  it('refuses to export a seed from a public key', async () => {
    const pair = await generateEd25519KeyPair();
    const publicKey = unwrap(await importEd25519PublicKey(pair.publicKey));
    const exported = await exportEd25519Seed(publicKey);
    expect(exported.ok).toBe(false);
    if (!exported.ok) expect(exported.error.message).toMatch(/expected an Ed25519 private key; got a public Ed25519 key/);
  });

  it('refuses seeds and public keys of the wrong length with a message that names the sizes', async () => {
    const seed = await importEd25519Seed(new Uint8Array(31));
    expect(seed.ok).toBe(false);
    if (!seed.ok) expect(seed.error).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/32 bytes; got 31/) as unknown });
    const key = await importEd25519PublicKey(new Uint8Array(33));
    expect(key.ok).toBe(false);
    if (!key.ok) expect(key.error.message).toMatch(/32 bytes; got 33/);
  });

  it('never throws while verifying: malformed keys and signatures are simply not verified', async () => {
    const pair = await generateEd25519KeyPair();
    const message = encodeUtf8('m');
    const signature = await signEd25519(pair.privateKey, message);
    expect(await verifyEd25519(new Uint8Array(0), message, signature)).toBe(false);
    expect(await verifyEd25519(new Uint8Array(32).fill(0xff), message, signature)).toBe(false);
    expect(await verifyEd25519(pair.publicKey, message, signature.subarray(0, 63))).toBe(false);
    expect(await verifyEd25519(pair.publicKey, message, new Uint8Array(65))).toBe(false);
    // A private key where a public one belongs: the platform throws, verifyEd25519 answers false.
    expect(await verifyEd25519(pair.privateKey, message, signature)).toBe(false);
  });
});
