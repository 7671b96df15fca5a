// Runs every workspace's bench/*.bench.ts in its own Node process, prints one
// table and writes bench-results.json at the repo root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatTable, type BenchResult } from '@steward/bench';

const root = join(import.meta.dirname, '..');
const filter = process.argv[2];
const files = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name, 'bench')))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => join(dir, f)))
  .filter((file) => !filter || file.includes(filter))
  .sort();

const results: BenchResult[] = [];
const failures: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-'));
for (const [i, file] of files.entries()) {
  const out = join(scratch, `${i}.json`);
  const rel = relative(root, file);
  console.error(`bench: ${rel}`);
  // EventSource (the sync server's stream bench) is still behind a flag in Node 24.
  const run = spawnSync(process.execPath, ['--expose-gc', '--experimental-eventsource', file], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, STEWARD_BENCH_OUT: out },
  });
  if (run.status !== 0 || !existsSync(out)) {
    failures.push(rel);
    continue;
  }
  results.push(...(JSON.parse(readFileSync(out, 'utf8')) as BenchResult[]));
}

console.log(formatTable(results));
writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench-results.json (${results.length} figures from ${files.length} files)`);
if (failures.length > 0) {
  console.error(`bench files that failed: ${failures.join(', ')}`);
  process.exit(1);
}
