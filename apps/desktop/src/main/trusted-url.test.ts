import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './trusted-url.ts';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://steward.example/docs',
    'https://example.com:8443/a?b=c#d',
    'http://localhost:4848/',
    'http://127.0.0.1:4848/healthz',
    'http://[::1]:4848/',
  ])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'steward://settings',
    'smb://host/share',
    'https://user:pass@example.com/',
    '//example.com',
    '/relative/path',
    '',
    'https://',
    `https://example.com/${'a'.repeat(3000)}`,
    42,
    null,
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
