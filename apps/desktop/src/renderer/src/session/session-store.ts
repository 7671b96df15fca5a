/**
 * Who is signed in, as UI state (zustand, vanilla so it is testable without
 * React). The store talks to the server only through the `AuthApi` it is
 * given, so tests drive it with a fake.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { describeApiError } from '../api/errors.ts';
import type { LoginResult } from '../api/types.ts';
import { normaliseServerUrl, type Platform } from '../platform/platform.ts';
import { LAST_EMAIL_KEY, LAST_SERVER_KEY, clearSession, readSession, sessionUserFrom, writeSession, type Session } from './session.ts';

export interface AuthApi {
  login(serverUrl: string, input: { email: string; password: string; deviceName: string }): Promise<LoginResult>;
  /** Revokes the token on the server; best effort (the console forgets it either way). */
  logout(session: Session): Promise<void>;
}

export interface SignInForm {
  readonly serverUrl: string;
  readonly email: string;
  readonly password: string;
}

export interface SessionState {
  readonly session: Session | null;
  readonly signingIn: boolean;
  /** Why the last sign-in failed, shown by the form. */
  readonly error: string | null;
  /** Something the sign-in screen should tell the person (signed out, session ended). */
  readonly notice: string | null;
  readonly lastEmail: string;
  readonly lastServerUrl: string;
  signIn(form: SignInForm): Promise<boolean>;
  signOut(): Promise<void>;
  /** The server refused the token (expired or revoked): back to the sign-in screen, data kept. */
  expire(): void;
}

export type SessionStore = StoreApi<SessionState>;

export interface SessionStoreDeps {
  readonly platform: Platform;
  readonly auth: AuthApi;
  readonly now: () => number;
}

const DEVICE_NAME = { web: 'Steward web console', electron: 'Steward desktop' } as const;

export function createSessionStore({ platform, auth, now }: SessionStoreDeps): SessionStore {
  return createStore<SessionState>()((set, get) => ({
    session: readSession(platform.sessionStorage, now()),
    signingIn: false,
    error: null,
    notice: null,
    lastEmail: platform.preferences.getItem(LAST_EMAIL_KEY) ?? '',
    lastServerUrl: platform.preferences.getItem(LAST_SERVER_KEY) ?? platform.defaultServerUrl,

    signIn: async (form) => {
      if (get().signingIn) return false;
      const email = form.email.trim();
      const serverUrl = normaliseServerUrl(form.serverUrl);
      const unreachable = platform.unreachableReason(form.serverUrl);
      const invalid = unreachable ?? (email === '' || form.password === '' ? 'Enter your email and password.' : null);
      if (invalid !== null || serverUrl === null) {
        set({ error: invalid ?? 'Enter the server address.', notice: null });
        return false;
      }
      set({ signingIn: true, error: null, notice: null });
      try {
        const result = await auth.login(serverUrl, { email, password: form.password, deviceName: DEVICE_NAME[platform.kind] });
        const user = sessionUserFrom(result.user);
        if (user === null) throw new Error('The server answered the sign-in without a user.');
        const session: Session = { serverUrl, token: result.token, expiresAt: result.expiresAt, user };
        writeSession(platform.sessionStorage, session);
        platform.preferences.setItem(LAST_EMAIL_KEY, email);
        platform.preferences.setItem(LAST_SERVER_KEY, serverUrl);
        set({ session, signingIn: false, lastEmail: email, lastServerUrl: serverUrl });
        return true;
      } catch (error) {
        set({ signingIn: false, error: describeApiError(error, serverUrl).message });
        return false;
      }
    },

    signOut: async () => {
      const { session } = get();
      if (session === null) return;
      clearSession(platform.sessionStorage);
      set({ session: null, error: null, notice: 'Signed out. Your local replica stays on this device for next time.' });
      await auth.logout(session).catch(() => undefined);
    },

    expire: () => {
      if (get().session === null) return;
      clearSession(platform.sessionStorage);
      set({ session: null, notice: 'Your session has ended. Sign in again to keep syncing; your local data is kept.' });
    },
  }));
}
