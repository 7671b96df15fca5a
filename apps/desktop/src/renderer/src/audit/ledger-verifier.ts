/**
 * Fetches what verifyEventInclusion needs from the server — the newest
 * signed checkpoint and the event's inclusion proof against it — and keeps
 * the verdicts in memory (a small zustand store the badge reads).
 *
 * Which key signs the ledger is trust on first use: the first time this
 * device asks a server, it takes the server's published verifier key and
 * pins it in the preferences, per server. After that a checkpoint signed by
 * any other key fails verification (the server's key changed, or someone
 * is in between) instead of being believed. The badge says so.
 */
import { importNoteVerifier, parseVerifierKey, type AuditEvent, type NoteVerifier } from '@steward/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeyValueStore } from '../platform/platform.ts';
import { isFinal, verifyEventInclusion, type InclusionProofInput, type LedgerVerdict } from './ledger-verification.ts';

/** The three ledger calls, as the server answers them (see the sync server's ledger router). */
export interface LedgerApi {
  publicKey(): Promise<{ readonly verifierKey: string }>;
  checkpoint(): Promise<{ readonly note: string; readonly treeSize: number }>;
  inclusionProof(eventId: string, treeSize: number): Promise<InclusionProofInput>;
}

type SignedCheckpoint = { readonly note: string; readonly treeSize: number };

export interface LedgerVerifierDeps {
  readonly api: LedgerApi;
  readonly preferences: KeyValueStore;
  readonly serverUrl: string;
  /** True when the console knows it cannot reach the server; nothing is fetched then. */
  readonly isOffline: () => boolean;
  /** True when an error from the api means the server could not be reached. */
  readonly isUnreachable: (error: unknown) => boolean;
  /** True when an error from the api means the server holds no such event for the caller. */
  readonly isNotFound: (error: unknown) => boolean;
}

export interface LedgerVerdicts {
  readonly byEvent: ReadonlyMap<string, LedgerVerdict>;
}

export interface LedgerVerifier {
  readonly verdicts: StoreApi<LedgerVerdicts>;
  /** Verifies `event` unless a final verdict is cached; `again` drops the cached one first. */
  verify(event: AuditEvent, again?: boolean): Promise<LedgerVerdict>;
}

export const trustedKeyPreference = (serverUrl: string): string => `steward.ledger.trustedKey.${serverUrl}`;

export function createLedgerVerifier(deps: LedgerVerifierDeps): LedgerVerifier {
  const verdicts = createStore<LedgerVerdicts>()(() => ({ byEvent: new Map() }));
  const setVerdict = (id: string, verdict: LedgerVerdict): LedgerVerdict => {
    verdicts.setState({ byEvent: new Map(verdicts.getState().byEvent).set(id, verdict) });
    return verdict;
  };
  let verifier: Promise<NoteVerifier> | null = null;
  let checkpoint: SignedCheckpoint | null = null;
  let fetchingCheckpoint: Promise<SignedCheckpoint> | null = null;
  const inFlight = new Map<string, Promise<LedgerVerdict>>();
  // The audit table asks for every row in view: a few proofs at a time, the rest wait their turn.
  const proofSlots = slots(MAX_PROOFS_IN_FLIGHT);

  /** The pinned key, pinning the server's on first use. */
  const trustedVerifier = (): Promise<NoteVerifier> => {
    verifier ??= (async () => {
      const key = trustedKeyPreference(deps.serverUrl);
      let text = readPreference(deps.preferences, key);
      if (text === null || !parseVerifierKey(text).ok) {
        text = (await deps.api.publicKey()).verifierKey;
        writePreference(deps.preferences, key, text);
      }
      const imported = await importNoteVerifier(text);
      if (!imported.ok) throw new LedgerKeyError(`the ledger key is unusable: ${imported.error.message}`);
      return imported.value;
    })().catch((error: unknown) => {
      verifier = null;
      throw error;
    });
    return verifier;
  };

  /** The newest checkpoint, fetched again when the event is beyond the one held; one fetch at a time for everyone asking. */
  const checkpointCovering = async (index: number): Promise<SignedCheckpoint> => {
    if (fetchingCheckpoint !== null) await fetchingCheckpoint.catch(() => undefined);
    if (checkpoint !== null && index < checkpoint.treeSize) return checkpoint;
    fetchingCheckpoint ??= deps.api.checkpoint().then(
      (fetched) => {
        fetchingCheckpoint = null;
        return (checkpoint = fetched);
      },
      (error: unknown) => {
        fetchingCheckpoint = null;
        throw error;
      },
    );
    return fetchingCheckpoint;
  };

  const run = async (event: AuditEvent): Promise<LedgerVerdict> => {
    if (event.ledgerIndex === null) return { kind: 'not-in-ledger' };
    if (deps.isOffline()) return { kind: 'offline' };
    try {
      const trusted = await trustedVerifier();
      const signed = await checkpointCovering(event.ledgerIndex);
      if (event.ledgerIndex >= signed.treeSize) return await verifyEventInclusion({ event, checkpointNote: signed.note, verifier: trusted, proof: { index: event.ledgerIndex, treeSize: signed.treeSize, proof: [] } });
      const proof = await proofSlots(() => deps.api.inclusionProof(event.id, signed.treeSize));
      return await verifyEventInclusion({ event, checkpointNote: signed.note, verifier: trusted, proof });
    } catch (error) {
      if (error instanceof LedgerKeyError) return { kind: 'failed', reason: error.message };
      if (deps.isUnreachable(error)) return { kind: 'offline' };
      if (deps.isNotFound(error)) return { kind: 'failed', reason: `the replica says this event is ledger entry ${event.ledgerIndex}, but the server proves no such entry` };
      return { kind: 'failed', reason: `the ledger could not be asked: ${error instanceof Error ? error.message : String(error)}` };
    }
  };

  return {
    verdicts,
    verify: (event, again = false) => {
      const cached = verdicts.getState().byEvent.get(event.id);
      if (!again && cached !== undefined && isFinal(cached)) return Promise.resolve(cached);
      const running = inFlight.get(event.id);
      if (running !== undefined) return running;
      setVerdict(event.id, { kind: 'checking' });
      const promise = run(event)
        .then((verdict) => setVerdict(event.id, verdict))
        .finally(() => inFlight.delete(event.id));
      inFlight.set(event.id, promise);
      return promise;
    },
  };
}

class LedgerKeyError extends Error {}

const MAX_PROOFS_IN_FLIGHT = 4;

/** Runs at most `size` tasks at once, the others in the order they came. */
function slots(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= size) await new Promise<void>((resume) => waiting.push(resume));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function readPreference(store: KeyValueStore, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

function writePreference(store: KeyValueStore, key: string, value: string): void {
  try {
    store.setItem(key, value);
  } catch {
    // Not pinned: the next session trusts on first use again. Verification itself still holds for this one.
  }
}
