import { createNoteSigner, encodeBase64, eventLeafHash, generateEd25519KeyPair, MerkleTree, signCheckpoint, type NoteSigner } from '@steward/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryStorage } from '../platform/memory-storage.ts';
import { auditEvent } from '../replica/fixtures.ts';
import { verifyEventInclusion, verdictLabel } from './ledger-verification.ts';
import { createLedgerVerifier, trustedKeyPreference, type LedgerApi } from './ledger-verifier.ts';

const ORIGIN = 'steward.local/ledger';

async function signer(): Promise<NoteSigner> {
  const made = await createNoteSigner(ORIGIN, await generateEd25519KeyPair());
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/** A real ledger of `n` events, its signed checkpoint, and proofs as the server gives them. */
async function ledger(n: number, key: NoteSigner) {
  const events = Array.from({ length: n }, (_, i) => auditEvent(i, { ledgerIndex: i }));
  const tree = new MerkleTree();
  for (const event of events) tree.appendLeafHash(eventLeafHash(event));
  const note = await signCheckpoint({ origin: ORIGIN, treeSize: n, rootHash: tree.root() }, key);
  if (!note.ok) throw new Error(note.error.message);
  const proofOf = (index: number) => {
    const proof = tree.inclusionProof(index, n);
    if (!proof.ok) throw new Error(proof.error.message);
    return { index, treeSize: n, proof: proof.value.map(encodeBase64) };
  };
  return { events, note: note.value, proofOf };
}

let key: NoteSigner;
let other: NoteSigner;
beforeAll(async () => {
  key = await signer();
  other = await signer();
});

const at = <T>(list: readonly T[], i: number): T => {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
};

describe('verifyEventInclusion', () => {
  it('verifies an event against a real signed checkpoint and proof', async () => {
    const { events, note, proofOf } = await ledger(13, key);
    for (const i of [0, 6, 12]) {
      expect(await verifyEventInclusion({ event: at(events, i), checkpointNote: note, verifier: key.verifierKey, proof: proofOf(i) })).toEqual({ kind: 'verified', index: i, treeSize: 13, keyName: ORIGIN });
    }
  });

  it('fails a tampered proof, a tampered event, a swapped leaf and a checkpoint signed by another key', async () => {
    const { events, note, proofOf } = await ledger(13, key);
    const event = at(events, 5);
    const proof = proofOf(5);
    const flipped = Uint8Array.from(atob(at(proof.proof, 1)), (c) => c.charCodeAt(0));
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tamperedProof = { ...proof, proof: proof.proof.map((h, i) => (i === 1 ? encodeBase64(flipped) : h)) };
    const cases: [string, Parameters<typeof verifyEventInclusion>[0], RegExp][] = [
      ['tampered proof', { event, checkpointNote: note, verifier: key.verifierKey, proof: tamperedProof }, /does not lead from leaf 5/],
      ['tampered event', { event: { ...event, outcome: 'denied' }, checkpointNote: note, verifier: key.verifierKey, proof }, /does not lead from leaf 5/],
      ['proof of another leaf', { event, checkpointNote: note, verifier: key.verifierKey, proof: proofOf(6) }, /proof is for leaf 6/],
      ['short proof', { event, checkpointNote: note, verifier: key.verifierKey, proof: { ...proof, proof: proof.proof.slice(1) } }, /inclusion proof does not check out/],
      ['not base64', { event, checkpointNote: note, verifier: key.verifierKey, proof: { ...proof, proof: ['%%%', ...proof.proof.slice(1)] } }, /not base64/],
      ['other key', { event, checkpointNote: note, verifier: other.verifierKey, proof }, /not signed by the ledger key this device trusts/],
      ['edited checkpoint', { event, checkpointNote: note.replace('\n13\n', '\n12\n'), verifier: key.verifierKey, proof }, /not signed/],
    ];
    for (const [what, input, reason] of cases) {
      const verdict = await verifyEventInclusion(input);
      expect(verdict.kind, what).toBe('failed');
      expect(verdict.kind === 'failed' ? verdict.reason : '', what).toMatch(reason);
    }
  });

  it('says when the event is not in the ledger or not yet under a signed checkpoint', async () => {
    const { events, note, proofOf } = await ledger(4, key);
    expect(await verifyEventInclusion({ event: { ...at(events, 1), ledgerIndex: null }, checkpointNote: note, verifier: key.verifierKey, proof: proofOf(1) })).toEqual({ kind: 'not-in-ledger' });
    const later = auditEvent(9, { ledgerIndex: 9 });
    const verdict = await verifyEventInclusion({ event: later, checkpointNote: note, verifier: key.verifierKey, proof: { index: 9, treeSize: 4, proof: [] } });
    expect(verdict).toEqual({ kind: 'not-yet-checkpointed', index: 9, treeSize: 4 });
    expect(verdictLabel(verdict)).toBe('Not yet in a signed checkpoint');
  });
});

describe('createLedgerVerifier', () => {
  const unreachable = new Error('fetch failed');
  const api = (note: string, proofOf: (i: number) => { index: number; treeSize: number; proof: string[] }, verifierKey: string, calls: string[]): LedgerApi => ({
    publicKey: () => (calls.push('publicKey'), Promise.resolve({ verifierKey })),
    checkpoint: () => (calls.push('checkpoint'), Promise.resolve({ note, treeSize: 13 })),
    inclusionProof: (eventId) => (calls.push(`proof ${eventId}`), Promise.resolve(proofOf(Number.parseInt(eventId.slice(-4), 16) - 0x1000))),
  });
  const deps = { serverUrl: 'http://127.0.0.1:4848', isOffline: () => false, isUnreachable: (e: unknown) => e === unreachable, isNotFound: () => false };

  it('pins the server key on first use, keeps verified verdicts, and reuses the checkpoint', async () => {
    const { events, note, proofOf } = await ledger(13, key);
    const calls: string[] = [];
    const preferences = memoryStorage();
    const verifier = createLedgerVerifier({ ...deps, api: api(note, proofOf, key.verifierKey, calls), preferences });
    expect((await verifier.verify(at(events, 3))).kind).toBe('verified');
    expect((await verifier.verify(at(events, 3))).kind).toBe('verified');
    expect((await verifier.verify(at(events, 4))).kind).toBe('verified');
    expect(calls).toEqual(['publicKey', 'checkpoint', `proof ${at(events, 3).id}`, `proof ${at(events, 4).id}`]);
    expect(preferences.getItem(trustedKeyPreference(deps.serverUrl))).toBe(key.verifierKey);
    expect(verifier.verdicts.getState().byEvent.get(at(events, 3).id)?.kind).toBe('verified');
  });

  it('fails when the server later signs with a key other than the one pinned', async () => {
    const { events, note, proofOf } = await ledger(13, other);
    const preferences = memoryStorage({ [trustedKeyPreference(deps.serverUrl)]: key.verifierKey });
    const verifier = createLedgerVerifier({ ...deps, api: api(note, proofOf, other.verifierKey, []), preferences });
    const verdict = await verifier.verify(at(events, 2));
    expect(verdict.kind).toBe('failed');
    expect(preferences.getItem(trustedKeyPreference(deps.serverUrl))).toBe(key.verifierKey);
  });

  it('fetches a newer checkpoint for an event beyond the one held, and fails an event the server proves no entry for', async () => {
    const small = await ledger(4, key);
    const big = await ledger(13, key);
    const calls: string[] = [];
    let note = small.note;
    let size = 4;
    const notFound = new Error('NOT_FOUND');
    const growing: LedgerApi = {
      publicKey: () => Promise.resolve({ verifierKey: key.verifierKey }),
      checkpoint: () => (calls.push(`checkpoint ${size}`), Promise.resolve({ note, treeSize: size })),
      inclusionProof: (eventId, treeSize) => (eventId === at(big.events, 12).id ? Promise.reject(notFound) : Promise.resolve((treeSize === 4 ? small : big).proofOf(Number.parseInt(eventId.slice(-4), 16) - 0x1000))),
    };
    const verifier = createLedgerVerifier({ ...deps, isNotFound: (e) => e === notFound, api: growing, preferences: memoryStorage() });
    expect((await verifier.verify(at(small.events, 2))).kind).toBe('verified');
    note = big.note;
    size = 13;
    expect(await verifier.verify(at(big.events, 9))).toEqual({ kind: 'verified', index: 9, treeSize: 13, keyName: ORIGIN });
    expect(calls).toEqual(['checkpoint 4', 'checkpoint 13']);
    const missing = await verifier.verify(at(big.events, 12));
    expect(missing.kind === 'failed' ? missing.reason : '').toMatch(/server proves no such entry/);
  });

  it('is "unverified (offline)" offline or when the server cannot be reached, and tries again later', async () => {
    const { events, note, proofOf } = await ledger(13, key);
    let offline = true;
    const calls: string[] = [];
    const flaky: LedgerApi = { ...api(note, proofOf, key.verifierKey, calls), checkpoint: () => Promise.reject(unreachable) };
    const verifier = createLedgerVerifier({ ...deps, isOffline: () => offline, api: flaky, preferences: memoryStorage() });
    expect(await verifier.verify(at(events, 1))).toEqual({ kind: 'offline' });
    expect(calls).toEqual([]);
    offline = false;
    expect(await verifier.verify(at(events, 1))).toEqual({ kind: 'offline' });
    expect(verdictLabel({ kind: 'offline' })).toBe('Unverified (offline)');
  });

  it('asks for one checkpoint and at most four proofs at a time when a whole page of rows asks at once', async () => {
    const { events, note, proofOf } = await ledger(13, key);
    const calls: string[] = [];
    let running = 0;
    let most = 0;
    const slow: LedgerApi = {
      ...api(note, proofOf, key.verifierKey, calls),
      inclusionProof: async (eventId) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return proofOf(Number.parseInt(eventId.slice(-4), 16) - 0x1000);
      },
    };
    const verifier = createLedgerVerifier({ ...deps, api: slow, preferences: memoryStorage() });
    const verdicts = await Promise.all(events.map((event) => verifier.verify(event)));
    expect(verdicts.map((v) => v.kind)).toEqual(events.map(() => 'verified'));
    expect(calls.filter((c) => c === 'checkpoint')).toHaveLength(1);
    expect(most).toBe(4);
  });
});
