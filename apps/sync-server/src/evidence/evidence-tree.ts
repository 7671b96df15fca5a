/**
 * The Merkle tree the evidence export takes its proofs from: a copy of the
 * ledger's tree, rebuilt from `ledger_leaves` and caught up on demand, one
 * per ledger service.
 *
 * LedgerService answers one inclusion proof per call (with a database
 * lookup each); an export needs 100,000 at once, from the tree itself. Until
 * the ledger service grows a batch API, the export keeps its own copy of the
 * tree (32 bytes a leaf plus 1/8 for cached subtrees), built from the same
 * leaves, and refuses to answer unless its root at the checkpoint's size is
 * the checkpoint's signed root — so it can never prove against a different
 * tree than the one the server signed.
 */
import { encodeHex, decodeHex, MerkleTree } from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import { readLeavesFrom } from '../ledger/ledger-store.ts';

const BATCH = 10_000;

export class EvidenceTree {
  readonly tree = new MerkleTree();
  readonly #db: Db;
  /** Catch-ups run one after another: two appending the same leaves at once would corrupt the copy. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Db) {
    this.#db = db;
  }

  /** Reads leaves until the tree holds at least `size` (or the stored leaves end); resolves to the tree's size. */
  reach(size: number): Promise<number> {
    const run = this.#queue.then(() => this.#readUntil(size));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The hex root at `size`, or undefined when the tree is smaller. */
  rootHexAt(size: number): string | undefined {
    const root = this.tree.rootAt(size);
    return root.ok ? encodeHex(root.value) : undefined;
  }

  async #readUntil(size: number): Promise<number> {
    while (this.tree.size < size) {
      const from = this.tree.size;
      const rows = await readLeavesFrom(this.#db, from, BATCH);
      let added = 0;
      for (const row of rows) {
        if (row.idx !== from + added) break; // a gap: the rest is not committed yet
        const hash = decodeHex(row.leafHash);
        if (!hash.ok || hash.value.length !== 32) throw new Error(`ledger leaf ${row.idx} does not hold a 32-byte hex hash`);
        const appended = this.tree.appendLeafHash(hash.value);
        if (!appended.ok) throw new Error(appended.error.message);
        added++;
      }
      if (added === 0) break;
    }
    return this.tree.size;
  }
}

/** One tree per ledger service (so per server), made on first use. */
const trees = new WeakMap<LedgerService, EvidenceTree>();

export function evidenceTreeFor(ledger: LedgerService, db: Db): EvidenceTree {
  let tree = trees.get(ledger);
  if (tree === undefined) {
    tree = new EvidenceTree(db);
    trees.set(ledger, tree);
  }
  return tree;
}
