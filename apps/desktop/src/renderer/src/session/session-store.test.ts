import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import type { LoginResult } from '../api/types.ts';
import { memoryStorage } from '../platform/memory-storage.ts';
import { webPlatform } from '../platform/web.ts';
import { LAST_EMAIL_KEY, SESSION_KEY, parseSession } from './session.ts';
import { createSessionStore, type AuthApi } from './session-store.ts';

const ORIGIN = 'http://127.0.0.1:4848';
const NOW = Date.parse('2026-03-01T10:00:00.000Z');
const USER = { id: '01900000-0000-7000-8000-0000000000a2', email: 'officer@acme.example', displayName: 'Olivia Officer', tenantId: '01900000-0000-7000-8000-00000000000a' };
const LOGIN: LoginResult = { token: 'stw_token', expiresAt: '2026-03-02T10:00:00.000Z', deviceId: null, user: USER };

function setup(auth: Partial<AuthApi> = {}, storedSession: string | null = null) {
  const sessionStorage = memoryStorage(storedSession === null ? {} : { [SESSION_KEY]: storedSession });
  const localStorage = memoryStorage();
  const platform = webPlatform({ origin: ORIGIN, sessionStorage, localStorage });
  const login = vi.fn<AuthApi['login']>(() => Promise.resolve(LOGIN));
  const api: AuthApi = { login, logout: () => Promise.resolve(), ...auth };
  const store = createSessionStore({ platform, auth: api, now: () => NOW });
  return { store, login, sessionStorage, localStorage };
}

const form = { serverUrl: ORIGIN, email: ' officer@acme.example ', password: 'steward-demo-2026' };

describe('session store', () => {
  it('signs in: keeps the session in session storage and remembers the email', async () => {
    const { store, login, sessionStorage, localStorage } = setup();
    expect(await store.getState().signIn(form)).toBe(true);
    expect(login).toHaveBeenCalledWith(ORIGIN, { email: 'officer@acme.example', password: 'steward-demo-2026', deviceName: 'Steward web console' });
    expect(store.getState().session).toMatchObject({ serverUrl: ORIGIN, token: 'stw_token', user: USER });
    expect(parseSession(sessionStorage.getItem(SESSION_KEY), NOW)?.token).toBe('stw_token');
    expect(localStorage.getItem(LAST_EMAIL_KEY)).toBe('officer@acme.example');
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it("shows the server's reason when sign-in is refused, and stays signed out", async () => {
    const refused = TRPCClientError.from({ error: { message: 'Email or password is wrong.', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } } });
    const { store } = setup({ login: () => Promise.reject(refused) });
    expect(await store.getState().signIn(form)).toBe(false);
    expect(store.getState()).toMatchObject({ session: null, signingIn: false, error: 'Email or password is wrong.' });
  });

  it('says plainly when the server cannot be reached', async () => {
    const { store } = setup({ login: () => Promise.reject(TRPCClientError.from(new TypeError('Failed to fetch'))) });
    await store.getState().signIn(form);
    expect(store.getState().error).toContain(`Could not reach the Steward server at ${ORIGIN}`);
  });

  it('refuses empty fields and foreign servers before calling anyone', async () => {
    const { store, login } = setup();
    await store.getState().signIn({ ...form, password: '' });
    expect(store.getState().error).toBe('Enter your email and password.');
    await store.getState().signIn({ ...form, serverUrl: 'https://elsewhere.example' });
    expect(store.getState().error).toMatch(/only talk to the server that served it/);
    expect(login).not.toHaveBeenCalled();
  });

  it('restores a stored session after a reload, but not an expired or malformed one', () => {
    const stored = JSON.stringify({ serverUrl: ORIGIN, token: 't', expiresAt: LOGIN.expiresAt, user: USER });
    expect(setup({}, stored).store.getState().session?.token).toBe('t');
    expect(setup({}, JSON.stringify({ serverUrl: ORIGIN, token: 't', expiresAt: '2026-03-01T09:00:00.000Z', user: USER })).store.getState().session).toBeNull();
    expect(setup({}, '{not json').store.getState().session).toBeNull();
    expect(setup({}, JSON.stringify({ token: 't' })).store.getState().session).toBeNull();
  });

  it('signs out: forgets the token locally even when the server cannot be told', async () => {
    const { store, sessionStorage } = setup({ logout: () => Promise.reject(new Error('offline')) });
    await store.getState().signIn(form);
    await store.getState().signOut();
    expect(store.getState().session).toBeNull();
    expect(store.getState().notice).toMatch(/Signed out/);
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
    expect(store.getState().lastEmail).toBe('officer@acme.example');
  });

  it('expires the session when the server refuses the token', async () => {
    const { store } = setup();
    await store.getState().signIn(form);
    store.getState().expire();
    expect(store.getState()).toMatchObject({ session: null, notice: expect.stringMatching(/session has ended/) as unknown });
  });
});
