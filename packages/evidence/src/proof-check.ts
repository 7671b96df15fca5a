/**
 * Verifies many inclusion proofs against one root without rehashing the
 * tree once per proof.
 *
 * Each proof is walked as RFC 9162 §2.1.3.2 walks it: the state after each
 * step is (fn, sn, r), where r is the hash of one node of the tree — the
 * node is identified by (fn, sn), since sn = (treeSize − 1) >> level names
 * its level. Once a proof has walked all the way to the root (or to a node
 * already known, see below), every node it passed is known to hold the
 * hash it computed there. A later proof that
 * reaches one of those nodes with the same hash, and whose remaining path
 * is the very same node list (same numbers in the same node table), would
 * repeat the earlier walk step for step, so it reaches the root too: the
 * walk stops there. Proofs of neighbouring events meet after a step or
 * two, so 100,000 proofs cost ~2 hashes each instead of ~17.
 *
 * Anything unusual — a node reached with another hash, a different
 * remaining path, a walk that does not end at the root — is decided by the
 * domain's verifyInclusion, which also words the error.
 * proof-check.test.ts holds the two to the same verdicts.
 */
import { bytesEqual, HASH_SIZE, inclusionProofLength, NODE_PREFIX, sha256PairInto, verifyInclusion, type DomainIssue, type Result } from '@steward/domain';
import { pathHashes } from './proofs-file.ts';

interface KnownNode {
  readonly hash: Uint8Array;
  readonly path: readonly number[];
  /** How many of `path`'s hashes were used to reach this node. */
  readonly step: number;
}

export class ProofChecker {
  readonly #treeSize: number;
  readonly #root: Uint8Array;
  readonly #nodes: Uint8Array;
  /** Verified nodes by level (sn), then position (fn). */
  readonly #known = new Map<number, Map<number, KnownNode>>();

  /** `nodes`: the proof set's node table, node n at [32n, 32n + 32). */
  constructor(treeSize: number, root: Uint8Array, nodes: Uint8Array) {
    this.#treeSize = treeSize;
    this.#root = root;
    this.#nodes = nodes;
  }

  /** Does `path` (node numbers) prove `leaf` is leaf `index` under the root? Same verdicts as verifyInclusion. */
  check(leaf: Uint8Array, index: number, path: readonly number[]): Result<true, DomainIssue<'INVALID'>> {
    const slow = (): Result<true, DomainIssue<'INVALID'>> => verifyInclusion(leaf, index, this.#treeSize, pathHashes(this.#nodes, path), this.#root);
    const n = this.#treeSize;
    if (!Number.isSafeInteger(index) || index < 0 || index >= n || leaf.length !== HASH_SIZE) return slow();
    if (path.length !== inclusionProofLength(index, n) || path.some((p) => !Number.isSafeInteger(p) || p < 0 || (p + 1) * HASH_SIZE > this.#nodes.length)) return slow();

    let fn = index;
    let sn = n - 1;
    const r = leaf.slice();
    const passed: [number, number, Uint8Array, number][] = [];
    for (let i = 0; i < path.length; i++) {
      if (sn === 0) return slow();
      const at = (path[i] ?? 0) * HASH_SIZE;
      if (fn % 2 === 1 || fn === sn) {
        sha256PairInto(NODE_PREFIX, this.#nodes, at, r, 0, r, 0);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        sha256PairInto(NODE_PREFIX, r, 0, this.#nodes, at, r, 0);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
      const known = this.#known.get(sn)?.get(fn);
      if (known !== undefined) {
        if (!bytesEqual(known.hash, r) || !samePathFrom(known, path, i + 1)) return slow();
        this.#remember(passed, path);
        return { ok: true, value: true };
      }
      passed.push([sn, fn, r.slice(), i + 1]);
    }
    if (sn !== 0 || !bytesEqual(r, this.#root)) return slow();
    this.#remember(passed, path);
    return { ok: true, value: true };
  }

  /** Records the nodes a proof passed on its way to a verified node (the root or one verified before). */
  #remember(passed: readonly [number, number, Uint8Array, number][], path: readonly number[]): void {
    for (const [level, position, hash, step] of passed) {
      let row = this.#known.get(level);
      if (row === undefined) {
        row = new Map();
        this.#known.set(level, row);
      }
      row.set(position, { hash, path, step });
    }
  }
}

/** Whether `path` from `from` on lists the same nodes as the known node's path after it. */
function samePathFrom(known: KnownNode, path: readonly number[], from: number): boolean {
  if (path.length - from !== known.path.length - known.step) return false;
  for (let i = 0; from + i < path.length; i++) if (path[from + i] !== known.path[known.step + i]) return false;
  return true;
}
