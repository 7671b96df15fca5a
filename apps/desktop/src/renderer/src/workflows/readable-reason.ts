/**
 * The domain's refusal as the person at the screen reads it: the domain
 * names people and runs by id (its messages are also logged and audited);
 * here the run is "this request", the reader is "You" and others are named.
 */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export function readableReason(message: string, runId: string, userName: (id: string) => string, readerId: string): string {
  return message
    .replaceAll(`User ${readerId}`, 'You')
    .replaceAll(`workflow run ${runId}`, 'this request')
    .replace(UUID, (id) => (id === readerId ? 'you' : userName(id)));
}
