/**
 * Bench support: deterministic, realistic audit events (~500 bytes of
 * canonical JSON each), shaped as the server stores them — schema member
 * order, server-set fields present, a context whose members are not sorted
 * (as handler code builds them), some non-ASCII text. A seeded PRNG keeps
 * every run and every machine hashing the same bytes.
 */
import type { AuditEvent } from '../src/schema/audit.ts';

/** mulberry32: a tiny seeded PRNG, good enough to vary test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const ACTIONS = ['role.assign', 'role.revoke', 'user.update', 'report.export', 'workflow.approve', 'tenant.update', 'auth.login'] as const;
const RESOURCES = ['roleAssignment', 'user', 'report', 'workflowRun', 'tenant', 'session'] as const;
const AGENTS = ['Steward/1.4.2 (Windows; x64)', 'Steward/1.4.2 (macOS; arm64)', 'steward-cli/1.4.2 (linux)'] as const;
const REASONS = ['Quarterly review', 'Onboarding — finance', 'Incident #4411', 'Revue des accès (équipe)'] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function uuid(random: () => number, version: string): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) out += '-';
    out += i === 12 ? version : i === 16 ? HEX.charAt(8 + Math.floor(random() * 4)) : HEX.charAt(Math.floor(random() * 16));
  }
  return out;
}

function timestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const START_MS = Date.UTC(2024, 4, 1, 12, 0, 0);

/**
 * `count` events, the same for the same seed. They are passed through JSON
 * once, so that their strings and objects are what a server or verifier
 * holds after parsing a request, a database row or an export line.
 */
export function auditEvents(count: number, seed = 0x5eed): AuditEvent[] {
  return JSON.parse(JSON.stringify(generate(count, seed))) as AuditEvent[];
}

function generate(count: number, seed: number): AuditEvent[] {
  const random = seededRandom(seed);
  const tenants = Array.from({ length: 16 }, () => uuid(random, '4'));
  const actors = Array.from({ length: 256 }, () => uuid(random, '4'));
  const events: AuditEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = START_MS + i * 250 + Math.floor(random() * 250);
    events.push({
      id: uuid(random, '7'),
      tenantId: pick(random, tenants),
      revision: 1,
      updatedAt: timestamp(at + 3),
      _deleted: false,
      actorId: pick(random, actors),
      actorType: random() < 0.9 ? 'user' : 'apiKey',
      action: pick(random, ACTIONS),
      resourceType: pick(random, RESOURCES),
      resourceId: `${Math.floor(random() * 1e6).toString(36)}`,
      outcome: random() < 0.95 ? 'success' : 'denied',
      occurredAt: timestamp(at),
      observedAt: random() < 0.5 ? timestamp(at - 40) : null,
      context: {
        requestId: `req_${Math.floor(random() * 1e12).toString(36)}`,
        ip: `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
        userAgent: pick(random, AGENTS),
        reason: pick(random, REASONS),
        changes: { roleId: `role_${Math.floor(random() * 40)}` },
      },
      pii: random() < 0.3,
      complianceFlags: random() < 0.5 ? ['SOX'] : ['SOX', 'GDPR.art30'],
      ledgerIndex: i,
    });
  }
  return events;
}
