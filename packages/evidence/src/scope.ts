/**
 * What an export covers, and the server's signed statement of it.
 *
 * The scope is a tenant, a period of server time (`occurredAt` in
 * [from, to): from inclusive, to exclusive) and optional filters (event
 * actions, outcomes). The ledger is one tree for all tenants, so an export's
 * events are scattered leaves and the checkpoint alone cannot show that
 * none was left out. The server therefore signs, with the key that signs
 * checkpoints, a *scope statement* (scope.json, RFC 8785 canonical JSON;
 * signature in scope.sig): "in the ledger of `treeSize` leaves with root
 * `rootHash`, the events of this scope are exactly the leaves `indexes`".
 * The verifier requires the bundle's proven events to be exactly those
 * leaves, so an event dropped by whoever assembled the bundle (or a device
 * that re-signed the manifest) is named by its ledger index.
 *
 * The statement also names the signing key the server authorised for the
 * export (`signer`): the server names only a key it certified, that belongs
 * to the caller, and that is neither revoked nor expired at `issuedAt`. A
 * revoked device can therefore no longer make a server-attested bundle,
 * and a verifier knows that offline.
 *
 * The statement is as strong as the server's word that it searched
 * honestly; the checkpoint, its consistency with later checkpoints, and the
 * audit event the server records for every export are what hold it to it.
 */
import { canonicalize, decodeUtf8, err, issue, ok, type LedgerPayload, type Result } from '@steward/domain';

export interface ExportFilters {
  /** Only events with one of these actions (exact names, e.g. `role.assign`). */
  readonly actions?: readonly string[] | undefined;
  /** Only events with one of these outcomes. */
  readonly outcomes?: readonly string[] | undefined;
}

export interface ExportScope {
  readonly tenantId: string;
  /** ISO 8601, inclusive. */
  readonly from: string;
  /** ISO 8601, exclusive. */
  readonly to: string;
  readonly filters: ExportFilters;
}

export const SCOPE_STATEMENT_TYPE = 'steward.evidence.scope';

/** The claims of scope.json. */
export interface ScopeStatement {
  readonly type: typeof SCOPE_STATEMENT_TYPE;
  readonly version: typeof SCOPE_STATEMENT_VERSION;
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly filters: ExportFilters;
  /** The ledger (checkpoint origin, which is also the server key's name). */
  readonly origin: string;
  readonly treeSize: number;
  /** base64, as in the checkpoint. */
  readonly rootHash: string;
  /** The server key's C2SP key ID, 8 hex digits. */
  readonly serverKeyId: string;
  /** How many events are in scope: indexes.length. */
  readonly count: number;
  /** The ledger indexes of every event in scope, ascending. */
  readonly indexes: readonly number[];
  readonly issuedAt: string;
  /** Who asked for the export, as the server authenticated them. */
  readonly requestedBy: { readonly type: 'user' | 'apiKey'; readonly id: string };
  /** The certified signing key the server authorised for this export (not revoked, not expired at issuedAt). */
  readonly signer: { readonly deviceId: string; readonly publicKey: string };
}

export const SCOPE_STATEMENT_VERSION = 2;

/** The canonical text of a scope statement (what the server signs). */
export function scopeStatementText(claims: Omit<ScopeStatement, 'type' | 'version' | 'count' | 'filters'> & { readonly filters: ExportFilters }): string {
  return canonicalize({ ...claims, type: SCOPE_STATEMENT_TYPE, version: SCOPE_STATEMENT_VERSION, filters: normalizeFilters(claims.filters), count: claims.indexes.length });
}

/** Filters in one spelling: only non-empty lists, each sorted and without repeats. */
export function normalizeFilters(filters: ExportFilters | undefined): ExportFilters {
  const out: { actions?: string[]; outcomes?: string[] } = {};
  const norm = (list: readonly string[] | undefined): string[] | undefined => {
    const unique = [...new Set(list ?? [])].sort();
    return unique.length === 0 ? undefined : unique;
  };
  const actions = norm(filters?.actions);
  const outcomes = norm(filters?.outcomes);
  if (actions !== undefined) out.actions = actions;
  if (outcomes !== undefined) out.outcomes = outcomes;
  return out;
}

