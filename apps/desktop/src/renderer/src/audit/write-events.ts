/**
 * Which audit events record a write to a replicated document — the server's
 * own names for them: `${noun}.${operation}` when a write lands
 * (`tenant.update`, `roleAssignment.create`, from the domain's auditActionOf)
 * and `${noun}.denied` / `${noun}.invalid` when push refuses one
 * (sync-server's sync/push.ts). Sign-ins (`session.*`), API keys, exports
 * and approval decisions are other acts, not document writes. An accepted
 * write has outcome `success`; `denied` and `failure` are rejections.
 */
import { COLLECTION_ACCESS } from '@steward/domain';

const WRITE_NOUNS: ReadonlySet<string> = new Set(Object.values(COLLECTION_ACCESS).map((access) => access.noun));
const WRITE_VERBS: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'denied', 'invalid']);

export function isWriteAction(action: string): boolean {
  const dot = action.indexOf('.');
  return dot > 0 && WRITE_NOUNS.has(action.slice(0, dot)) && WRITE_VERBS.has(action.slice(dot + 1));
}
