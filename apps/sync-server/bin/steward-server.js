#!/usr/bin/env node
// The sources are TypeScript, run as they are: Node strips the types
// (22.18+, 23.6+, 24). An older Node would fail on the first import with an
// obscure "unknown file extension", so say what is needed instead.
if (!process.features.typescript) {
  console.error(`steward-server: Node ${process.versions.node} cannot run TypeScript sources; use Node 24 (or 22.18+). ./steward start provides it.`);
  process.exit(1);
}
await import('../src/cli.ts');
