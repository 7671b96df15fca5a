/**
 * steward-export: fetches a tenant's audit events for a period from a sync
 * server and writes a signed evidence bundle, without the desktop.
 *
 *   steward-export enroll --server URL (--email EMAIL | --api-key K) --device-name NAME --key-file FILE
 *   steward-export --server URL (--token T | --api-key K) --tenant SLUG --from ISO --to ISO
 *                  --key-file FILE --out bundle.zip [--action A]... [--outcome O]...
 *                  [--report TEMPLATE | --report-pdf FILE]
 *
 * The credential may also come from STEWARD_TOKEN / STEWARD_API_KEY, which
 * keeps it out of the process list. The bundle is signed by the key in
 * --key-file (or STEWARD_DEVICE_KEY_FILE): a person's enrolled device, or an
 * API key's export key, certified by the server. `--report TEMPLATE` has the
 * server render that report (PDF) for the same tenant and period; it goes
 * into the bundle as report.pdf, hashed and signed like every file. Exit
 * status: 0 written, 1 the export failed, 2 usage error.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeBase64, REPORT_TEMPLATES } from '@steward/domain';
import { buildBundle } from '../build.ts';
import { ProofCollector } from '../proofs-file.ts';
import { enroll } from './enroll.ts';
import { readDeviceKey } from './key-file.ts';
import { eventsAnswer, parseAnswer, prepareAnswer, serverClient, type EventsAnswer } from './server-client.ts';
import type { Io } from './verify-cli.ts';

const USAGE = `usage:
  steward-export enroll --server URL --email EMAIL --device-name NAME --key-file FILE [--password-file FILE]
  steward-export enroll --server URL --api-key K --device-name NAME --key-file FILE
  steward-export --server URL (--token T | --api-key K) --tenant SLUG --from ISO --to ISO --key-file FILE --out bundle.zip
                 [--action ACTION]... [--outcome OUTCOME]... [--report TEMPLATE | --report-pdf FILE]

  TEMPLATE is one of ${REPORT_TEMPLATES.join(', ')}.

  Credentials may come from STEWARD_TOKEN or STEWARD_API_KEY, the password from
  STEWARD_PASSWORD, the key file from STEWARD_DEVICE_KEY_FILE.
`;

const OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  'api-key': { type: 'string' },
  tenant: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  action: { type: 'string', multiple: true },
  outcome: { type: 'string', multiple: true },
  report: { type: 'string' },
  'report-pdf': { type: 'string' },
  'key-file': { type: 'string' },
  out: { type: 'string' },
  email: { type: 'string' },
  'device-name': { type: 'string' },
  'password-file': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export async function runExport(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (cause) {
    io.err(`steward-export: ${cause instanceof Error ? cause.message : String(cause)}\n${USAGE}`);
    return 2;
  }
  const v = args.values;
  if (v.help === true) {
    io.out(USAGE);
    return 0;
  }
  const usage = (why: string): number => {
    io.err(`steward-export: ${why}\n${USAGE}`);
    return 2;
  };
  const keyFile = v['key-file'] ?? env['STEWARD_DEVICE_KEY_FILE'];
  if (v.server === undefined) return usage('--server is required');
  if (keyFile === undefined) return usage('--key-file is required');
  try {
    if (args.positionals[0] === 'enroll') {
      const apiKey = v['api-key'] ?? (v.email === undefined ? env['STEWARD_API_KEY'] : undefined);
      if ((v.email === undefined) === (apiKey === undefined) || v['device-name'] === undefined) return usage('enroll needs --device-name and either --email (a person) or --api-key (an API key\'s export key)');
      const who = v.email === undefined ? { apiKey: apiKey ?? '' } : { email: v.email };
      const result = await enroll({ server: v.server, ...who, deviceName: v['device-name'], keyFile, now, ...(v['password-file'] === undefined ? {} : { passwordFile: v['password-file'] }) }, env);
      (result.ok ? io.out : io.err)(`steward-export: ${result.message}\n`);
      return result.ok ? 0 : 1;
    }
    if (args.positionals.length > 0) return usage(`unknown command ${args.positionals[0] ?? ''}`);
    if (v.report !== undefined && v['report-pdf'] !== undefined) return usage('give --report TEMPLATE or --report-pdf FILE, not both');
    const template = v.report;
    if (template !== undefined && !(REPORT_TEMPLATES as readonly string[]).includes(template)) return usage(`unknown report template "${template}"`);
    const bearer = v.token ?? v['api-key'] ?? env['STEWARD_TOKEN'] ?? env['STEWARD_API_KEY'];
    if (bearer === undefined) return usage('give --token or --api-key (or STEWARD_TOKEN / STEWARD_API_KEY)');
    if (v.tenant === undefined || v.from === undefined || v.to === undefined || v.out === undefined) return usage('--tenant, --from, --to and --out are required');
    const device = await readDeviceKey(keyFile);
    if (typeof device === 'string') return fail(io, device);
    const reportPdf = v['report-pdf'] === undefined ? undefined : new Uint8Array(await readFile(v['report-pdf']));
    const filters = { ...(v.action === undefined ? {} : { actions: v.action }), ...(v.outcome === undefined ? {} : { outcomes: v.outcome }) };
    const client = serverClient(v.server, bearer);
    const scopeInput = { tenant: v.tenant, from: v.from, to: v.to, filters };
    const prepared = parseAnswer(
      prepareAnswer,
      'evidence.prepare',
      await client.mutation('evidence.prepare', { ...scopeInput, signer: device.certificate, ...(template === undefined ? {} : { report: template }) }),
    );
    const serverPdf = prepared.reportPdf === null ? undefined : decodeBase64(prepared.reportPdf);
    if (serverPdf?.ok === false) return fail(io, 'the server sent a report that is not base64');
    const events = [];
    const proofs = new ProofCollector();
    let after: number | null = prepared.after;
    while (after !== null && events.length < prepared.count) {
      const page: EventsAnswer = parseAnswer(eventsAnswer, 'evidence.events', await client.query('evidence.events', { scope: scopeInput, treeSize: prepared.checkpoint.treeSize, after, limit: prepared.maxPage }));
      events.push(...page.events);
      proofs.add(page.proofs);
      after = page.next;
    }
    if (events.length !== prepared.count) return fail(io, `the server announced ${prepared.count} events but sent ${events.length}`);
    const built = await buildBundle(
      {
        scope: prepared.scope,
        events,
        proofs: proofs.result(),
        checkpoint: prepared.checkpoint.note,
        serverPublicKeyPem: prepared.serverPublicKeyPem,
        scopeStatement: prepared.scopeStatement,
        deviceCertificate: device.certificate,
        ...(reportPdf === undefined ? {} : { reportPdf }),
        ...(serverPdf?.ok === true ? { reportPdf: serverPdf.value } : {}),
        createdAt: now().toISOString(),
      },
      device.privateKey,
    );
    if (!built.ok) return fail(io, built.error.message);
    const temporary = `${v.out}.${process.pid}.tmp`;
    await writeFile(temporary, built.value);
    await rename(temporary, v.out);
    io.out(
      `steward-export: wrote ${v.out}: ${events.length} audit events of ${prepared.scope.tenantSlug ?? prepared.scope.tenantId} from ${prepared.scope.from} to ${prepared.scope.to}, ` +
        `all proven against the signed checkpoint of ${prepared.checkpoint.treeSize} entries${serverPdf === undefined ? '' : `, with the ${template ?? ''} report`} (${built.value.length} bytes)\nverify with: steward-verify ${v.out}\n`,
    );
    return 0;
  } catch (cause) {
    return fail(io, cause instanceof Error ? cause.message : String(cause));
  }
}

function fail(io: Io, message: string): number {
  io.err(`steward-export: ${message}\n`);
  return 1;
}
