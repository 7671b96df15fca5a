#!/usr/bin/env node
// The sources are TypeScript, run as they are: Node strips the types (22.18+, 24).
if (!process.features.typescript) {
  console.error(`steward-export: Node ${process.versions.node} cannot run TypeScript sources; use Node 24 (or 22.18+).`);
  process.exit(2);
}
const { runExport } = await import('../src/node/index.ts');
process.exitCode = await runExport(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
