/**
 * `sync.push`: each row is decided on its own — schema, actor, RBAC against
 * the roles held now, invariants, quotas, then the conflict check — and the
 * accepted rows, with an audit event for every decision, are written in one
 * transaction. Refusals are per-row values, never a thrown error for the
 * batch (RxDB would retry a throwing push forever); a refused row also
 * returns the authoritative state so the client's replica goes back to the
 * truth while the refused change waits in its reconcile queue.
 */
import {
  COLLECTION_ACCESS,
  applyToState,
  auditActionOf,
  canonicalize,
  checkWrite,
  operationOf,
  parseDocument,
  sameClientState,
  withAuthoritativeFields,
  type AuditEvent,
  type CollectionName,
  type DocumentOf,
  type DomainIssue,
  type ErrorCode,
  type TenantState,
} from '@steward/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendToLedger } from '../ledger/append.ts';
import type { Services } from '../services.ts';
import { readDocuments, rowOf, type DocumentRow, withinScope, writeDocuments, type ReadScope, type StoredDocument } from '../store/documents.ts';
import type { Access } from './access.ts';
import { ACCESS_COLLECTIONS } from './change-feed.ts';
import { loadTenantState } from './tenant-states.ts';

export interface PushRow {
  readonly assumedMasterState: unknown;
  readonly newDocumentState: unknown;
}

export interface Rejection {
  readonly id: string;
  readonly code: ErrorCode;
  readonly reason: string;
}

export interface PushResult {
  /** Authoritative states for rows not applied: conflicts, and every rejected row. */
  readonly conflicts: Record<string, unknown>[];
  readonly rejections: Rejection[];
  /** How many rows were written (retries of landed writes are not counted). */
  readonly written: number;
  /** Rows that changed nothing (the stored state already says it); their stored state is in `conflicts` only to hand back its revision and time. */
  readonly unchanged: string[];
}


export async function push(services: Services, access: Access, collection: CollectionName, rows: readonly PushRow[]): Promise<PushResult> {
  const now = services.now();
  // Resolved before the transaction: on SQLite it holds the only connection, so reads through
  // services.db inside it would wait for themselves. Rights are re-checked inside, on locked state.
  await access.tenants();
  const readable = await access.readScope(collection);
  const result = await services.db.transaction().execute(async (trx) => {
    const batch = new PushBatch(services, trx, access, collection, now, readable);
    await batch.lockTenants(rows);
    await batch.prefetch(rows);
    for (const row of rows) await batch.decide(row);
    await batch.flush();
    await batch.recordAudit();
    return batch.result();
  });
  const { pushedRows } = services.metrics;
  if (result.written > 0) pushedRows.inc({ collection, outcome: 'accepted' }, result.written);
  for (const rejection of result.rejections) pushedRows.inc({ collection, outcome: rejection.code });
  const conflicted = result.conflicts.length - result.rejections.length - result.unchanged.length;
  if (conflicted > 0) pushedRows.inc({ collection, outcome: 'conflict' }, conflicted);
  services.feed.publish({
    collections: result.touched,
    accessChanged: result.touched.some((c) => ACCESS_COLLECTIONS.includes(c)),
  });
  return { conflicts: result.conflicts, rejections: result.rejections, written: result.written, unchanged: result.unchanged };
}

class PushBatch {
  readonly #conflicts: Record<string, unknown>[] = [];
  readonly #rejections: Rejection[] = [];
  readonly #unchanged: string[] = [];
  readonly #audit: AuditEvent[] = [];
  readonly #states = new Map<string | null, TenantState>();
  #stored = new Map<string, StoredDocument>();
  readonly #pending: DocumentRow[] = [];
  #written = 0;

  readonly services: Services;
  readonly trx: Transaction<Database>;
  readonly access: Access;
  readonly collection: CollectionName;
  readonly now: string;
  /** What the caller may read of this collection: only that may come back in `conflicts`. */
  readonly readable: ReadScope;

