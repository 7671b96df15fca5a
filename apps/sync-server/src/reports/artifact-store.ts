/**
 * Where report artifacts are kept for download. Content-addressed: the file
 * name is the artifact's SHA-256, the same hash the reportRuns document
 * records, so a run and its bytes can never disagree unnoticed — `get`
 * re-hashes what it reads — and writing the same report twice costs nothing.
 *
 * One contract, two implementations: files under the data directory (the
 * server), memory (tests). Several server processes sharing one PostgreSQL
 * need a shared directory (or an object store behind this same contract).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ArtifactStore {
  /** Keeps `bytes` under their SHA-256 (lowercase hex); idempotent. */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under `sha256`, or undefined when missing or damaged. */
  get(sha256: string): Promise<Uint8Array | undefined>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checked(sha256: string, bytes: Uint8Array): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  if (digest(bytes) !== sha256) throw new Error(`the artifact's bytes do not hash to ${sha256}`);
}

export function fileArtifactStore(dir: string): ArtifactStore {
  return {
    async put(sha256, bytes) {
      checked(sha256, bytes);
      await mkdir(dir, { recursive: true });
      // Written aside and renamed: a crash never leaves a half-written file under a hash name.
      const temporary = join(dir, `.${sha256}.${randomUUID()}.tmp`);
      await writeFile(temporary, bytes);
      await rename(temporary, join(dir, sha256));
    },
    async get(sha256) {
      if (!SHA256_HEX.test(sha256)) return undefined;
      const bytes = await readFile(join(dir, sha256)).catch(() => undefined);
      return bytes !== undefined && digest(bytes) === sha256 ? new Uint8Array(bytes) : undefined;
    },
  };
}

export function memoryArtifactStore(): ArtifactStore {
  const files = new Map<string, Uint8Array>();
  return {
    put(sha256, bytes) {
      checked(sha256, bytes);
      files.set(sha256, bytes.slice());
      return Promise.resolve();
    },
    get(sha256) {
      const bytes = files.get(sha256);
      return Promise.resolve(bytes === undefined ? undefined : bytes.slice());
    },
  };
}
