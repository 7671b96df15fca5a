/**
 * manifest.json: what the bundle is (scope, who made it, on which ledger)
 * and the SHA-256 of every other file. The device key signs its exact bytes
 * (manifest.sig), so it is written once, pretty-printed for people, and
 * never re-serialized by the verifier.
 */
import { z } from 'zod';
import { KEY_HOLDER_TYPES } from './certificate.ts';
import { BUNDLE_FORMAT } from './layout.ts';
import { filtersProblem, type ExportScope } from './scope.ts';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.int().min(0);

const filtersSchema = z.custom<ExportScope['filters']>((v) => filtersProblem(v) === undefined, { message: 'filters must be { actions?: string[], outcomes?: string[] }' });

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  generator: z.strictObject({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  scope: z.strictObject({ tenantId: z.string(), tenantSlug: z.string().nullable(), from: z.string(), to: z.string(), filters: filtersSchema }),
  /** Copied from the device certificate, for people; the verifier checks they agree. */
  device: z.strictObject({ deviceId: z.string(), deviceName: z.string(), publicKey: z.string(), holderType: z.enum(KEY_HOLDER_TYPES), holderId: z.string(), certifiedUntil: z.string() }),
  ledger: z.strictObject({ origin: z.string(), treeSize: count, rootHash: z.string(), serverKeyId: z.string() }),
  events: z.strictObject({
    count,
    proven: count,
    /** Events that are in the bundle but not in the signed checkpoint: never presented as proven. */
    unproven: z.array(z.strictObject({ id: z.string(), line: z.int().min(1) })),
  }),
  /** `server-attested`: scope.json lists every event in scope; `not-attested`: offline export, completeness unknown. */
  completeness: z.enum(['server-attested', 'not-attested']),
  files: z.record(z.string(), z.strictObject({ sha256: hex64, bytes: count })),
});

export type Manifest = z.infer<typeof manifestSchema>;

export function formatManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function parseManifest(text: string): { readonly ok: true; readonly value: Manifest } | { readonly ok: false; readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'manifest.json is not JSON' };
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: `manifest.json is malformed: ${first === undefined ? 'unknown' : `${first.path.join('.')} ${first.message}`}` };
  }
  return { ok: true, value: parsed.data };
}
