/**
 * SHA256SUMS in the format GNU `sha256sum` writes and `sha256sum -c` reads:
 * `<64 lowercase hex><space><space><path>\n` per file (text mode), sorted
 * by path in byte order so the file is the same whoever builds it.
 */
import { encodeHex, sha256 } from '@steward/domain';

export interface FileDigest {
  readonly path: string;
  /** Lowercase hex SHA-256. */
  readonly sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return encodeHex(sha256(bytes));
}

/** The SHA256SUMS text for these files. Paths never contain newlines or backslashes (bundle paths are fixed names). */
export function formatSums(files: readonly FileDigest[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
}
