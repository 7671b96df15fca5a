/**
 * The REST API's three document operations, over the same code as tRPC:
 * `pull` for pages, the read scope of `Access` for single reads, and `push`
 * for writes, so a decision made here is the one sync would make. Each
 * returns a reply value; routes.ts sends it. The status type of each lists
 * what openapi.ts documents for it.
 */
import type { CollectionName, ErrorCode } from '@steward/domain';
import type { Services } from '../../services.ts';
import { readDocument, withinScope } from '../../store/documents.ts';
import { Access } from '../../sync/access.ts';
import type { Principal } from '../../sync/principal.ts';
import { pull } from '../../sync/pull.ts';
import { push } from '../../sync/push.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { listQuerySchema, type RestErrorCode } from './schemas.ts';

export interface RestReply<S extends number = number> {
  readonly status: S;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function errorReply<S extends number>(status: S, code: RestErrorCode, message: string, extra: Record<string, unknown> = {}): RestReply<S> {
  return { status, body: { error: { code, message, ...extra } } };
}

/** One answer for "no such document" and "not yours to read", so a 404 tells nothing about other tenants. */
export function notFound(collection: CollectionName): RestReply<404> {
  return errorReply(404, 'NOT_FOUND', `There is no ${collection} document with that id that you may read.`);
}

/** `GET /api/v1/{collection}`: one page of sync.pull. */
export async function listDocuments(services: Services, principal: Principal, collection: CollectionName, query: unknown): Promise<RestReply<200 | 400>> {
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) {
    return errorReply(400, 'INVALID', `Invalid query: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'} ${i.message}`).join('; ')}.`);
  }
  const access = new Access(services.db, principal, services.now());
  let checkpoint = null;
  if (parsed.data.cursor !== undefined) {
    const opened = decodeCursor(parsed.data.cursor, services.checkpointKey, access.actorId);
    if (!opened.ok) return errorReply(400, 'INVALID', opened.error.message);
    checkpoint = opened.value;
  }
  const page = await pull(services, access, collection, checkpoint, parsed.data.limit);
  return { status: 200, body: { documents: page.documents, cursor: encodeCursor(page.checkpoint, services.checkpointKey, access.actorId) } };
}

/** `GET /api/v1/{collection}/{id}`: the current state, if the caller may read it. Deleted documents are gone. */
export async function getDocument(services: Services, principal: Principal, collection: CollectionName, id: string): Promise<RestReply<200 | 404>> {
  const access = new Access(services.db, principal, services.now());
  const stored = await readDocument(services.db, services.dialect, collection, id);
  if (stored === undefined || stored.deleted || !withinScope(await access.readScope(collection), stored.tenantId)) return notFound(collection);
  return { status: 200, body: stored.body };
}

const REJECTION_STATUS: Record<ErrorCode, 403 | 409 | 422> = { FORBIDDEN: 403, CONFLICT: 409, INVALID: 422, QUOTA_EXCEEDED: 422, IMMUTABLE: 422 };

/**
 * `POST /api/v1/{collection}`: one row of sync.push. The body is the
 * document's new state; its `revision` is the stored revision the change
 * builds on (0 to create), which push compares to detect a conflict.
 */
export async function writeDocument(services: Services, principal: Principal, collection: CollectionName, body: unknown): Promise<RestReply<200 | 201 | 400 | 403 | 409 | 422>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorReply(400, 'INVALID', 'The body must be a JSON object: the document to write.');
  const revision = (body as { revision?: unknown }).revision;
  const access = new Access(services.db, principal, services.now());
  const result = await push(services, access, collection, [{ assumedMasterState: typeof revision === 'number' ? { revision } : null, newDocumentState: body }]);
  const rejection = result.rejections[0];
  if (rejection !== undefined) return errorReply(REJECTION_STATUS[rejection.code], rejection.code, rejection.reason);
  const current = result.unchanged.length > 0 ? undefined : result.conflicts[0];
  if (current !== undefined) return errorReply(409, 'CONFLICT', 'The document changed since the revision you sent; merge your change into `current` and send it with its revision.', { current });
  const id = String((body as { id?: unknown }).id);
  const stored = await readDocument(services.db, services.dialect, collection, id);
  const status = result.written > 0 ? 201 : 200;
  const headers = { location: `/api/v1/${collection}/${encodeURIComponent(id)}` };
  // Documents are never removed (a delete is a tombstone), so a row just written is there.
  if (stored === undefined) throw new Error(`${collection} ${id} was written but cannot be read back`);
  const readable = withinScope(await access.readScope(collection), stored.tenantId);
  return { status, body: readable ? stored.body : { id: stored.id, revision: stored.revision, updatedAt: stored.updatedAt }, headers };
}
