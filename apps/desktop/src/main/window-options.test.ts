import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, secureWindowOptions } from './window-options.ts';

describe('secureWindowOptions', () => {
  it('isolates and sandboxes every window, whatever the caller passes', () => {
    const options = secureWindowOptions('/p/preload.js', { width: 100, webPreferences: { nodeIntegration: true, sandbox: false } });
    expect(options.width).toBe(100);
    expect(options.webPreferences).toMatchObject({
      preload: '/p/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('starts the CSP from default-src none and allows no inline or eval script', () => {
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'none'")).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it("matches index.html's meta CSP, which a browser reads before any header (frame-ancestors only works as a header)", () => {
    const html = readFileSync(join(import.meta.dirname, '..', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const directives = (policy: string): string[] => policy.split(';').map((d) => d.trim()).filter((d) => d !== '' && !d.startsWith('frame-ancestors'));
    expect(meta).toBeDefined();
    expect(directives(meta ?? '')).toEqual(directives(CONTENT_SECURITY_POLICY));
  });
});
