/** The webhook pieces that are pure: the filter, the URL policy, the signature, the retry schedule. */
import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../src/integrations/webhooks/filter.ts';
import { DEFAULT_WEBHOOK_SETTINGS, retryDelayMs, webhookSettings } from '../src/integrations/webhooks/settings.ts';
import { newWebhookSecret, signatureHeader, verifySignature } from '../src/integrations/webhooks/signature.ts';
import { checkWebhookUrl, originOf } from '../src/integrations/webhooks/url-policy.ts';

const event = (action: string, collection?: string) => ({ action, context: collection === undefined ? {} : { collection } });

describe('webhook filter', () => {
  it('matches actions by pattern and collections by name', () => {
    const all = { collections: [], actions: ['*'] };
    expect(matchesFilter(all, event('user.create', 'users'))).toBe(true);
    expect(matchesFilter(all, event('webhook.create'))).toBe(true);
    expect(matchesFilter({ collections: [], actions: ['*.delete'] }, event('role.delete', 'roles'))).toBe(true);
    expect(matchesFilter({ collections: [], actions: ['*.delete'] }, event('role.update', 'roles'))).toBe(false);
    expect(matchesFilter({ collections: [], actions: ['user.*'] }, event('userx.create'))).toBe(false);
    expect(matchesFilter({ collections: ['users'], actions: ['*'] }, event('role.create', 'roles'))).toBe(false);
    expect(matchesFilter({ collections: ['users'], actions: ['*'] }, event('auth.login'))).toBe(false);
  });

  it('sends apiKey.use only to a subscription naming it exactly (a wildcard would feed on its own API calls)', () => {
    expect(matchesFilter({ collections: [], actions: ['*'] }, event('apiKey.use'))).toBe(false);
    expect(matchesFilter({ collections: [], actions: ['apiKey.*'] }, event('apiKey.use'))).toBe(false);
    expect(matchesFilter({ collections: [], actions: ['apiKey.*'] }, event('apiKey.create'))).toBe(true);
    expect(matchesFilter({ collections: [], actions: ['apiKey.use'] }, event('apiKey.use'))).toBe(true);
  });
});

describe('webhook URL policy', () => {
  it('accepts https, and loopback http only when allowed', () => {
    expect(checkWebhookUrl('https://hooks.example.com/a?b=c#frag', false)).toEqual({ ok: true, value: 'https://hooks.example.com/a?b=c' });
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', false).ok).toBe(false);
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://[::1]:9000/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://10.0.0.1/hook', true).ok).toBe(false);
    expect(checkWebhookUrl('https://u:p@example.com/', false).ok).toBe(false);
    expect(checkWebhookUrl(`https://example.com/${'a'.repeat(2100)}`, false).ok).toBe(false);
    expect(originOf('https://hooks.example.com/t/secret?token=x')).toBe('https://hooks.example.com');
  });
});

describe('webhook signature', () => {
  it('verifies its own header and nothing altered, stale or signed with another secret', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: 'd1', type: 'user.create' });
    const header = signatureHeader(secret, 1_767_225_600, body);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, 1_767_225_600 + 299)).toBe(true);
    expect(verifySignature(secret, header, body, 1_767_225_600 + 301)).toBe(false);
    expect(verifySignature(secret, header, `${body} `, 1_767_225_600)).toBe(false);
    expect(verifySignature(newWebhookSecret(), header, body, 1_767_225_600)).toBe(false);
    expect(verifySignature(secret, header.replace('t=1767225600', 't=1767225601'), body, 1_767_225_600)).toBe(false);
    expect(verifySignature(secret, 'garbage', body, 1_767_225_600)).toBe(false);
  });
});

describe('webhook retry schedule', () => {
  it('waits 10 s, 70 s, ~8 min, ~57 min by default, each within ±20 %, then gives up', () => {
    const settings = webhookSettings();
    expect(DEFAULT_WEBHOOK_SETTINGS.retryDelaysMs).toEqual([10_000, 70_000, 490_000, 3_430_000]);
    for (const [attempt, base] of [[1, 10_000], [2, 70_000], [3, 490_000], [4, 3_430_000]] as const) {
      expect(retryDelayMs(settings, attempt, 0)).toBe(base * 0.8);
      expect(retryDelayMs(settings, attempt, 0.999_999)).toBeLessThanOrEqual(base * 1.2);
    }
    expect(retryDelayMs(settings, 5, 0.5)).toBeUndefined();
    expect(retryDelayMs(webhookSettings({ retryDelaysMs: [5] }), 2, 0.5)).toBeUndefined();
  });
});
