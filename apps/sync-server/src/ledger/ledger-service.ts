/**
 * The audit ledger as the server publishes it: signed checkpoints, inclusion
 * and consistency proofs, and the key that verifies them.
 *
 * The Merkle tree lives in memory, rebuilt from `ledger_leaves` at start
 * (leaf hashes only: every node is recomputed, nothing else stored is
 * trusted). Other server processes sharing PostgreSQL append too, so every
 * answer first catches up — reads the leaves from the tree's size on — and
 * only then looks at the tree. append.ts hands indexes out in commit order
 * under the `ledger_head` lock, so committed leaves always form a prefix;
 * catch-up still stops at the first missing index rather than trust that.
 *
 * Checkpoints are signed lazily: asking for one signs the current size if no
 * checkpoint covers it yet, and stores it (insert-or-ignore, since processes
 * race). A stored checkpoint whose root disagrees with the tree rebuilt from
 * the leaves means the leaves were rewritten after being vouched for; the
 * service then refuses to sign anything rather than fork the log.
 */
import {
  bytesEqual,
  decodeHex,
  encodeBase64,
  encodeHex,
  err,
  importNoteVerifier,
  issue,
  MerkleTree,
  ok,
  signCheckpoint,
  verifyCheckpoint,
  type DomainIssue,
  type NoteVerifier,
  type Result,
} from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import type { ServerKey } from '../keys/server-key.ts';
import { findLeafByEvent, readCheckpointAt, readLatestCheckpoint, readLeavesFrom, storeCheckpoint, type CheckpointRow } from './ledger-store.ts';

/** The checkpoint origin (and server key name) unless configured otherwise. */
export const DEFAULT_LEDGER_ORIGIN = 'steward.local/ledger';

/** Leaves read per query while catching up: bounds memory on a first load of a large ledger. */
const CATCH_UP_BATCH = 10_000;

/** The parts of the server key the ledger uses; its name is the checkpoint origin. */
export type LedgerKey = Pick<ServerKey, 'name' | 'keyId' | 'verifierKey' | 'signer' | 'publicKeyPem'>;

export interface LedgerServiceOptions {
  readonly db: Db;
  readonly key: LedgerKey;
  /** The clock for `created_at` of stored checkpoints, ISO-8601. */
  readonly now?: () => string;
}

export interface SignedCheckpoint {
  /** The C2SP signed note, as verifyCheckpoint reads it. */
  readonly note: string;
  readonly treeSize: number;
  /** base64 */
  readonly rootHash: string;
  readonly origin: string;
  readonly verifierKey: string;
}

export interface InclusionProof {
  readonly index: number;
  readonly treeSize: number;
  /** base64 of the leaf hash the tree holds for the event. */
  readonly leafHash: string;
  /** base64 sibling hashes, leaf to root (RFC 9162 §2.1.3). */
  readonly proof: string[];
}

export interface ConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  /** base64 hashes (RFC 9162 §2.1.4). */
  readonly proof: string[];
}

export interface LedgerPublicKey {
  readonly origin: string;
  readonly keyId: string;
  /** `<name>+<key id>+<base64>`, what verifyCheckpoint and Go's note package take. */
  readonly verifierKey: string;
  /** SPKI PEM, what `openssl pkey -pubin` takes. */
  readonly publicKeyPem: string;
}

/** A domain issue, or an event the ledger does not hold. */
export type LedgerIssue = DomainIssue | { readonly code: 'NOT_FOUND'; readonly message: string };

/** Like the domain's Result, but the error may also be NOT_FOUND (not a domain rule's verdict). */
export type LedgerResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LedgerIssue };