/** An ISO 8601 time in the one spelling scopes use (`toISOString`), or undefined if it is not a time. */
export function normalizeTime(text: string): string | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Why `event` is outside `scope`, or undefined when it is inside. */
export function outOfScope(event: LedgerPayload, scope: ExportScope): string | undefined {
  if (event.tenantId !== scope.tenantId) return `belongs to tenant ${String(event.tenantId)}, not ${scope.tenantId}`;
  const at = Date.parse(event.occurredAt);
  if (Number.isNaN(at)) return `occurredAt ${JSON.stringify(event.occurredAt)} is not a time`;
  if (at < Date.parse(scope.from) || at >= Date.parse(scope.to)) return `occurred at ${event.occurredAt}, outside [${scope.from}, ${scope.to})`;
  if (scope.filters.actions !== undefined && !scope.filters.actions.includes(event.action)) return `action ${event.action} is not among the filtered actions`;
  if (scope.filters.outcomes !== undefined && !scope.filters.outcomes.includes(event.outcome)) return `outcome ${event.outcome} is not among the filtered outcomes`;
  return undefined;
}

/** Whether two scopes (or a scope and a statement) name the same tenant, period and filters. */
export function sameScope(a: ExportScope, b: ExportScope): boolean {
  const key = (s: ExportScope): string => canonicalize({ tenantId: s.tenantId, from: s.from, to: s.to, filters: normalizeFilters(s.filters) });
  return key(a) === key(b);
}

const CLAIMS = ['count', 'filters', 'from', 'indexes', 'issuedAt', 'origin', 'requestedBy', 'rootHash', 'serverKeyId', 'signer', 'tenantId', 'to', 'treeSize', 'type', 'version'];

/** The claims in scope.json's bytes (already signature-checked), or why they are not a scope statement. */
export function parseScopeStatement(bytes: Uint8Array): Result<ScopeStatement> {
  const refuse = (why: string): Result<never> => err(issue('INVALID', `scope.json is not a scope statement: ${why}`));
  const text = decodeUtf8(bytes);
  if (!text.ok) return refuse('it is not UTF-8');
  let value: unknown;
  try {
    value = JSON.parse(text.value);
  } catch {
    return refuse('it is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('it is not a JSON object');
  const r = value as Record<string, unknown>;
  const names = Object.keys(r).sort();
  if (names.join(',') !== CLAIMS.join(',')) return refuse(`expected exactly the claims ${CLAIMS.join(', ')}; got ${names.join(', ')}`);
  if (r['type'] !== SCOPE_STATEMENT_TYPE || r['version'] !== SCOPE_STATEMENT_VERSION) return refuse(`type ${JSON.stringify(r['type'])} version ${JSON.stringify(r['version'])} is not supported`);
  for (const name of ['tenantId', 'from', 'to', 'origin', 'rootHash', 'serverKeyId', 'issuedAt']) {
    if (typeof r[name] !== 'string') return refuse(`"${name}" is not a string`);
  }
  const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!isCount(r['treeSize']) || !isCount(r['count'])) return refuse('"treeSize" or "count" is not a count');
  const indexes = r['indexes'];
  if (!Array.isArray(indexes) || indexes.some((n, i) => !isCount(n) || (i > 0 && (n as number) <= (indexes[i - 1] as number)))) return refuse('"indexes" is not an ascending list of ledger indexes');
  if (indexes.length !== r['count']) return refuse(`"count" is ${String(r['count'])} but ${indexes.length} indexes are listed`);
  const by = r['requestedBy'] as Record<string, unknown> | null;
  if (typeof by !== 'object' || by === null || (by['type'] !== 'user' && by['type'] !== 'apiKey') || typeof by['id'] !== 'string') return refuse('"requestedBy" is not { type, id }');
  const signer = r['signer'] as Record<string, unknown> | null;
  if (typeof signer !== 'object' || signer === null || Object.keys(signer).sort().join(',') !== 'deviceId,publicKey' || typeof signer['deviceId'] !== 'string' || typeof signer['publicKey'] !== 'string') {
    return refuse('"signer" is not { deviceId, publicKey }');
  }
  const filters = r['filters'];
  const badFilters = filtersProblem(filters);
  if (badFilters !== undefined) return refuse(`"filters" ${badFilters}`);
  // filtersProblem has checked the shape.
  if (canonicalize(normalizeFilters(filters as ExportFilters)) !== canonicalize(filters)) return refuse('"filters" is not in normal form');
  if (canonicalize(r) !== text.value) return refuse('it is not in RFC 8785 canonical form');
  return ok(r as unknown as ScopeStatement);
}

/** Why `filters` is not an ExportFilters value (only the known lists, each a list of strings), or undefined. */
export function filtersProblem(filters: unknown): string | undefined {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) return 'is not an object';
  for (const [name, list] of Object.entries(filters)) {
    if (name !== 'actions' && name !== 'outcomes') return `has an unknown filter "${name}"`;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) return `"${name}" is not a list of strings`;
  }
  return undefined;
}
