/**
 * steward-verify <bundle.zip>: checks an evidence bundle offline, printing
 * one PASS/FAIL line per check and a summary; exit status 0 only if every
 * check passed, 1 if the bundle failed, 2 for a usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseVerifierKey } from '@steward/domain';
import { ed25519PublicKeyFromPem } from '../pem.ts';
import { formatReport } from '../verify-report.ts';
import { verifyBundle } from '../verify.ts';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = `usage: steward-verify [--server-key FILE|VERIFIER_KEY] [--allow-partial] [--json] <bundle.zip>

  --server-key     the server's public key as you obtained it (a PEM file, or the
                   "<name>+<id>+<key>" verifier key string); the bundle's must equal it
  --allow-partial  accept events not yet in a signed checkpoint, and a bundle without
                   the server's scope statement, as warnings (offline exports)
  --json           print the checks as JSON instead of text
`;

export async function runVerify(argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: [...argv], allowPositionals: true, options: { 'server-key': { type: 'string' }, 'allow-partial': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
  } catch (cause) {
    io.err(`steward-verify: ${cause instanceof Error ? cause.message : String(cause)}\n${USAGE}`);
    return 2;
  }
  if (args.values.help === true) {
    io.out(USAGE);
    return 0;
  }
  const [path, ...rest] = args.positionals;
  if (path === undefined || rest.length > 0) {
    io.err(USAGE);
    return 2;
  }
  const pinned = args.values['server-key'] === undefined ? undefined : await readPinnedKey(args.values['server-key']);
  if (typeof pinned === 'string') {
    io.err(`steward-verify: --server-key: ${pinned}\n`);
    return 2;
  }
  let zip: Uint8Array;
  try {
    zip = new Uint8Array(await readFile(path));
  } catch (cause) {
    io.err(`steward-verify: cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    return 2;
  }
  const report = await verifyBundle(zip, { ...(pinned === undefined ? {} : { pinnedServerKey: pinned }), allowPartial: args.values['allow-partial'] === true });
  io.out(args.values.json === true ? `${JSON.stringify(report, null, 2)}\n` : `steward-verify ${path}\n${formatReport(report)}`);
  return report.ok ? 0 : 1;
}

/** The raw key from a verifier key string or a PEM file, or what is wrong. */
async function readPinnedKey(value: string): Promise<Uint8Array | string> {
  if (value.includes('+')) {
    const key = parseVerifierKey(value);
    return key.ok ? key.value.publicKey : key.error.message;
  }
  let pem: string;
  try {
    pem = await readFile(value, 'utf8');
  } catch (cause) {
    return `cannot read ${value}: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  const key = ed25519PublicKeyFromPem(pem);
  return key.ok ? key.value : key.error.message;
}
