/**
 * Inclusion proofs for many leaves of one tree, every distinct hash sent
 * once: the shape of proofs.json in an evidence bundle (proofs-file.ts),
 * where proof hashes are numbers into a shared node table. The server makes
 * them this way for an export; tests make them for their fake server.
 * Neighbouring leaves share most of their audit paths, so this is ~10x
 * smaller than a list of full proofs, and cheaper to make: a range already
 * in the table is not hashed again, a one-leaf range is read from the tree,
 * and a whole proof is asked of the tree only when a wider range is new.
 */
import { encodeBase64, type MerkleTree } from '@steward/domain';
import type { ProofEntry, ProofSet } from './proofs-file.ts';

/** Range keys are exact below this many leaves ((size + 1)² must stay a safe integer). */
export const MAX_PROOF_TABLE_TREE = 94_000_000;

export function proofTable(tree: MerkleTree, leaves: readonly { readonly eventId: string; readonly index: number }[], treeSize: number): ProofSet {
  if (treeSize > MAX_PROOF_TABLE_TREE) throw new Error(`proof tables are built for ledgers of up to ${MAX_PROOF_TABLE_TREE} entries; this one has ${treeSize}`);
  const numbers = new Map<number, number>();
  const nodes: string[] = [];
  const proofs = leaves.map(({ eventId, index }): ProofEntry => {
    let whole: Uint8Array[] | undefined;
    const path = siblingRanges(index, treeSize).map(({ key, begin, end }, i) => {
      let n = numbers.get(key);
      if (n !== undefined) return n;
      let hash: Uint8Array | undefined;
      if (end - begin === 1) hash = value(tree.leafHash(begin));
      else {
        whole ??= value(tree.inclusionProof(index, treeSize));
        hash = whole[i];
      }
      if (hash === undefined) throw new Error(`no proof hash ${i} for leaf ${index} of ${treeSize}`);
      n = nodes.length;
      nodes.push(encodeBase64(hash));
      numbers.set(key, n);
      return n;
    });
    return { eventId, index, leafHash: encodeBase64(value(tree.leafHash(index))), path };
  });
  return { nodes, proofs };
}

/** The ranges [begin, end) of leaf `index`'s proof hashes, leaf to root (RFC 9162 §2.1.3.1); key = begin · (treeSize + 1) + end. */
function siblingRanges(index: number, treeSize: number): { key: number; begin: number; end: number }[] {
  const out: { key: number; begin: number; end: number }[] = [];
  const range = (begin: number, end: number) => ({ key: begin * (treeSize + 1) + end, begin, end });
  let begin = 0;
  let end = treeSize;
  while (end - begin > 1) {
    let k = 1;
    while (k * 2 < end - begin) k *= 2;
    if (index < begin + k) {
      out.push(range(begin + k, end));
      end = begin + k;
    } else {
      out.push(range(begin, begin + k));
      begin += k;
    }
  }
  return out.reverse();
}

/** Indexes come from the tree's own leaves, so a refusal here is a server bug, not bad input. */
function value<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
