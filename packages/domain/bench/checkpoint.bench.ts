/**
 * Signed checkpoints: how many a verifier can check, and a log can sign, per
 * second. A checkpoint is parsed, its Ed25519 signature verified through
 * WebCrypto, and its body parsed — the whole of verifyCheckpoint.
 *
 * - verify_per_s: the log's verifier key imported once (a client or auditor
 *   checking many checkpoints of one log).
 * - verify_cold_per_s: the verifier key string parsed and imported for every
 *   checkpoint (a one-shot `verify` of an export bundle).
 * - sign_per_s: format + sign, each checkpoint a new tree size.
 *
 * Operations run one after another (each awaited), as a verifier does them;
 * the platform's thread pool could overlap more.
 *
 * Anchor: one Ed25519 verification costs about 50 µs in optimised native
 * code (Go's note.Open, BoringSSL), so ~15,000/s per core is the ceiling.
 *
 * Run: node bench/checkpoint.bench.ts
 */
import { formatSamples, rate, report, type BenchResult } from '@steward/bench';
import { generateEd25519KeyPair } from '../src/crypto/ed25519.ts';
import { signCheckpoint, verifyCheckpoint, type Checkpoint } from '../src/ledger/checkpoint.ts';
import { createNoteSigner, importNoteVerifier } from '../src/ledger/signed-note-key.ts';

const ORIGIN = 'steward.example/acme/audit';
const OPS = 2_000;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const signer = unwrap(await createNoteSigner(ORIGIN, await generateEd25519KeyPair()));
const verifier = unwrap(await importNoteVerifier(signer.verifierKey));
const checkpoint = (treeSize: number): Checkpoint => ({
  origin: ORIGIN,
  treeSize,
  rootHash: crypto.getRandomValues(new Uint8Array(32)),
});
const note = unwrap(await signCheckpoint(checkpoint(1_234_567), signer));

async function verifyAll(key: typeof verifier | string): Promise<void> {
  for (let i = 0; i < OPS; i++) unwrap(await verifyCheckpoint(note, key));
}

const warm = await rate(OPS, () => verifyAll(verifier), { runs: 7, warmup: 2 });
const cold = await rate(OPS, () => verifyAll(signer.verifierKey), { runs: 7, warmup: 2 });
let size = 0;
const sign = await rate(OPS, async () => {
  for (let i = 0; i < OPS; i++) unwrap(await signCheckpoint(checkpoint(++size), signer));
}, { runs: 7, warmup: 2 });

const shape = `${new TextEncoder().encode(note).length}-byte note, one Ed25519 signature, ${OPS} sequential ops per run`;
const results: BenchResult[] = [
  {
    name: 'domain.checkpoint.verify_per_s',
    value: Math.round(warm.perSecond),
    unit: 'checkpoints/s',
    better: 'higher',
    notes: `verifier key imported once; ${shape}; samples ${formatSamples(warm.samples)}`,
  },
  {
    name: 'domain.checkpoint.verify_cold_per_s',
    value: Math.round(cold.perSecond),
    unit: 'checkpoints/s',
    better: 'higher',
    notes: `verifier key string parsed and imported each time; ${shape}; samples ${formatSamples(cold.samples)}`,
  },
  {
    name: 'domain.checkpoint.sign_per_s',
    value: Math.round(sign.perSecond),
    unit: 'checkpoints/s',
    better: 'higher',
    notes: `format + Ed25519 sign (non-extractable key); ${shape}; samples ${formatSamples(sign.samples)}`,
  },
];

report(results);
