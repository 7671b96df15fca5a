/**
 * One evidence export, built in the renderer with @steward/evidence.
 *
 * Online: the server fixes a signed checkpoint and signs the scope
 * statement (naming this device's certified key), records the export as an
 * audit event, and pages the events in scope with their inclusion proofs;
 * the replica's own in-scope events that are not yet in that checkpoint
 * are added as unproven (never passed off as proven). The proofs are cached
 * for offline exports.
 *
 * Offline: the replica's events, proven where this device holds a cached
 * proof against the last checkpoint it fetched, the rest marked unproven;
 * no scope statement (the manifest says `not-attested`). The caller records
 * the audit event locally.
 */
import { encodeHex, sha256, type AuditEvent, type ReportTemplate } from '@steward/domain';
import { buildBundle, ProofCollector, type ExportFilters, type ExportScope, type ProofSet } from '@steward/evidence';
import type { ExportSigner } from './export-signer.ts';
import type { ProofCache, ProvenMaterial } from './proof-cache.ts';

export interface ExportRequest {
  readonly tenantId: string;
  readonly tenantSlug: string | null;
  /** ISO 8601, inclusive. */
  readonly from: string;
  /** ISO 8601, exclusive. */
  readonly to: string;
  readonly filters: ExportFilters;
  readonly report: ReportTemplate | null;
}

export type ExportStage = 'key' | 'prepare' | 'proofs' | 'events' | 'report' | 'sign';

export interface ExportProgress {
  readonly stage: ExportStage;
  readonly message: string;
  /** For stages that count (events fetched). */
  readonly done?: number;
  readonly total?: number;
}

export interface PrepareAnswer {
  readonly scope: { readonly tenantId: string; readonly tenantSlug: string | null; readonly from: string; readonly to: string; readonly filters: ExportFilters };
  readonly checkpoint: { readonly note: string; readonly treeSize: number };
  readonly serverPublicKeyPem: string;
  readonly scopeStatement: { readonly statement: string; readonly signature: string };
  readonly count: number;
  readonly after: number;
  readonly maxPage: number;
}

export interface EventsPage {
  readonly events: readonly AuditEvent[];
  readonly proofs: ProofSet;
  readonly next: number | null;
}

type ScopeInput = { readonly tenant: string; readonly from: string; readonly to: string; readonly filters: ExportFilters };

/** What the export asks the server (the tRPC client's evidence procedures, or a fake in tests). */
export interface EvidenceServer {
  prepare(input: ScopeInput & { readonly signer: { readonly certificate: string; readonly signature: string } }): Promise<PrepareAnswer>;
  events(input: { readonly scope: ScopeInput; readonly treeSize: number; readonly after: number; readonly limit: number }): Promise<EventsPage>;
}

export interface ExportDeps {
  readonly serverUrl: string;
  /** null: export offline from the replica and the proof cache. */
  readonly server: EvidenceServer | null;
  readonly signer: () => Promise<ExportSigner>;
  /** The replica's live audit events in the scope. */
  readonly replicaEvents: (scope: ExportScope) => Promise<readonly AuditEvent[]>;
  readonly renderReport: (template: ReportTemplate, request: ExportRequest) => Promise<Uint8Array>;
  readonly cache: ProofCache;
  readonly now: () => string;
  readonly onProgress: (progress: ExportProgress) => void;
}

export interface ExportOutcome {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly sha256: string;
  readonly events: number;
  readonly proven: number;
  readonly unproven: number;
  /** True when the server's scope statement is in the bundle (online). */
  readonly attested: boolean;
  readonly treeSize: number;
  readonly createdAt: string;
  readonly hasReport: boolean;
}

/** A file name that says what is inside: tenant and period. */
export function bundleFileName(request: Pick<ExportRequest, 'tenantId' | 'tenantSlug' | 'from' | 'to'>): string {
  const who = (request.tenantSlug ?? request.tenantId).replace(/[^A-Za-z0-9._-]/g, '-');
  return `evidence-${who}-${request.from.slice(0, 10)}_${request.to.slice(0, 10)}.zip`;
}

function scopeOf(request: ExportRequest): ExportScope {
  return { tenantId: request.tenantId, from: request.from, to: request.to, filters: request.filters };
}

interface Gathered {
  readonly events: readonly AuditEvent[];
  readonly proofs: ProofSet;
  readonly checkpoint: string;
  readonly treeSize: number;
  readonly serverPublicKeyPem: string;
  readonly scopeStatement: { readonly statement: string; readonly signature: string } | undefined;
  readonly tenantSlug: string | null;
}

