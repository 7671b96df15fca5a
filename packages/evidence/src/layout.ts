/**
 * What an evidence bundle holds, by file name. One place, so the builder,
 * the verifier, VERIFY.md and the tests cannot disagree on the layout.
 * docs/VERIFY.md explains every file to an auditor.
 */

/** The manifest's `format`; a verifier refuses any other. */
export const BUNDLE_FORMAT = 'steward-evidence/2';
/** proofs.json's `format`. */
export const PROOFS_FORMAT = 'steward-inclusion-proofs/1';

export const FILES = {
  events: 'events.jsonl',
  csv: 'events.csv',
  report: 'report.pdf',
  proofs: 'proofs.json',
  checkpoint: 'checkpoint',
  scope: 'scope.json',
  scopeSig: 'scope.sig',
  manifest: 'manifest.json',
  manifestSig: 'manifest.sig',
  sums: 'SHA256SUMS',
  deviceCert: 'device-cert.json',
  deviceCertSig: 'device-cert.sig',
  serverKey: 'keys/server.pub.pem',
  deviceKey: 'keys/device.pub.pem',
  verifyGuide: 'VERIFY.md',
} as const;

export type BundleFile = (typeof FILES)[keyof typeof FILES];

/** Present in every bundle. */
export const REQUIRED_FILES: readonly BundleFile[] = [
  FILES.events,
  FILES.csv,
  FILES.proofs,
  FILES.checkpoint,
  FILES.manifest,
  FILES.manifestSig,
  FILES.sums,
  FILES.deviceCert,
  FILES.deviceCertSig,
  FILES.serverKey,
  FILES.deviceKey,
  FILES.verifyGuide,
];

/** Present when the export has them: a report, and the server's scope statement (absent only in offline exports). */
export const OPTIONAL_FILES: readonly BundleFile[] = [FILES.report, FILES.scope, FILES.scopeSig];

/**
 * Files whose SHA-256 the manifest lists: all but the manifest, its
 * signature and SHA256SUMS (which are written after it). SHA256SUMS lists
 * these plus manifest.json and manifest.sig, so `sha256sum -c` covers every
 * file but itself.
 */
export function isManifestListed(path: string): boolean {
  return path !== FILES.manifest && path !== FILES.manifestSig && path !== FILES.sums;
}

export const GENERATOR = { name: '@steward/evidence', version: '0.1.0' } as const;
