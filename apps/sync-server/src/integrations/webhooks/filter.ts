/**
 * Which audit events a subscription receives: by the collection a document
 * write was on (none listed: any) and by the event's action, matched
 * against patterns where `*` stands for any run of characters (`user.*`,
 * `*.delete`, `*`). `apiKey.use` — one event per API call — is matched only
 * when named exactly: a wildcard subscription whose receiver calls the API
 * would otherwise feed itself forever.
 */
import type { AuditEvent, CollectionName } from '@steward/domain';

export interface WebhookFilter {
  readonly collections: readonly CollectionName[];
  readonly actions: readonly string[];
}

export const ACTION_PATTERN = /^[A-Za-z*][A-Za-z0-9_*:.-]{0,127}$/;
const EXACT_ONLY = new Set(['apiKey.use']);

function globMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(action);
}

export function matchesFilter(filter: WebhookFilter, event: Pick<AuditEvent, 'action' | 'context'>): boolean {
  if (filter.collections.length > 0) {
    const collection = event.context['collection'];
    if (typeof collection !== 'string' || !(filter.collections as readonly string[]).includes(collection)) return false;
  }
  return filter.actions.some((pattern) => (EXACT_ONLY.has(event.action) ? pattern === event.action : globMatches(pattern, event.action)));
}