async function gatherOnline(server: EvidenceServer, deps: ExportDeps, request: ExportRequest, signer: ExportSigner): Promise<Gathered> {
  deps.onProgress({ stage: 'prepare', message: 'The server is fixing a signed checkpoint and listing the events in scope…' });
  const scopeInput: ScopeInput = { tenant: request.tenantId, from: request.from, to: request.to, filters: request.filters };
  const prepared = await server.prepare({ ...scopeInput, signer: signer.certificate });
  const fetched: AuditEvent[] = [];
  const proofs = new ProofCollector();
  let after: number | null = prepared.after;
  deps.onProgress({ stage: 'proofs', message: 'Fetching events and inclusion proofs…', done: 0, total: prepared.count });
  while (after !== null && fetched.length < prepared.count) {
    const page: EventsPage = await server.events({ scope: scopeInput, treeSize: prepared.checkpoint.treeSize, after, limit: prepared.maxPage });
    fetched.push(...page.events);
    proofs.add(page.proofs);
    after = page.next;
    deps.onProgress({ stage: 'proofs', message: 'Fetching events and inclusion proofs…', done: fetched.length, total: prepared.count });
  }
  if (fetched.length !== prepared.count) throw new Error(`The server announced ${prepared.count} events but sent ${fetched.length}.`);
  const proofSet = proofs.result();
  await deps.cache.put({
    serverUrl: deps.serverUrl,
    tenantId: request.tenantId,
    tenantSlug: prepared.scope.tenantSlug,
    checkpoint: prepared.checkpoint.note,
    treeSize: prepared.checkpoint.treeSize,
    serverPublicKeyPem: prepared.serverPublicKeyPem,
    proofs: proofSet,
    fetchedAt: deps.now(),
  });
  deps.onProgress({ stage: 'events', message: 'Adding events of the replica that are not yet in the checkpoint…' });
  const fromServer = new Set(fetched.map((e) => e.id));
  const local = (await deps.replicaEvents(scopeOf(request))).filter((e) => !fromServer.has(e.id));
  return {
    events: [...fetched, ...local],
    proofs: proofSet,
    checkpoint: prepared.checkpoint.note,
    treeSize: prepared.checkpoint.treeSize,
    serverPublicKeyPem: prepared.serverPublicKeyPem,
    scopeStatement: prepared.scopeStatement,
    tenantSlug: prepared.scope.tenantSlug,
  };
}

async function gatherOffline(deps: ExportDeps, request: ExportRequest): Promise<Gathered> {
  deps.onProgress({ stage: 'events', message: 'Reading events from the replica and the proofs cached on this device…' });
  const material: ProvenMaterial | null = await deps.cache.get(deps.serverUrl, request.tenantId);
  if (material === null) throw new Error('No proofs are cached on this device for this tenant: export once while connected to the server, then offline exports can prove those events.');
  return {
    events: await deps.replicaEvents(scopeOf(request)),
    proofs: material.proofs,
    checkpoint: material.checkpoint,
    treeSize: material.treeSize,
    serverPublicKeyPem: material.serverPublicKeyPem,
    scopeStatement: undefined,
    tenantSlug: request.tenantSlug ?? material.tenantSlug,
  };
}

export async function runExport(deps: ExportDeps, request: ExportRequest): Promise<ExportOutcome> {
  deps.onProgress({ stage: 'key', message: deps.server === null ? 'Loading this device\'s signing key…' : 'Certifying this device\'s signing key with the server…' });
  const signer = await deps.signer();
  const gathered = deps.server === null ? await gatherOffline(deps, request) : await gatherOnline(deps.server, deps, request, signer);
  let reportPdf: Uint8Array | undefined;
  if (request.report !== null) {
    deps.onProgress({ stage: 'report', message: `Rendering the ${request.report} report from the replica…` });
    reportPdf = await deps.renderReport(request.report, request);
  }
  deps.onProgress({ stage: 'sign', message: 'Checking every proof and signing the manifest…' });
  const createdAt = deps.now();
  const built = await buildBundle(
    {
      scope: { ...scopeOf(request), tenantSlug: gathered.tenantSlug },
      events: gathered.events,
      proofs: gathered.proofs,
      checkpoint: gathered.checkpoint,
      serverPublicKeyPem: gathered.serverPublicKeyPem,
      ...(gathered.scopeStatement === undefined ? {} : { scopeStatement: gathered.scopeStatement }),
      deviceCertificate: signer.certificate,
      ...(reportPdf === undefined ? {} : { reportPdf }),
      createdAt,
    },
    signer.sign,
  );
  if (!built.ok) throw new Error(built.error.message);
  const provenIds = new Set(gathered.proofs.proofs.map((p) => p.eventId));
  const proven = gathered.events.filter((e) => provenIds.has(e.id)).length;
  return {
    bytes: built.value,
    fileName: bundleFileName({ ...request, tenantSlug: gathered.tenantSlug }),
    sha256: encodeHex(sha256(built.value)),
    events: gathered.events.length,
    proven,
    unproven: gathered.events.length - proven,
    attested: gathered.scopeStatement !== undefined,
    treeSize: gathered.treeSize,
    createdAt,
    hasReport: reportPdf !== undefined,
  };
}
