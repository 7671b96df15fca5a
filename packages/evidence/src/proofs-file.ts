/**
 * proofs.json: an RFC 9162 §2.1.3 inclusion proof for every proven event,
 * all against the one signed checkpoint of the bundle.
 *
 * Proofs of neighbouring events share most of their hashes (every proof in
 * a tree of 100,000 leaves has ~17, but the whole tree has only ~200,000
 * distinct nodes), so the hashes are stored once, in `nodes`, and each
 * proof's `path` lists the numbers of its hashes, leaf to root:
 *
 *     proof hashes of entry p = p.path.map((n) => nodes[n])
 *
 * That keeps a 100,000-event bundle's proofs near 20 MB instead of 80 MB
 * and decodes 10x fewer hashes, while every event still has its complete
 * audit path. Hashes are standard base64, as in the checkpoint.
 */
import { decodeBase64, HASH_SIZE } from '@steward/domain';
import { PROOFS_FORMAT } from './layout.ts';

/** One event's proof: the leaf's index and hash and the numbers of its path's nodes. */
export interface ProofEntry {
  readonly eventId: string;
  readonly index: number;
  /** base64 of the leaf hash the ledger holds for the event. */
  readonly leafHash: string;
  /** Numbers in the set's `nodes`, leaf to root. */
  readonly path: readonly number[];
}

/** Proofs with their shared node table, as the server sends them and proofs.json stores them. */
export interface ProofSet {
  /** base64 hashes. */
  readonly nodes: readonly string[];
  readonly proofs: readonly ProofEntry[];
}

export interface ProofsHeader {
  readonly origin: string;
  readonly treeSize: number;
  /** base64 */
  readonly rootHash: string;
}

/** A bundle entry: the proof with the events.jsonl line of its event. */
export interface LinedProof extends ProofEntry {
  readonly line: number;
}

/** proofs.json text: a header, one node per line, one proof per line (valid JSON, readable with any pager). */
export function formatProofsJson(header: ProofsHeader, nodes: readonly string[], proofs: readonly LinedProof[]): string {
  const head = JSON.stringify({ format: PROOFS_FORMAT, origin: header.origin, treeSize: header.treeSize, rootHash: header.rootHash });
  const nodeLines = nodes.map((n) => JSON.stringify(n)).join(',\n');
  const proofLines = proofs
    .map((p) => JSON.stringify({ line: p.line, eventId: p.eventId, index: p.index, leafHash: p.leafHash, path: p.path }))
    .join(',\n');
  return `${head.slice(0, -1)},\n"nodes":[\n${nodeLines}\n],\n"proofs":[\n${proofLines}\n]}\n`;
}

/** proofs.json, parsed and with its nodes decoded: node n is `nodeBytes[32n, 32n+32)`. */
export interface ParsedProofs extends ProofsHeader {
  readonly nodeBytes: Uint8Array;
  readonly nodeCount: number;
  readonly proofs: readonly LinedProof[];
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Parses proofs.json, or says what is wrong with it. Paths are checked against the node table here; proofs are verified elsewhere. */
export function parseProofsJson(text: string): { readonly ok: true; readonly value: ParsedProofs } | { readonly ok: false; readonly problem: string } {
  const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('proofs.json is not JSON');
  }
  if (typeof value !== 'object' || value === null) return fail('proofs.json is not a JSON object');
  const { format, origin, treeSize, rootHash, nodes, proofs } = value as Record<string, unknown>;
  if (format !== PROOFS_FORMAT) return fail(`proofs.json format ${JSON.stringify(format)} is not ${PROOFS_FORMAT}`);
  if (typeof origin !== 'string' || !isCount(treeSize) || typeof rootHash !== 'string') return fail('proofs.json lacks origin, treeSize or rootHash');
  if (!Array.isArray(nodes) || !Array.isArray(proofs)) return fail('proofs.json lacks the "nodes" or "proofs" list');
  const nodeBytes = new Uint8Array(nodes.length * HASH_SIZE);
  for (let i = 0; i < nodes.length; i++) {
    const node: unknown = nodes[i];
    const bytes = typeof node === 'string' ? decodeBase64(node) : undefined;
    if (bytes?.ok !== true || bytes.value.length !== HASH_SIZE) return fail(`proofs.json node ${i} is not a base64 SHA-256 hash`);
    nodeBytes.set(bytes.value, i * HASH_SIZE);
  }
  const entries: LinedProof[] = [];
  for (let i = 0; i < proofs.length; i++) {
    const entry: unknown = proofs[i];
    const problem = entryProblem(entry, nodes.length);
    if (problem !== undefined) return fail(`proofs.json proof ${i}: ${problem}`);
    entries.push(entry as LinedProof);
  }
  return { ok: true, value: { origin, treeSize, rootHash, nodeBytes, nodeCount: nodes.length, proofs: entries } };
}

function entryProblem(entry: unknown, nodeCount: number): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'not an object';
  const { line, eventId, index, leafHash, path } = entry as Record<string, unknown>;
  if (!isCount(line) || line < 1) return '"line" is not a line number';
  if (typeof eventId !== 'string') return '"eventId" is not a string';
  if (!isCount(index)) return '"index" is not a ledger index';
  if (typeof leafHash !== 'string') return '"leafHash" is not a string';
  if (!Array.isArray(path) || path.some((n) => !isCount(n) || n >= nodeCount)) return '"path" does not list node numbers of this file';
  return undefined;
}

/**
 * Merges pages of proofs (each with its own node table) into one set,
 * storing every distinct hash once. Used by steward-export while it pages
 * through the server's answers.
 */
export class ProofCollector {
  readonly #numbers = new Map<string, number>();
  readonly #nodes: string[] = [];
  readonly #proofs: ProofEntry[] = [];

  add(page: ProofSet): void {
    const renumber = page.nodes.map((hash) => {
      let n = this.#numbers.get(hash);
      if (n === undefined) {
        n = this.#nodes.length;
        this.#nodes.push(hash);
        this.#numbers.set(hash, n);
      }
      return n;
    });
    for (const proof of page.proofs) {
      this.#proofs.push({ ...proof, path: proof.path.map((n) => renumber[n] ?? -1) });
    }
  }

  get size(): number {
    return this.#proofs.length;
  }

  result(): ProofSet {
    return { nodes: this.#nodes, proofs: this.#proofs };
  }
}

/** The hashes of a proof's path, as views into the decoded node table. */
export function pathHashes(nodeBytes: Uint8Array, path: readonly number[]): Uint8Array[] {
  return path.map((n) => nodeBytes.subarray(n * HASH_SIZE, n * HASH_SIZE + HASH_SIZE));
}

/** Decodes a set's node table into one buffer (node n at 32n), or names the first node that is not a base64 hash. */
export function decodeNodes(nodes: readonly string[]): { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly node: number } {
  const bytes = new Uint8Array(nodes.length * HASH_SIZE);
  for (let i = 0; i < nodes.length; i++) {
    const decoded = decodeBase64(nodes[i] ?? '');
    if (!decoded.ok || decoded.value.length !== HASH_SIZE) return { ok: false, node: i };
    bytes.set(decoded.value, i * HASH_SIZE);
  }
  return { ok: true, bytes };
}
