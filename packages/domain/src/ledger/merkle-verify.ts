/**
 * Proof verifiers that need nothing but hashes: RFC 9162 §2.1.3.2
 * (inclusion) and §2.1.4.2 (consistency), written step for step from the
 * RFC so they can be checked against it line by line.
 *
 * They are what an auditor's tool runs on data it does not trust, so they
 * return a Result and never throw, whatever they are given: sizes and
 * indexes must be safe non-negative integers, every hash exactly 32 bytes,
 * and a proof exactly as long as the tree shape requires — a proof with a
 * hash too many or too few is refused before any hashing, even where the
 * RFC loop alone would also catch it.
 */
import { err, issue, ok, type DomainIssue, type Result } from '../errors.ts';
import { bytesEqual } from '../crypto/encoding.ts';
import { sha256PairInto } from '#sha256';
import { HASH_SIZE, NODE_PREFIX } from './merkle-hash.ts';
import { consistencyProofLength, half, inclusionProofLength, isCount, isPowerOfTwo } from './merkle-math.ts';

type Verdict = Result<true, DomainIssue<'INVALID'>>;

const invalid = (message: string): Verdict => err(issue('INVALID', message));

/**
 * Does `proof` show that `leafHash` is leaf `index` of the tree of
 * `treeSize` leaves whose root is `root`?
 */
export function verifyInclusion(leafHash: Uint8Array, index: number, treeSize: number, proof: readonly Uint8Array[], root: Uint8Array): Verdict {
  if (!isCount(treeSize) || treeSize === 0) return invalid(`tree size ${String(treeSize)} must be a positive integer (an empty tree has no leaves to prove)`);
  if (!isCount(index)) return invalid(`leaf index ${String(index)} must be a non-negative integer`);
  // RFC 9162 §2.1.3.2 step 1.
  if (index >= treeSize) return invalid(`leaf index ${index} is not below tree size ${treeSize}`);
  const shape = checkHashes(proof, inclusionProofLength(index, treeSize), `leaf ${index} of a tree of size ${treeSize}`);
  if (shape !== undefined) return shape;
  const badHash = checkHash(leafHash, 'the leaf hash') ?? checkHash(root, 'the root');
  if (badHash !== undefined) return badHash;

  // Steps 2-4: walk from the leaf to the root; fn is the node's index, sn the last index, per level.
  let fn = index;
  let sn = treeSize - 1;
  const r = leafHash.slice();
  for (const p of proof) {
    if (sn === 0) return invalid('the proof is longer than the tree is tall'); // unreachable after the length check
    if (fn % 2 === 1 || fn === sn) {
      sha256PairInto(NODE_PREFIX, p, 0, r, 0, r, 0);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sha256PairInto(NODE_PREFIX, r, 0, p, 0, r, 0);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  if (sn !== 0) return invalid('the proof is shorter than the tree is tall'); // unreachable after the length check
  if (!bytesEqual(r, root)) return invalid(`the proof does not lead from leaf ${index} to the given root of the tree of size ${treeSize}`);
  return ok(true);
}

/**
 * Does `proof` show that the tree of `newSize` leaves with root `newRoot`
 * is an append-only extension of the tree of `oldSize` leaves with root
 * `oldRoot`? Equal sizes need an empty proof and equal roots. An old size
 * of 0 is refused: every tree extends the empty tree, so there is nothing
 * to verify and accepting it would let a caller skip the check.
 */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): Verdict {
  if (!isCount(oldSize) || oldSize === 0) return invalid(`old size ${String(oldSize)} must be a positive integer (a proof from the empty tree proves nothing)`);
  if (!isCount(newSize)) return invalid(`new size ${String(newSize)} must be a non-negative integer`);
  if (oldSize > newSize) return invalid(`old size ${oldSize} is larger than new size ${newSize}: a ledger never shrinks`);
  const badHash = checkHash(oldRoot, 'the old root') ?? checkHash(newRoot, 'the new root');
  if (badHash !== undefined) return badHash;
  if (oldSize === newSize) {
    const shape = checkHashes(proof, 0, `two trees of the same size ${newSize}`);
    if (shape !== undefined) return shape;
    return bytesEqual(oldRoot, newRoot) ? ok(true) : invalid(`two trees of the same size ${newSize} have different roots`);
  }
  const shape = checkHashes(proof, consistencyProofLength(oldSize, newSize), `sizes ${oldSize} → ${newSize}`);
  if (shape !== undefined) return shape;

  // RFC 9162 §2.1.4.2 step 2: a power-of-two old tree is itself the first node.
  const oldTreeIsNode = isPowerOfTwo(oldSize);
  const seed = oldTreeIsNode ? oldRoot : (proof[0] as Uint8Array);
  // Steps 3-4.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  const fr = seed.slice();
  const sr = seed.slice();
  // Step 6.
  for (let i = oldTreeIsNode ? 0 : 1; i < proof.length; i++) {
    const c = proof[i] as Uint8Array;
    if (sn === 0) return invalid('the proof is longer than the new tree is tall'); // unreachable after the length check
    if (fn % 2 === 1 || fn === sn) {
      sha256PairInto(NODE_PREFIX, c, 0, fr, 0, fr, 0);
      sha256PairInto(NODE_PREFIX, c, 0, sr, 0, sr, 0);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sha256PairInto(NODE_PREFIX, sr, 0, c, 0, sr, 0);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  if (sn !== 0) return invalid('the proof is shorter than the new tree is tall'); // unreachable after the length check
  if (!bytesEqual(fr, oldRoot)) return invalid(`the proof does not lead to the old root (size ${oldSize})`);
  if (!bytesEqual(sr, newRoot)) return invalid(`the proof does not lead to the new root (size ${newSize})`);
  return ok(true);
}

function checkHash(value: unknown, what: string): Verdict | undefined {
  if (!(value instanceof Uint8Array)) return invalid(`${what} must be bytes; got ${value === null ? 'null' : typeof value}`);
  if (value.length !== HASH_SIZE) return invalid(`${what} must be ${HASH_SIZE} bytes; got ${value.length}`);
  return undefined;
}

function checkHashes(proof: unknown, expectedLength: number, shape: string): Verdict | undefined {
  if (!Array.isArray(proof)) return invalid('the proof must be an array of hashes');
  if (proof.length !== expectedLength) {
    return invalid(`the proof has ${proof.length} hashes; ${shape} needs exactly ${expectedLength}`);
  }
  for (let i = 0; i < proof.length; i++) {
    const bad = checkHash(proof[i], `proof[${i}]`);
    if (bad !== undefined) return bad;
  }
  return undefined;
}
