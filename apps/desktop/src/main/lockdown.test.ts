import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, lockDownWebContents, serveContentSecurityPolicy } from './lockdown.ts';
import { CONTENT_SECURITY_POLICY } from './window-options.ts';

const APP = 'file:///opt/Steward/out/renderer/';

type Listener = (event: { preventDefault: () => void; url?: string | undefined }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  };
  const fire = (event: string, url?: string): boolean => {
    const preventDefault = vi.fn();
    // 'will-frame-navigate' carries the URL on the event; the older events pass it as an argument.
    listeners.get(event)?.({ preventDefault, url }, url);
    return preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

function lockedDown() {
  let created: ((event: unknown, contents: WebContents) => void) | undefined;
  lockDownWebContents({ on: (_event, listener) => (created = listener) }, (url) => url.startsWith(APP));
  const contents = fakeContents();
  created?.({}, contents.contents);
  return contents;
}

describe('lockDownWebContents', () => {
  it('blocks navigation and redirects away from the app, and allows them within it', () => {
    const contents = lockedDown();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', `${APP}index.html`)).toBe(false);
    expect(contents.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-frame-navigate', `${APP}index.html`)).toBe(false);
  });

  it('denies every new window and every webview', () => {
    const contents = lockedDown();
    expect(contents.open('https://steward.example/docs')).toEqual({ action: 'deny' });
    expect(contents.open(`${APP}index.html`)).toEqual({ action: 'deny' });
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});

describe('session hardening', () => {
  it('adds the CSP header to every response', () => {
    let listener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | undefined;
    serveContentSecurityPolicy({ webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) } } as never);
    const callback = vi.fn();
    listener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('refuses every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h: typeof request) => (request = h), setPermissionCheckHandler: (h: typeof check) => (check = h) } as never);
    const callback = vi.fn();
    request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.()).toBe(false);
  });
});
