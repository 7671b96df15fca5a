/**
 * Which receiver URLs a subscription may name: https only, so the audit
 * events a delivery carries are encrypted in transit; no credentials in the
 * URL (they would sit in the database and the audit trail). Plain http is
 * allowed to the loopback interface only when the server is started so.
 */
import { err, ok, type DomainIssue, type Result } from '@steward/domain';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const MAX_WEBHOOK_URL_LENGTH = 2048;

export function checkWebhookUrl(raw: string, allowLoopbackHttp: boolean): Result<string, DomainIssue<'INVALID'>> {
  const invalid = (message: string) => err({ code: 'INVALID' as const, message });
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return invalid(`A webhook URL has at most ${MAX_WEBHOOK_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid('The webhook URL is not a URL.');
  }
  if (url.username !== '' || url.password !== '') return invalid('A webhook URL cannot carry a user name or password; the signature authenticates Steward to your receiver.');
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && allowLoopbackHttp;
  if (url.protocol !== 'https:' && !loopbackHttp) return invalid('A webhook URL must use https.');
  url.hash = '';
  return ok(url.href);
}

/** What the audit trail records of a URL: its origin, never its path or query (which may hold a receiver's token). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}
