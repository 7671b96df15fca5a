/**
 * A signed-in session: which server, which token, who. Kept in the
 * platform's session storage (per tab in the web console) so a reload does
 * not sign the person out, and read back defensively: storage is input.
 */
import type { KeyValueStore } from '../platform/platform.ts';

export interface SessionUser {
  readonly id: string;
  readonly email: string | null;
  readonly displayName: string | null;
  readonly tenantId: string | null;
}

export interface Session {
  readonly serverUrl: string;
  readonly token: string;
  /** ISO time the server gave; the console stops using the token after it. */
  readonly expiresAt: string;
  readonly user: SessionUser;
}

export const SESSION_KEY = 'steward.session';
export const LAST_EMAIL_KEY = 'steward.lastEmail';
export const LAST_SERVER_KEY = 'steward.lastServer';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

/** The user as login returned it (a users document, or just `{ id }` when the server has none). */
export function sessionUserFrom(value: unknown): SessionUser | null {
  const id = text(field(value, 'id'));
  if (id === null) return null;
  return { id, email: text(field(value, 'email')), displayName: text(field(value, 'displayName')), tenantId: text(field(value, 'tenantId')) };
}

export function parseSession(raw: string | null, nowMs: number): Session | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const serverUrl = text(field(value, 'serverUrl'));
  const token = text(field(value, 'token'));
  const expiresAt = text(field(value, 'expiresAt'));
  const user = sessionUserFrom(field(value, 'user'));
  if (serverUrl === null || token === null || expiresAt === null || user === null) return null;
  const expiry = Date.parse(expiresAt);
  if (!Number.isFinite(expiry) || expiry <= nowMs) return null;
  return { serverUrl, token, expiresAt, user };
}

export function readSession(storage: KeyValueStore, nowMs: number): Session | null {
  const session = parseSession(storage.getItem(SESSION_KEY), nowMs);
  if (session === null) storage.removeItem(SESSION_KEY);
  return session;
}

export function writeSession(storage: KeyValueStore, session: Session): void {
  storage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(storage: KeyValueStore): void {
  storage.removeItem(SESSION_KEY);
}

/** How the header names the signed-in person. */
export function userLabel(user: SessionUser): string {
  return user.displayName ?? user.email ?? user.id;
}