export class LedgerService {
  readonly #db: Db;
  readonly #key: LedgerKey;
  readonly #verifier: NoteVerifier;
  readonly #now: () => string;
  readonly #tree = new MerkleTree();
  /** The newest checkpoint this service returned; reused while the tree has not grown. */
  #latest: SignedCheckpoint | undefined;
  #inFlight: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  private constructor(options: LedgerServiceOptions, verifier: NoteVerifier) {
    this.#db = options.db;
    this.#key = options.key;
    this.#verifier = verifier;
    this.#now = options.now ?? (() => new Date().toISOString());
  }

  /** Loads the tree from the database and checks it against the newest stored checkpoint. */
  static async open(options: LedgerServiceOptions): Promise<LedgerService> {
    const verifier = await importNoteVerifier(options.key.verifierKey);
    if (!verifier.ok) throw new Error(`the server's verifier key is unusable: ${verifier.error.message}`);
    const service = new LedgerService(options, verifier.value);
    await service.catchUp();
    const latest = await readLatestCheckpoint(options.db);
    if (latest !== undefined) service.#checkStoredRoot(latest);
    return service;
  }

  get origin(): string {
    return this.#key.name;
  }

  /**
   * Reads leaves other writers committed since the last catch-up; resolves
   * to the tree size. Calls made while a catch-up is running share the next
   * one, which starts after it — so every caller sees at least what was
   * committed before it called.
   */
  catchUp(): Promise<number> {
    const pending = this.#queued ?? (this.#inFlight === undefined ? this.#startCatchUp() : this.#queueCatchUp(this.#inFlight));
    return pending.then(() => this.#tree.size);
  }

  /** The signed checkpoint for the current size, signing and storing one if the tree grew. */
  async checkpoint(): Promise<Result<SignedCheckpoint>> {
    const size = await this.catchUp();
    if (this.#latest?.treeSize === size) return ok(this.#latest);
    const root = this.#rootAt(size);
    const stored = await readCheckpointAt(this.#db, size);
    if (stored !== undefined) this.#checkStoredRoot(stored);
    let note = stored === undefined ? undefined : await this.#ownNote(stored, root);
    if (note === undefined) {
      const signed = await signCheckpoint({ origin: this.origin, treeSize: size, rootHash: root }, this.#key.signer);
      if (!signed.ok) return signed;
      note = signed.value;
      if (stored === undefined) await storeCheckpoint(this.#db, { treeSize: size, rootHash: encodeHex(root), note, createdAt: this.#now() });
    }
    const checkpoint: SignedCheckpoint = { note, treeSize: size, rootHash: encodeBase64(root), origin: this.origin, verifierKey: this.#key.verifierKey };
    if (this.#latest === undefined || this.#latest.treeSize < size) this.#latest = checkpoint;
    return ok(checkpoint);
  }

  /**
   * Proves that `eventId` is in the tree of `treeSize` leaves — by default
   * the latest checkpoint's size, so the proof checks against what
   * checkpoint() returns. An event appended after that size is refused:
   * the caller needs a newer checkpoint first.
   */
  async inclusionProof(eventId: string, treeSize?: number): Promise<LedgerResult<InclusionProof>> {
    // Looked up before catching up, so the catch-up is sure to include it.
    const leaf = await findLeafByEvent(this.#db, eventId);
    if (leaf === undefined) return { ok: false, error: { code: 'NOT_FOUND', message: `The ledger holds no audit event ${eventId}.` } };
    let size: number;
    if (treeSize === undefined) {
      const checkpoint = await this.checkpoint();
      if (!checkpoint.ok) return checkpoint;
      size = checkpoint.value.treeSize;
    } else {
      size = treeSize;
      await this.catchUp();
    }
    if (leaf.idx >= size && size <= this.#tree.size) {
      return err(
        issue('INVALID', `Audit event ${eventId} is leaf ${leaf.idx}, so it is not in the tree of size ${size}; get a checkpoint of at least ${leaf.idx + 1} leaves and ask for the proof against that.`, {
          index: leaf.idx,
          treeSize: size,
        }),
      );
    }
    const proof = this.#tree.inclusionProof(leaf.idx, size);
    if (!proof.ok) return proof;
    const leafHash = this.#tree.leafHash(leaf.idx);
    if (!leafHash.ok) return leafHash;
    return ok({ index: leaf.idx, treeSize: size, leafHash: encodeBase64(leafHash.value), proof: proof.value.map(encodeBase64) });
  }

  /** Proves the tree of `toSize` leaves extends the tree of `fromSize` (1 ≤ fromSize ≤ toSize ≤ current size). */
  async consistencyProof(fromSize: number, toSize: number): Promise<Result<ConsistencyProof>> {
    await this.catchUp();
    const proof = this.#tree.consistencyProof(fromSize, toSize);
    if (!proof.ok) return proof;
    return ok({ fromSize, toSize, proof: proof.value.map(encodeBase64) });
  }

  publicKey(): LedgerPublicKey {
    return { origin: this.origin, keyId: this.#key.keyId, verifierKey: this.#key.verifierKey, publicKeyPem: this.#key.publicKeyPem };
  }

  #startCatchUp(): Promise<void> {
    const run: Promise<void> = this.#readNewLeaves().finally(() => {
      if (this.#inFlight === run) this.#inFlight = undefined;
    });
    this.#inFlight = run;
    return run;
  }

  #queueCatchUp(running: Promise<void>): Promise<void> {
    const queued = running
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        return this.#startCatchUp();
      });
    this.#queued = queued;
    return queued;
  }

  async #readNewLeaves(): Promise<void> {
    for (;;) {
      const from = this.#tree.size;
      const rows = await readLeavesFrom(this.#db, from, CATCH_UP_BATCH);
      // Stop at a gap: a leaf whose predecessor is not visible yet is read on a later catch-up.
      let contiguous = 0;
      while (contiguous < rows.length && rows[contiguous]?.idx === from + contiguous) contiguous++;
      if (contiguous === 0) return;
      const hashes = new Uint8Array(contiguous * 32);
      for (let i = 0; i < contiguous; i++) {
        const row = rows[i];
        const hash = row === undefined ? undefined : decodeHex(row.leafHash);
        if (hash === undefined || !hash.ok || hash.value.length !== 32) throw new Error(`ledger leaf ${from + i} does not hold a 32-byte hex hash`);
        hashes.set(hash.value, i * 32);
      }
      const appended = this.#tree.appendLeafHashes(hashes);
      if (!appended.ok) throw new Error(`ledger leaves from ${from} could not be appended: ${appended.error.message}`);
      if (contiguous < CATCH_UP_BATCH) return;
    }
  }

  #rootAt(size: number): Uint8Array {
    const root = this.#tree.rootAt(size);
    if (!root.ok) throw new Error(`ledger root at ${size} unavailable: ${root.error.message}`);
    return root.value;
  }

  /** Throws if a stored checkpoint disagrees with the leaves: signing on would fork the log. */
  #checkStoredRoot(stored: CheckpointRow): void {
    if (stored.treeSize > this.#tree.size) return; // signed by a process ahead of us; checked once we catch up to it.
    const root = encodeHex(this.#rootAt(stored.treeSize));
    if (root !== stored.rootHash) {
      throw new Error(
        `ledger integrity failure: the stored checkpoint for ${stored.treeSize} leaves has root ${stored.rootHash}, but the stored leaves give ${root}. ` +
          'Leaves were changed after the checkpoint was signed; refusing to sign a conflicting checkpoint.',
      );
    }
  }

  /**
   * The stored note if it is this server key's signature over this size and
   * root. Processes that share a database but not a key each sign their own
   * (the table keeps the first); publishing one key for all is the operator's
   * job (share the data directory's server-key.json).
   */
  async #ownNote(stored: CheckpointRow, root: Uint8Array): Promise<string | undefined> {
    const verified = await verifyCheckpoint(stored.note, this.#verifier);
    if (!verified.ok) return undefined;
    if (verified.value.treeSize !== stored.treeSize || !bytesEqual(verified.value.rootHash, root)) {
      throw new Error(`ledger integrity failure: the stored checkpoint note for ${stored.treeSize} leaves does not match its row`);
    }
    return stored.note;
  }
}
