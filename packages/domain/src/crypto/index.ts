/**
 * The domain's cryptographic primitives, one import for the ledger, the
 * server and the desktop. SHA-256 comes from `#sha256`, which package.json
 * "imports" resolves per platform (node:crypto on Node, @noble/hashes
 * elsewhere), so callers never pick a backend themselves.
 */
export { sha256, sha256Backend, sha256Into, sha256PairInto, sha256Utf8 } from '#sha256';
export { SHA256_SIZE, type Sha256Backend } from './sha256-contract.ts';
export {
  asBufferSource,
  bytesEqual,
  concatBytes,
  decodeBase64,
  decodeHex,
  decodeUtf8,
  encodeBase64,
  encodeHex,
  encodeUtf8,
} from './encoding.ts';
export {
  ED25519_PUBLIC_KEY_SIZE,
  ED25519_SEED_SIZE,
  ED25519_SIGNATURE_SIZE,
  exportEd25519Seed,
  generateEd25519KeyPair,
  importEd25519PublicKey,
  importEd25519Seed,
  signEd25519,
  verifyEd25519,
  type Ed25519KeyPair,
} from './ed25519.ts';
