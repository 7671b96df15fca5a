/**
 * The simulation, nightly-style: `pnpm simulate [--seeds N] [--from S] [--seed S] [--lanes L]`.
 * Runs seeds S, S+1, … (default: 5,000 seeds from a start taken from the
 * clock, printed first) in parallel lanes (default one per core, see
 * test/simulation/lanes.ts), prints progress and every failing seed with the
 * command that replays it, and exits non-zero when any seed failed.
 * `--seed S` replays one seed in this thread.
 */
import { parseArgs } from 'node:util';
import { tally, type IntentTally } from '../test/simulation/intent-accounting.ts';
import { defaultLanes, runSeedsInLanes } from '../test/simulation/lanes.ts';
import { replayCommand, startSimulation, type SeedResult } from '../test/simulation/simulation.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, from: { type: 'string' }, seed: { type: 'string' }, lanes: { type: 'string' } } });
const single = values.seed === undefined ? undefined : Number(values.seed);
const from = single ?? (values.from === undefined ? Date.now() % 1_000_000_000 : Number(values.from));
const count = single === undefined ? Number(values.seeds ?? 5_000) : 1;
const lanes = values.lanes === undefined ? defaultLanes() : Number(values.lanes);
if (!Number.isSafeInteger(from) || !Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(lanes) || lanes < 1) {
  console.error('usage: simulate [--seeds N] [--from S] [--lanes L] | --seed S');
  process.exit(2);
}

console.log(`simulating ${count} seed(s) from ${from}${single === undefined ? ` in ${Math.min(lanes, count)} lane(s)` : ''}`);
const started = performance.now();
const failed: number[] = [];
const refusedByServer: Record<string, number> = {};
const totals: Record<keyof IntentTally | 'localRefusals' | 'ops' | 'syncs' | 'skippedSyncs', number> = { ...tally([]), localRefusals: 0, ops: 0, syncs: 0, skippedSyncs: 0 };
let done = 0;

function record(result: SeedResult): void {
  for (const key of Object.keys(result.intents) as (keyof IntentTally)[]) totals[key] += result.intents[key];
  totals.localRefusals += result.localRefusals;
  totals.ops += result.ops;
  totals.syncs += result.syncs;
  totals.skippedSyncs += result.skippedSyncs;
  for (const [collection, n] of Object.entries(result.serverRefusals)) refusedByServer[collection] = (refusedByServer[collection] ?? 0) + n;
  if (result.failures.length > 0) {
    failed.push(result.seed);
    console.log(`seed ${result.seed} FAILED:\n  ${result.failures.slice(0, 20).join('\n  ')}\n  replay: ${replayCommand(result.seed)}`);
  }
  done++;
  if (done % 100 === 0 || done === count) console.log(`${done}/${count} seeds, ${(done / ((performance.now() - started) / 1000)).toFixed(2)} seeds/s, ${failed.length} failed`);
}

if (single === undefined) {
  await runSeedsInLanes({ seeds: Array.from({ length: count }, (_, i) => from + i), lanes: Math.min(lanes, count), onResult: record });
} else {
  const simulation = await startSimulation();
  try {
    record(await simulation.runSeed(single));
  } finally {
    await simulation.close();
  }
}
console.log(`intents: ${JSON.stringify(totals)}`);
console.log(`rows refused or conflicting on the server, by collection: ${JSON.stringify(refusedByServer)}`);
if (failed.length > 0) {
  console.log(`failing seeds: ${failed.sort((a, b) => a - b).join(' ')}`);
  process.exit(1);
}
