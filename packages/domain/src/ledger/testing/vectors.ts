/**
 * Test support: the published vectors in packages/domain/test/vectors, read
 * through Vite's `import.meta.glob` so the same tests run in Node and in
 * Chromium (no file system there). Files are taken as raw text: the JCS
 * tests must parse the input themselves and compare exact bytes.
 *
 * Sources (see each folder's SOURCE and LICENSE):
 * - RFC 8785: cyberphone/json-canonicalization @ 19d51d7f, testdata/ (Apache-2.0)
 * - RFC 9162: transparency-dev/merkle @ 417fb0c3, testdata/{inclusion,consistency} (Apache-2.0)
 */

declare global {
  interface ImportMeta {
    /** Vite's compile-time glob import; typed here because the domain does not depend on Vite's client types. */
    glob(pattern: string, options: { readonly query: '?raw'; readonly import: 'default'; readonly eager: true }): Record<string, string>;
  }
}

export const jcsInputs = import.meta.glob('../../../test/vectors/rfc8785-jcs/testdata/input/*.json', { query: '?raw', import: 'default', eager: true });
export const jcsOutputs = import.meta.glob('../../../test/vectors/rfc8785-jcs/testdata/output/*.json', { query: '?raw', import: 'default', eager: true });
export const jcsOutHex = import.meta.glob('../../../test/vectors/rfc8785-jcs/testdata/outhex/*.txt', { query: '?raw', import: 'default', eager: true });

export const inclusionVectors = import.meta.glob('../../../test/vectors/rfc9162-merkle/testdata/inclusion/**/*.json', { query: '?raw', import: 'default', eager: true });
export const consistencyVectors = import.meta.glob('../../../test/vectors/rfc9162-merkle/testdata/consistency/**/*.json', { query: '?raw', import: 'default', eager: true });

/** "…/testdata/input/arrays.json" → "arrays". */
export function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return dot < 0 ? file : file.slice(0, dot);
}

/** "…/testdata/inclusion/1/happy-path.json" → "inclusion/1/happy-path". */
export function vectorName(path: string): string {
  const at = path.indexOf('testdata/');
  return path.slice(at + 'testdata/'.length, path.length - '.json'.length);
}