  constructor(services: Services, trx: Transaction<Database>, access: Access, collection: CollectionName, now: string, readable: ReadScope) {
    this.services = services;
    this.trx = trx;
    this.access = access;
    this.collection = collection;
    this.now = now;
    this.readable = readable;
  }

  /** Locks every tenant the batch may touch, in one order, so concurrent batches cannot deadlock. */
  async lockTenants(rows: readonly PushRow[]): Promise<void> {
    const tenants = new Set<string>();
    for (const row of rows) {
      const tenantId = (row.newDocumentState as { tenantId?: unknown } | null)?.tenantId;
      if (typeof tenantId === 'string') tenants.add(tenantId);
    }
    for (const tenantId of [...tenants].sort()) await this.services.dialect.lockTenant(this.trx, tenantId);
  }

  async prefetch(rows: readonly PushRow[]): Promise<void> {
    const ids = new Set<string>();
    for (const row of rows) {
      const id = (row.newDocumentState as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') ids.add(id);
    }
    this.#stored = await readDocuments(this.trx, this.services.dialect, this.collection, [...ids], { lock: true });
  }

  async flush(): Promise<void> {
    await writeDocuments(this.trx, this.services.dialect, this.#pending);
  }

  async decide(row: PushRow): Promise<void> {
    const { collection } = this;
    const rawId = (row.newDocumentState as { id?: unknown } | null)?.id;
    const parsed = parseDocument(collection, row.newDocumentState);
    if (!parsed.ok) {
      const id = typeof rawId === 'string' ? rawId : '';
      const stored = id === '' ? undefined : this.#stored.get(id);
      this.#reject(id, parsed.error, stored, undefined, null);
      return;
    }
    const incoming = parsed.value;
    const stored = this.#stored.get(incoming.id);
    const before = (stored?.body ?? null) as DocumentOf<typeof collection> | null;
    const tenantId = before?.tenantId ?? incoming.tenantId;
    const inScope = (await this.access.inTenantScope(tenantId)) && (incoming.tenantId === tenantId || (await this.access.inTenantScope(incoming.tenantId)));
    const after = withAuthoritativeFields(collection, incoming, before, { actorId: this.access.actorId, actorType: this.access.principal.kind === 'user' ? 'user' : 'apiKey', now: this.now });
    if (before !== null && (inScope || withinScope(this.readable, stored?.tenantId ?? null)) && sameClientState(before, after, sameJson)) {
      // Nothing to write: a retry of a write that landed, the same change made elsewhere first, or a
      // replica sending back what it pulled (its replication bookkeeping was lost: a reload between
      // RxDB's document write and its bookkeeping write). Whatever the caller may write, what it may
      // read it may say again; it still learns the stored revision and time, or its replica would keep its own.
      if (incoming.revision !== before.revision || incoming.updatedAt !== before.updatedAt) {
        this.#conflicts.push(stored?.body ?? before);
        this.#unchanged.push(incoming.id);
      }
      return;
    }
    if (!inScope) {
      // Say nothing about what exists there (no stored state goes back): the tenant is simply not the caller's.
      this.#reject(incoming.id, { code: 'FORBIDDEN', message: 'This record belongs to a tenant you have no access to.' }, stored, incoming, null);
      return;
    }
    const state = await this.#state(tenantId);
    const issues = checkWrite({ collection, actorId: this.access.actorId, before, after, state, now: this.now });
    const first = issues[0];
    if (first !== undefined) {
      this.#reject(incoming.id, first, stored, incoming, tenantId, issues);
      return;
    }
    const assumedRevision = (row.assumedMasterState as { revision?: unknown } | null)?.revision;
    const storedRevision = stored?.revision ?? 0;
    if ((typeof assumedRevision === 'number' ? assumedRevision : 0) !== storedRevision) {
      if (stored !== undefined) this.#conflicts.push(stored.body);
      return;
    }
    const written = { ...after, revision: storedRevision + 1 } as DocumentOf<typeof collection>;
    if (collection === 'auditEvents') {
      this.#audit.push(written as AuditEvent); // stored with its ledger index by recordAudit
    } else {
      this.#store(written);
      this.#audit.push(this.#event(auditActionOf(collection, operationOf(before, after)), written.id, tenantId, 'success', { revision: written.revision }));
    }
    this.#states.set(tenantId, applyToState(state, collection, written, this.now));
    this.#written++;
  }

  async recordAudit(): Promise<void> {
    const indexed = await appendToLedger(this.trx, this.services.dialect, this.#audit);
    await writeDocuments(this.trx, this.services.dialect, indexed.map((event) => rowOf('auditEvents', event)));
  }

  result(): PushResult & { touched: CollectionName[] } {
    const touched: CollectionName[] = [];
    if (this.#written > 0 && this.collection !== 'auditEvents') touched.push(this.collection);
    if (this.#audit.length > 0) touched.push('auditEvents');
    return { conflicts: this.#conflicts, rejections: this.#rejections, written: this.#written, unchanged: this.#unchanged, touched };
  }

  async #state(tenantId: string | null): Promise<TenantState> {
    let state = this.#states.get(tenantId);
    if (state === undefined) {
      state = await loadTenantState(this.trx, tenantId, this.now, this.access.principal);
      this.#states.set(tenantId, state);
    }
    return state;
  }

  /** Queues the write (flush() writes the batch in multi-row upserts) and keeps it visible to later rows. */
  #store(doc: DocumentOf<CollectionName>): void {
    const row = rowOf(this.collection, doc);
    this.#pending.push(row);
    this.#stored.set(doc.id, { collection: this.collection, id: doc.id, tenantId: doc.tenantId, revision: doc.revision, updatedAt: doc.updatedAt, deleted: doc._deleted, body: doc });
  }

  /**
   * Records a refusal. What goes back, so the caller's replica returns to the truth without
   * learning anything it may not read: the stored state when the caller may read it; otherwise
   * a tombstone of the caller's own (valid) attempt; for an invalid row, nothing.
   * `auditTenant`: where the refusal is recorded — the tenant when the caller may act there, else platform-wide.
   */
  #reject(id: string, issue: DomainIssue, stored: StoredDocument | undefined, attempted: DocumentOf<CollectionName> | undefined, auditTenant: string | null, all: readonly DomainIssue[] = [issue]): void {
    const reason = all.map((i) => i.message).join(' ');
    this.#rejections.push({ id, code: issue.code, reason });
    if (stored !== undefined && withinScope(this.readable, stored.tenantId)) this.#conflicts.push(stored.body);
    else if (attempted !== undefined) this.#conflicts.push({ ...attempted, revision: 0, _deleted: true });
    this.#audit.push(this.#event(`${COLLECTION_ACCESS[this.collection].noun}.${issue.code === 'INVALID' ? 'invalid' : 'denied'}`, id || 'unknown', auditTenant, issue.code === 'INVALID' ? 'failure' : 'denied', { code: issue.code, reason }));
  }

  #event(action: string, resourceId: string, tenantId: string | null, outcome: AuditEvent['outcome'], context: Record<string, string | number>): AuditEvent {
    return {
      id: this.services.newId(),
      tenantId,
      revision: 1,
      updatedAt: this.now,
      _deleted: false,
      actorId: this.access.actorId,
      actorType: this.access.principal.kind === 'user' ? 'user' : 'apiKey',
      action,
      resourceType: COLLECTION_ACCESS[this.collection].noun,
      resourceId: resourceId.slice(0, 256),
      outcome,
      occurredAt: this.now,
      observedAt: null,
      context: { collection: this.collection, ...context },
      pii: this.collection === 'users',
      complianceFlags: [],
      ledgerIndex: null,
    };
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return canonicalize(a) === canonicalize(b);
  } catch {
    return false;
  }
}
