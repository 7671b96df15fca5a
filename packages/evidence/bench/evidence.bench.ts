/// <reference types="node" />
/**
 * Evidence bundles at 100,000 events, the size of a busy tenant's quarter.
 *
 * - evidence.export_100k_s (goal < 10 s): what steward-export does once the
 *   events are fetched — inclusion proofs for 100,000 leaves of a 150,000-leaf
 *   ledger (two tenants interleaved) taken from an in-process MerkleTree the
 *   way the server takes them, the signed checkpoint and scope statement,
 *   then buildBundle: every proof checked, events.jsonl / events.csv /
 *   proofs.json written, hashed, the manifest signed, zipped.
 * - evidence.verify_100k_s (goal < 5 s): verifyBundle on that zip — unzip,
 *   every hash, every signature, every leaf hash recomputed and every proof
 *   verified, the CSV regenerated, scope and completeness.
 *
 * Wall-clock medians; the notes give the bundle size and the samples.
 * Run: node bench/evidence.bench.ts
 */
import { duration, formatSamples, report } from '@steward/bench';
import { buildBundle, verifyBundle } from '../src/index.ts';
import { appendEvents, enrolDevice, exportInput, fakeServer } from '../test/fake-server.ts';

const EVENTS = 100_000;
const scope = { tenantId: '01900000-0000-7000-8000-00000000000a', from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z', filters: {} };

const server = await fakeServer();
appendEvents(server, (EVENTS * 3) / 2); // two of every three events are the exported tenant's
const exporter = await enrolDevice(server);

let zip: Uint8Array = new Uint8Array();
const exported = await duration(
  async () => {
    const input = await exportInput(server, exporter, scope);
    if (input.events.length !== EVENTS) throw new Error(`expected ${EVENTS} events in scope, got ${input.events.length}`);
    const built = await buildBundle(input, exporter.device.privateKey);
    if (!built.ok) throw new Error(built.error.message);
    zip = built.value;
  },
  { runs: 3, warmup: 1 },
);

const verified = await duration(
  async () => {
    const result = await verifyBundle(zip);
    if (!result.ok) throw new Error(`the bundle did not verify: ${JSON.stringify(result.checks.filter((c) => c.status !== 'pass'))}`);
  },
  { runs: 3, warmup: 1 },
);

const size = `${(zip.length / 1e6).toFixed(1)} MB bundle`;
report([
  {
    name: 'evidence.export_100k_s',
    value: Number((exported.ms / 1000).toFixed(2)),
    unit: 's',
    better: 'lower',
    notes: `${EVENTS} events of a ${server.tree.size}-leaf ledger: proofs from an in-process MerkleTree + buildBundle (proofs checked, files, manifest signed, zip); ${size}; goal < 10 s; samples ${formatSamples(exported.samples.map((ms) => ms / 1000), 2)} s`,
  },
  {
    name: 'evidence.verify_100k_s',
    value: Number((verified.ms / 1000).toFixed(2)),
    unit: 's',
    better: 'lower',
    notes: `verifyBundle on the same ${size}: every hash, signature, leaf and proof, CSV regenerated, completeness; goal < 5 s; samples ${formatSamples(verified.samples.map((ms) => ms / 1000), 2)} s`,
  },
]);
