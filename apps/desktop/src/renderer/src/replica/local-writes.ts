/**
 * Local writes: every change a screen makes goes through here. It is
 * checked against the replica with the domain's rules — schema, RBAC,
 * invariants, quotas: the same `checkWrite` the server runs on push — and,
 * if nothing is refused, applied to the replica at once. Replication pushes
 * it; the server decides again with what it knows.
 *
 * A refusal here is specific and instant (the same words the server would
 * use); nothing is written.
 */
import { fromRxDocument, parseDocument, toRxDocument, withAuthoritativeFields, checkWrite, type CollectionName, type DocumentOf, type DomainIssue } from '@steward/domain';
import { recordAuditEvent } from './audit-outbox.ts';
import type { ReplicaDatabase, ReplicaFields } from './database.ts';
import { loadReplicaTenantState } from './tenant-state.ts';

export type LocalWriteResult<C extends CollectionName> = { readonly ok: true; readonly doc: DocumentOf<C> } | { readonly ok: false; readonly issues: readonly DomainIssue[] };

export interface LocalWriter {
  /** What the server would refuse about this write, judged on the replica; empty when it may go ahead. */
  check<C extends CollectionName>(collection: C, next: DocumentOf<C>): Promise<readonly DomainIssue[]>;
  /** Checks, then applies to the replica; returns the stored document or the refusal. */
  write<C extends CollectionName>(collection: C, next: DocumentOf<C>): Promise<LocalWriteResult<C>>;
}

export interface LocalWriterDeps {
  readonly db: ReplicaDatabase;
  /** The signed-in user: the actor of every local write. */
  readonly actorId: string;
  /** ISO-8601 with milliseconds. */
  readonly now: () => string;
}

export function createLocalWriter({ db, actorId, now }: LocalWriterDeps): LocalWriter {
  const stored = async <C extends CollectionName>(collection: C, id: string): Promise<DocumentOf<C> | null> => {
    const doc = await db.collections[collection].findOne(id).exec();
    if (doc === null) return null;
    const parsed = fromRxDocument(collection, doc.toJSON() as Readonly<Record<string, unknown>>);
    return parsed.ok ? parsed.value : null;
  };

  const decide = async <C extends CollectionName>(collection: C, next: DocumentOf<C>): Promise<LocalWriteResult<C>> => {
    const at = now();
    const before = await stored(collection, next.id);
    const parsed = parseDocument(collection, { ...next, revision: before?.revision ?? 0, updatedAt: at });
    if (!parsed.ok) return { ok: false, issues: [parsed.error] };
    const after = withAuthoritativeFields(collection, parsed.value, before, { actorId, actorType: 'user', now: at });
    const state = await loadReplicaTenantState(db, after.tenantId, at);
    const issues = checkWrite({ collection, actorId, before, after, state, now: at });
    return issues.length > 0 ? { ok: false, issues } : { ok: true, doc: after };
  };

  return {
    check: async (collection, next) => {
      const decision = await decide(collection, next);
      return decision.ok ? [] : decision.issues;
    },
    write: async (collection, next) => {
      const decision = await decide(collection, next);
      if (!decision.ok) return decision;
      const rx = toRxDocument(decision.doc) as unknown as ReplicaFields & { _deleted: boolean };
      const target = db.collections[collection];
      if (decision.doc._deleted) {
        const existing = await target.findOne(decision.doc.id).exec();
        // Keep the last fields with the deletion, so the push carries the whole document.
        if (existing !== null) await existing.incrementalModify((data) => ({ ...data, ...stripDeleted(rx) })).then((doc) => doc.remove());
      } else if (collection === 'auditEvents') {
        // Audit events are replicated pull-only: the ones recorded here are pushed from the outbox.
        await recordAuditEvent(db, stripDeleted(rx));
      } else {
        await target.upsert(stripDeleted(rx));
      }
      return decision;
    },
  };
}

function stripDeleted(rx: ReplicaFields & { _deleted: boolean }): ReplicaFields {
  const { _deleted: _ignored, ...rest } = rx;
  return rest;
}
