/// <reference types="node" />
/**
 * The audit ledger's throughput: what appending and verifying events costs,
 * and where the time goes.
 *
 * - append_events_per_s: ledgerPayloadOf + RFC 8785 canonicalize + leaf hash
 *   + MerkleTree append (leaf stored, subtrees cached), per event. Goal ≥ 200k/s.
 * - verify_events_per_s: what an auditor does with an export of 1,000,000
 *   events: eventsRoot() recomputes every leaf hash from the event and
 *   rebuilds the root in a MerkleFrontier (constant memory); it is compared
 *   with the signed one.
 *   Goal ≥ 300k/s.
 * - sha256.raw_per_s and stringify_sha256_per_s: the floors the two above
 *   are measured against — hashing the same canonical bytes alone, and the
 *   naive JSON.stringify + SHA-256 (not canonical, so not usable, but it is
 *   what canonicalization must not be much slower than).
 * - inclusion_verify_us / inclusion_proof_us: one proof in a 1,000,000-leaf
 *   tree (rebuilt from its leaf hashes, as the server reloads it), median per
 *   call over random leaves. Goal (verify) ≤ 50 µs.
 *
 * Events come from a seeded generator (bench/audit-events.ts), ~500 bytes of
 * canonical JSON each. 65,536 distinct events are cycled to reach the large
 * counts: the work per event is the same, and a million event objects would
 * take gigabytes on a machine shared with other runs.
 *
 * The machine may be shared, so the notes also give the median CPU time per
 * event (user + system of this process): wall-clock rates fall when other
 * processes take the cores, CPU time per event does not.
 *
 * Run: node bench/ledger.bench.ts (the root `pnpm bench` adds --expose-gc)
 */
import { formatSamples, median, percentile, rate, report, type BenchResult } from '@steward/bench';
import { sha256, sha256Backend, sha256Utf8 } from '#sha256';
import { bytesEqual, encodeUtf8 } from '../src/crypto/encoding.ts';
import { MerkleFrontier, MerkleTree, eventCanonicalJson, eventLeafHash, eventsRoot, verifyInclusion } from '../src/ledger/index.ts';
import { auditEvents, seededRandom } from './audit-events.ts';

const POOL = 65_536;
const APPEND_EVENTS = 200_000;
const VERIFY_EVENTS = 1_000_000;
const PROOF_TREE = 1_000_000;
const PROOF_SAMPLES = 2_000;

const gc = (globalThis as { gc?: () => void }).gc;
const settle = (): void => gc?.();

/** Wraps `work` to record its CPU time per call (µs), so the notes can tell our cost from time lost to other processes. */
function cpuTimed(work: () => unknown): { readonly work: () => unknown; readonly micros: number[] } {
  const micros: number[] = [];
  return {
    micros,
    work: () => {
      const start = process.cpuUsage();
      const result = work();
      const used = process.cpuUsage(start);
      micros.push(used.user + used.system);
      return result;
    },
  };
}

