/**
 * The multi-device simulation as a test: seeds 1, 2, 3, … until 1,000 have
 * run or the time budget (SIM_BUDGET_S, default 780 s) is spent, whichever
 * comes first, in parallel lanes (lanes.ts; SIM_LANES, default one per core);
 * how many ran and how fast is printed. Every failing seed is printed with the
 * command that replays it. More seeds: `pnpm simulate`.
 */
import { describe, expect, it } from 'vitest';
import { runSeedsInLanes, defaultLanes } from './lanes.ts';
import { replayCommand, type SeedResult } from './simulation.ts';

const MAX_SEEDS = Number(process.env['SIM_SEEDS'] ?? 1_000);
const BUDGET_MS = Number(process.env['SIM_BUDGET_S'] ?? 780) * 1_000;

describe('deterministic multi-device simulation', () => {
  it('converges, loses no offline intent, accepts nothing the domain forbids, keeps the ledger verifiable', async () => {
    const started = performance.now();
    const lanes = Math.min(defaultLanes(), MAX_SEEDS);
    let handedOut = 0;
    const results: SeedResult[] = await runSeedsInLanes({
      seeds: Array.from({ length: MAX_SEEDS }, (_, i) => i + 1),
      lanes,
      // The first seed of each lane always runs; after that, only within the budget.
      keepGoing: () => handedOut++ < lanes || performance.now() - started < BUDGET_MS,
    });
    const seconds = (performance.now() - started) / 1_000;
    const sum = (pick: (r: SeedResult) => number): number => results.reduce((total, r) => total + pick(r), 0);
    console.log(
      `simulation: ${results.length} seeds in ${seconds.toFixed(1)} s (${(results.length / seconds).toFixed(2)} seeds/s, ${lanes} lanes); ` +
        `${sum((r) => r.ops)} steps, ${sum((r) => r.syncs)} syncs (${sum((r) => r.skippedSyncs)} left out: nothing to pull or push), ${sum((r) => r.localRefusals)} refused on the device; intents: ` +
        `${sum((r) => r.intents.applied)} applied, ${sum((r) => r.intents.onServer)} already on the server, ${sum((r) => r.intents.superseded)} superseded, ` +
        `${sum((r) => r.intents.unchanged)} set back before a sync, ${sum((r) => r.intents.kept)} in a reconcile store, ${sum((r) => r.intents.lost)} lost; of them audit events recorded on a device: ` +
        `${sum((r) => r.auditEventIntents.applied)} applied, ${sum((r) => r.auditEventIntents.onServer)} already on the server, ${sum((r) => r.auditEventIntents.superseded)} superseded, ` +
        `${sum((r) => r.auditEventIntents.kept)} in a reconcile store, ${sum((r) => r.auditEventIntents.lost)} lost`,
    );
    const failed = results.filter((r) => r.failures.length > 0);
    for (const r of failed) console.log(`seed ${r.seed} failed:\n  ${r.failures.slice(0, 10).join('\n  ')}\n  replay: ${replayCommand(r.seed)}`);
    expect(failed.map((r) => r.seed)).toEqual([]);
    expect(sum((r) => r.intents.lost)).toBe(0);
    expect(sum((r) => r.intents.applied + r.intents.kept)).toBeGreaterThan(0);
  }, 900_000);
});
