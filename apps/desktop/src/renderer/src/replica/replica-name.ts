/**
 * One replica per (server, user): two people signing in on the same browser
 * profile, or one person on two servers, never share local data. The name
 * is derived, not random, so the same person finds their replica again
 * after signing out and in (RxDB resumes from its stored checkpoints).
 */

/** FNV-1a, 32 bits: enough to tell servers apart in a name; not a security boundary (the user id is). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** RxDB and IndexedDB accept this alphabet everywhere: lower-case letters, digits and dashes. */
export function replicaNameFor(serverUrl: string, userId: string): string {
  const user = userId.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return `steward-${fnv1a(serverUrl).toString(36)}-${user}`;
}

/** The replication identifier RxDB stores checkpoints under: per server and collection. */
export function replicationIdentifierFor(serverUrl: string, collection: string): string {
  return `steward-sync-v1-${collection}-${serverUrl}`;
}