/** "CPU 3.21 µs/event (311,000/s of one core)" from the timed runs (the last `runs` calls). */
function cpuNote(timed: { readonly micros: number[] }, runs: number, ops: number, unit: string): string {
  const perOp = median(timed.micros.slice(-runs)) / ops;
  return `CPU ${perOp.toFixed(2)} µs/${unit} (${Math.round(1e6 / perOp).toLocaleString('en-US')}/s of one core)`;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const events = auditEvents(POOL);
const canonical = events.map((event) => encodeUtf8(eventCanonicalJson(event)));
const meanBytes = Math.round(canonical.reduce((sum, bytes) => sum + bytes.length, 0) / POOL);

// Append: a fresh tree per run, so every run pays for growth and caching.
settle();
const appendTimed = cpuTimed(() => {
  const tree = new MerkleTree();
  for (let i = 0; i < APPEND_EVENTS; i++) unwrap(tree.appendLeafHash(eventLeafHash(events[i % POOL] as (typeof events)[number])));
  return tree.size;
});
const append = await rate(APPEND_EVENTS, appendTimed.work, { runs: 5, warmup: 1 });

// Verify: the expected root is what the log signed; the verifier recomputes it from the events alone.
const verifyInput = Array.from({ length: VERIFY_EVENTS }, (_, i) => events[i % POOL] as (typeof events)[number]);
const signed = new MerkleFrontier();
for (const event of verifyInput) signed.append(eventLeafHash(event));
const signedRoot = signed.root();
settle();
const verifyTimed = cpuTimed(() => {
  if (!bytesEqual(eventsRoot(verifyInput), signedRoot)) throw new Error('verification bench: the rebuilt root does not match');
});
const verify = await rate(VERIFY_EVENTS, verifyTimed.work, { runs: 5, warmup: 1 });

// Floors: the same bytes hashed alone; and JSON.stringify + SHA-256 of the same events.
settle();
const rawTimed = cpuTimed(() => {
  for (let i = 0; i < APPEND_EVENTS; i++) sha256(canonical[i % POOL] as Uint8Array);
});
const raw = await rate(APPEND_EVENTS, rawTimed.work, { runs: 5, warmup: 1 });
const stringifyTimed = cpuTimed(() => {
  for (let i = 0; i < APPEND_EVENTS; i++) sha256Utf8(JSON.stringify(events[i % POOL]));
});
const stringify = await rate(APPEND_EVENTS, stringifyTimed.work, { runs: 5, warmup: 1 });

// Proofs in a 1,000,000-leaf tree, rebuilt from stored leaf hashes as the server reloads it.
const leafHashes = new Uint8Array(PROOF_TREE * 32);
for (let i = 0; i < PROOF_TREE; i++) leafHashes.set(eventLeafHash(events[i % POOL] as (typeof events)[number]), i * 32);
const tree = unwrap(MerkleTree.fromLeafHashes(leafHashes));
const root = tree.root();
const random = seededRandom(42);
const indexes = Array.from({ length: PROOF_SAMPLES }, () => Math.floor(random() * PROOF_TREE));
const proofs = indexes.map((index) => unwrap(tree.inclusionProof(index)));
const leaves = indexes.map((index) => unwrap(tree.leafHash(index)));
settle();
/** Times every call (after one untimed pass over all samples); the median and 90th percentile per call, in µs. */
const perCallMicros = (work: (i: number) => void): { us: number; p90: number } => {
  for (let i = 0; i < PROOF_SAMPLES; i++) work(i);
  const micros: number[] = [];
  for (let run = 0; run < 3; run++) {
    for (let i = 0; i < PROOF_SAMPLES; i++) {
      const start = performance.now();
      work(i);
      micros.push((performance.now() - start) * 1000);
    }
  }
  return { us: median(micros), p90: percentile(micros, 90) };
};
const inclusionVerify = perCallMicros((i) => {
  unwrap(verifyInclusion(leaves[i] as Uint8Array, indexes[i] as number, PROOF_TREE, proofs[i] as Uint8Array[], root));
});
const inclusionProof = perCallMicros((i) => {
  unwrap(tree.inclusionProof(indexes[i] as number));
});

const shape = `${meanBytes}-byte canonical events, sha256 via ${sha256Backend.name}`;
const results: BenchResult[] = [
  {
    name: 'domain.ledger.append_events_per_s',
    value: Math.round(append.perSecond),
    unit: 'events/s',
    better: 'higher',
    notes: `payload + canonicalize + leaf hash + tree append, ${APPEND_EVENTS} events per run into a fresh tree; ${shape}; ${cpuNote(appendTimed, 5, APPEND_EVENTS, 'event')}; goal ≥ 200,000; samples ${formatSamples(append.samples)}`,
  },
  {
    name: 'domain.ledger.verify_events_per_s',
    value: Math.round(verify.perSecond),
    unit: 'events/s',
    better: 'higher',
    notes: `recompute ${VERIFY_EVENTS} leaf hashes + rebuild the root + compare; ${shape}; ${cpuNote(verifyTimed, 5, VERIFY_EVENTS, 'event')}; goal ≥ 300,000; samples ${formatSamples(verify.samples)}`,
  },
  {
    name: 'domain.sha256.raw_per_s',
    value: Math.round(raw.perSecond),
    unit: 'hashes/s',
    better: 'higher',
    notes: `SHA-256 of the same canonical bytes, nothing else; ${shape}; ${cpuNote(rawTimed, 5, APPEND_EVENTS, 'hash')}; samples ${formatSamples(raw.samples)}`,
  },
  {
    name: 'domain.ledger.stringify_sha256_per_s',
    value: Math.round(stringify.perSecond),
    unit: 'events/s',
    better: 'higher',
    notes: `JSON.stringify (not canonical) + SHA-256 of the UTF-8, the baseline for canonicalize; ${shape}; ${cpuNote(stringifyTimed, 5, APPEND_EVENTS, 'event')}; samples ${formatSamples(stringify.samples)}`,
  },
  {
    name: 'domain.ledger.inclusion_verify_us',
    value: Number(inclusionVerify.us.toFixed(2)),
    unit: 'µs',
    better: 'lower',
    notes: `verifyInclusion in a ${PROOF_TREE}-leaf tree (${proofs[0]?.length ?? 0}-hash proofs), median per call over ${3 * PROOF_SAMPLES} calls on ${PROOF_SAMPLES} random leaves; p90 ${inclusionVerify.p90.toFixed(1)} µs; goal ≤ 50`,
  },
  {
    name: 'domain.ledger.inclusion_proof_us',
    value: Number(inclusionProof.us.toFixed(2)),
    unit: 'µs',
    better: 'lower',
    notes: `MerkleTree.inclusionProof in a ${PROOF_TREE}-leaf tree (subtrees cached from height 4), median per call over ${3 * PROOF_SAMPLES} calls on ${PROOF_SAMPLES} random leaves; p90 ${inclusionProof.p90.toFixed(1)} µs`,
  },
];

report(results);
