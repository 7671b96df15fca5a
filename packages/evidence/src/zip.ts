/**
 * The zip container, through fflate (pure JS, so the desktop's browser
 * build packs bundles too).
 *
 * Files up to COMPRESS_LIMIT are deflated; larger ones are stored. Pure-JS
 * deflate runs at ~15-25 MB/s on a busy laptop core, so deflating the
 * events of a 100,000-event export would take longer than building and
 * signing all the rest; stored entries keep export and verification fast,
 * and a bundle that must travel small can be compressed as a whole.
 *
 * Reading is defensive, since the verifier's input is untrusted: entries
 * are read in memory (nothing is extracted), a name may appear only once
 * (fflate would keep the last copy while `unzip` keeps another, so two
 * tools could see different files), names are plain relative paths, and the
 * declared total size is bounded before anything is inflated.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

export const COMPRESS_LIMIT = 8 * 1024 * 1024;
/** The largest bundle the verifier unpacks: 1.5 GiB of declared content. */
export const MAX_UNPACKED_BYTES = 1.5 * 1024 * 1024 * 1024;

/** Packs `files` (path → bytes) with every entry's time set to `mtime`, sorted by path so equal input gives equal bytes. */
export function packZip(files: ReadonlyMap<string, Uint8Array>, mtime: Date): Uint8Array {
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort()) {
    const data = files.get(path) ?? new Uint8Array();
    entries[path] = [data, { level: data.length <= COMPRESS_LIMIT ? 6 : 0, mtime }];
  }
  return zipSync(entries);
}

export type Unpacked = { readonly ok: true; readonly files: Map<string, Uint8Array> } | { readonly ok: false; readonly problem: string };

const SAFE_NAME = /^(?:[A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]+$/;

export function unpackZip(bytes: Uint8Array, maxBytes = MAX_UNPACKED_BYTES): Unpacked {
  const seen = new Set<string>();
  let declared = 0;
  let problem: string | undefined;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, {
      filter: (file) => {
        if (problem !== undefined) return false;
        if (seen.has(file.name)) problem = `the archive holds "${file.name}" twice`;
        else if (!file.name.endsWith('/') && (!SAFE_NAME.test(file.name) || file.name.split('/').some((part) => part === '.' || part === '..'))) problem = `the archive holds an unsafe name ${JSON.stringify(file.name)}`;
        declared += file.originalSize;
        if (declared > maxBytes) problem = `the archive unpacks to more than ${maxBytes} bytes`;
        seen.add(file.name);
        return problem === undefined && !file.name.endsWith('/');
      },
    });
  } catch (cause) {
    return { ok: false, problem: `the file is not a readable zip archive (${cause instanceof Error ? cause.message : String(cause)})` };
  }
  if (problem !== undefined) return { ok: false, problem };
  return { ok: true, files: new Map(Object.entries(unpacked)) };
}
