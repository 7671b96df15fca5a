#!/usr/bin/env node
/**
 * Runs Electronegativity (Doyensec's Electron security scanner) over the
 * desktop app's source and fails when it reports a HIGH-severity finding
 * that `electronegativity.exceptions.json` does not justify.
 *
 * Called programmatically rather than through its CLI because the CLI first
 * downloads updated translations and, offline, its HTTP client's retry
 * crashes the process after the scan has started. The scan itself needs no
 * network: the stub below answers that one download with "unavailable", and
 * the messages come from the English strings the package ships.
 *
 * Usage: node scripts/electronegativity.mjs [input dir] (default: src)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const appDir = resolve(import.meta.dirname, '..');
const require = createRequire(join(appDir, 'package.json'));
const runnerPath = require.resolve('@doyensec/electronegativity');
const scannerRequire = createRequire(runnerPath);
const gotPath = scannerRequire.resolve('got');
const offline = () => Promise.reject(new Error('translations are not downloaded: offline scan'));
scannerRequire.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: { __esModule: true, default: offline } };
// The package's own English strings, not the download: i18n reads LANG to pick the remote file.
process.env.LANG = 'en-US';

const run = scannerRequire(runnerPath);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const exceptions = JSON.parse(readFileSync(join(appDir, 'electronegativity.exceptions.json'), 'utf8')).exceptions;
const input = resolve(appDir, process.argv[2] ?? 'src');

const result = await run({ input, customScan: [], excludeFromScan: [], electronVersionOverride: electronVersion, parserPlugins: [], isRelative: true }, false);

/**
 * An exception names a check, a file and text that must appear on the
 * flagged line: it covers that one construct, not every later finding of
 * the same check in the same file.
 */
const justification = (check, file, line) => {
  const text = readFileSync(join(appDir, file), 'utf8').split('\n')[line - 1] ?? '';
  const exception = exceptions.find((e) => e.check === check && e.file === file && text.includes(e.where));
  return exception === undefined ? null : exception.reason;
};
const findings = result.issues.map((issue) => {
  const file = relative(appDir, resolve(input, issue.file));
  return {
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file,
    at: `${issue.location.line}:${issue.location.column}`,
    justified: justification(issue.id, file, issue.location.line),
  };
});

console.log(`Electronegativity ${scannerRequire('../package.json').version} on ${relative(appDir, input) || '.'} (Electron ${electronVersion}): ${result.globalChecks + result.atomicChecks} checks, ${findings.length} findings`);
for (const finding of findings) {
  const note = finding.justified === null ? '' : `  — justified: ${finding.justified}`;
  console.log(`  ${finding.severity.padEnd(13)} ${finding.confidence.padEnd(9)} ${finding.check}  ${finding.file}:${finding.at}${note}`);
}
const unparsed = result.errors.filter((error) => !error.tolerable);
for (const error of unparsed) console.log(`  could not parse ${relative(appDir, error.file)}: ${error.message}`);

const blocking = findings.filter((finding) => finding.severity === 'HIGH' && finding.justified === null);
if (blocking.length > 0 || unparsed.length > 0) {
  console.error(`Electronegativity: ${blocking.length} HIGH-severity finding(s) without a justified exception, ${unparsed.length} file(s) not scanned.`);
  process.exit(1);
}
console.log('Electronegativity: no unjustified HIGH-severity finding.');
