/**
 * Tools for tamper tests: unpack a bundle, change it, and pack it again —
 * either as a careless forger (files changed, nothing recomputed) or as the
 * strongest forger short of the server, the exporting device itself, which
 * recomputes every hash and re-signs the manifest with its own key.
 */
import { encodeUtf8, signEd25519 } from '@steward/domain';
import { FILES, packZip, unpackZip, type Manifest } from '../src/index.ts';
import { isManifestListed } from '../src/layout.ts';
import { formatManifest } from '../src/manifest.ts';
import { formatSums, sha256Hex } from '../src/sums.ts';

export type Files = Map<string, Uint8Array>;

export function unpack(zip: Uint8Array): Files {
  const files = unpackZip(zip);
  if (!files.ok) throw new Error(files.problem);
  return files.files;
}

export function pack(files: Files): Uint8Array {
  return packZip(files, new Date(Date.UTC(2025, 1, 1)));
}

export function text(files: Files, path: string): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.get(path));
}

/** A copy of the bundle with one byte of `path` changed (at `at`, wrapped into range). */
export function flipByte(files: Files, path: string, at: number): Files {
  const copy = new Map(files);
  const original = files.get(path);
  if (original === undefined || original.length === 0) throw new Error(`no ${path}`);
  const changed = original.slice();
  const i = ((at % changed.length) + changed.length) % changed.length;
  // Flip a low bit, but keep ASCII text ASCII so JSON stays JSON where possible.
  changed[i] = (changed[i] ?? 0) ^ ((changed[i] ?? 0) === 0x31 ? 0x03 : 0x01);
  copy.set(path, changed);
  return copy;
}

/** Re-signs as the device: manifest hashes (and any manifest edit) recomputed, manifest signed, SHA256SUMS rewritten. */
export async function resign(files: Files, deviceKey: CryptoKey, edit: (m: Manifest) => Manifest = (m) => m): Promise<Uint8Array> {
  const copy = new Map(files);
  const manifest = JSON.parse(text(files, FILES.manifest)) as Manifest;
  const listed = Object.fromEntries(
    [...copy.entries()]
      .filter(([path]) => isManifestListed(path))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, bytes]) => [path, { sha256: sha256Hex(bytes), bytes: bytes.length }]),
  );
  const bytes = encodeUtf8(formatManifest(edit({ ...manifest, files: listed })));
  copy.set(FILES.manifest, bytes);
  copy.set(FILES.manifestSig, await signEd25519(deviceKey, bytes));
  copy.delete(FILES.sums);
  copy.set(FILES.sums, encodeUtf8(formatSums([...copy.entries()].map(([path, b]) => ({ path, sha256: sha256Hex(b) })))));
  return pack(copy);
}
