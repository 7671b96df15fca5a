/**
 * Files main writes (secrets, device keys, window state, exports) are
 * written whole or not at all: to a temporary file beside the target, then
 * renamed over it, so a crash never leaves half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

export interface FileSystem {
  readText(path: string): Promise<string | null>;
  writeAtomic(path: string, data: string | Uint8Array, options?: { readonly private?: boolean }): Promise<void>;
  remove(path: string): Promise<void>;
}

export const nodeFileSystem: FileSystem = {
  readText: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  writeAtomic: async (path, data, options = {}) => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, data, { mode: options.private === true ? 0o600 : 0o644, flush: true });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  },
  remove: (path) => rm(path, { force: true }),
};

/** A file system in memory, for tests. */
export function memoryFileSystem(files = new Map<string, string | Uint8Array>()): FileSystem & { readonly files: Map<string, string | Uint8Array> } {
  return {
    files,
    readText: (path) => {
      const value = files.get(path);
      return Promise.resolve(value === undefined ? null : typeof value === 'string' ? value : new TextDecoder().decode(value));
    },
    writeAtomic: (path, data) => {
      files.set(path, data);
      return Promise.resolve();
    },
    remove: (path) => {
      files.delete(path);
      return Promise.resolve();
    },
  };
}
