/**
 * @steward/evidence: signed evidence bundles for auditors. Build them (Node
 * and browsers), verify them offline. The command-line tools are in
 * `@steward/evidence/node`. docs/VERIFY.md describes the format.
 */
export { buildBundle, type BundleInput, type BundleSigner } from './build.ts';
export { verifyBundle, type VerifyOptions } from './verify.ts';
export { formatReport, type CheckResult, type CheckStatus, type VerifyReport } from './verify-report.ts';
export { BUNDLE_FORMAT, FILES, GENERATOR, OPTIONAL_FILES, PROOFS_FORMAT, REQUIRED_FILES, type BundleFile } from './layout.ts';
export { ProofCollector, type ProofEntry, type ProofSet } from './proofs-file.ts';
export { MAX_PROOF_TABLE_TREE, proofTable } from './proof-table.ts';
export { filtersProblem, normalizeFilters, normalizeTime, outOfScope, parseScopeStatement, sameScope, scopeStatementText, SCOPE_STATEMENT_TYPE, SCOPE_STATEMENT_VERSION, type ExportFilters, type ExportScope, type ScopeStatement } from './scope.ts';
export { certificateProblemAt, DEVICE_CERTIFICATE_VERSION, deviceCertificateText, KEY_HOLDER_TYPES, verifyDeviceCertificate, type DeviceCertificateClaims, type KeyHolderType, type SignedDeviceCertificate } from './certificate.ts';
export { ed25519PublicKeyFromPem, ed25519PublicKeyToPem } from './pem.ts';
export { CSV_COLUMNS } from './events-csv.ts';
export { packZip, unpackZip } from './zip.ts';
export { type Manifest } from './manifest.ts';
