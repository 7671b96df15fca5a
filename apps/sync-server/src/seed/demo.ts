/**
 * `--seed demo`: three tenants on different plans, their people, roles,
 * workflows, reports and 50,000 audit events of history, so the console has
 * something real to show on first start. Deterministic: the same `now` and
 * seed give the same data (seeded PRNG, ids from the PRNG and the records'
 * own times). Idempotent: a database that already has a demo tenant's slug
 * is left as it is.
 *
 * The accounts to sign in with are documented in the README ("Demo
 * accounts"); their password is DEMO_PASSWORD.
 */
import type { AuditEvent } from '@steward/domain';
import { findCredentialsByEmail } from '../auth/credentials.ts';
import type { Services } from '../services.ts';
import { readCollection } from '../store/documents.ts';
import { buildHistory } from './demo-events.ts';
import { DEMO_PASSWORD, type DemoContext } from './demo-model.ts';
import { buildPeople, peopleEvents, platformAssignment } from './demo-people.ts';
import { demoIds, seededRandom } from './demo-random.ts';
import { DEMO_TENANT_SPECS } from './demo-roster.ts';
import { buildWorkflows } from './demo-workflows.ts';
import { writeSeedCredentials, writeSeedDocuments, type SeedDocument } from './write-seed.ts';

export { DEMO_PASSWORD } from './demo-model.ts';
export { PLATFORM_ADMIN_EMAIL } from './demo-people.ts';

export const DEMO_EVENT_COUNT = 50_000;
export const DEMO_SEED = 20_260_401;
export const DEMO_TENANT_SLUGS: readonly string[] = DEMO_TENANT_SPECS.map((t) => t.slug);

export interface DemoOptions {
  /** The moment the history leads up to (epoch ms); default: the server's clock. */
  readonly now?: number;
  /** PRNG seed; another seed gives another, equally plausible demo. */
  readonly seed?: number;
  /** How many audit events to generate (tests may ask for fewer). */
  readonly events?: number;
}

export interface DemoData {
  /** Every document, in the order they are written (events in time order). */
  readonly documents: readonly SeedDocument[];
  readonly credentials: readonly { readonly userId: string; readonly email: string; readonly password: string }[];
}

export type DemoCounts = Readonly<Partial<Record<SeedDocument['collection'], number>>>;

export type SeedDemoResult =
  | { readonly seeded: true; readonly counts: DemoCounts; readonly accounts: number; readonly ms: number }
  | { readonly seeded: false; readonly reason: string };

/** Builds the demo in memory (no I/O). */
export function buildDemo(options: { readonly now: number; readonly seed?: number; readonly events?: number }): DemoData {
  const random = seededRandom(options.seed ?? DEMO_SEED);
  const ctx: DemoContext = { nowMs: options.now, random, idAt: demoIds(random) };
  const people = buildPeople(ctx);
  const documents: SeedDocument[] = [
    { collection: 'users', doc: people.platformAdmin.user },
    { collection: 'roleAssignments', doc: platformAssignment(ctx, people.platformAdmin) },
  ];
  const activities = people.tenants.map((tenant) => {
    const built = buildWorkflows(ctx, tenant);
    documents.push(
      { collection: 'tenants', doc: tenant.doc },
      ...tenant.people.map((p) => ({ collection: 'users', doc: p.user }) as const),
      ...tenant.roles.map((doc) => ({ collection: 'roles', doc }) as const),
      ...tenant.assignments.map((doc) => ({ collection: 'roleAssignments', doc }) as const),
      ...built.workflows.map((doc) => ({ collection: 'workflows', doc }) as const),
      ...built.runs.map((doc) => ({ collection: 'workflowRuns', doc }) as const),
      ...built.reports.map((doc) => ({ collection: 'reports', doc }) as const),
    );
    const events: AuditEvent[] = [...peopleEvents(ctx, tenant, people.platformAdmin), ...built.events];
    return { tenant, reports: built.reports, workflows: built.workflows, events };
  });
  const history = buildHistory(ctx, activities, people.platformAdmin, options.events ?? DEMO_EVENT_COUNT);
  documents.push(...history.events.map((doc) => ({ collection: 'auditEvents', doc }) as const), ...history.reviews.map((doc) => ({ collection: 'auditReviews', doc }) as const));
  const credentials = people.accounts.map((p) => ({ userId: p.user.id, email: p.user.email, password: DEMO_PASSWORD }));
  return { documents, credentials };
}

/**
 * Writes the demo unless a demo tenant's slug is already taken. The
 * documents go in one transaction; the credentials after them. Should a
 * crash fall between the two, the next run finds the tenants, skips the
 * documents and sets the missing demo passwords, so the accounts always work.
 */
export async function seedDemo(services: Services, options: DemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const existing = await existingDemoTenants(services);
  if (existing.length > 0) {
    const repaired = await repairDemoCredentials(services);
    const note = repaired > 0 ? ` (set the password of ${repaired} demo account${repaired === 1 ? '' : 's'} that had none)` : '';
    return { seeded: false, reason: `the database already has tenant${existing.length === 1 ? '' : 's'} ${existing.join(', ')}; demo data left as it is${note}` };
  }
  const demo = buildDemo({ now: options.now ?? Date.parse(services.now()), ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.events === undefined ? {} : { events: options.events }) });
  await writeSeedDocuments(services, demo.documents, 'demo');
  await writeSeedCredentials(services, demo.credentials);
  return { seeded: true, counts: countByCollection(demo.documents), accounts: demo.credentials.length, ms: Math.round(performance.now() - started) };
}

async function existingDemoTenants(services: Services): Promise<string[]> {
  const tenants = await readCollection(services.db, 'tenants', { tenants: 'all', platform: true });
  return tenants.map((t) => String(t.body['slug'])).filter((slug) => DEMO_TENANT_SLUGS.includes(slug)).sort();
}

/** Sets DEMO_PASSWORD for demo accounts whose user exists but who have no credentials; returns how many. */
async function repairDemoCredentials(services: Services): Promise<number> {
  const users = await readCollection(services.db, 'users', { tenants: 'all', platform: true });
  const missing: { userId: string; email: string; password: string }[] = [];
  for (const user of users) {
    const email = String(user.body['email']);
    if (!isDemoAccountEmail(email) || (await findCredentialsByEmail(services.db, email)) !== undefined) continue;
    missing.push({ userId: user.id, email, password: DEMO_PASSWORD });
  }
  await writeSeedCredentials(services, missing);
  return missing.length;
}

/** platform@steward.example, or admin|officer|auditor|member@<demo slug>.example. */
export function isDemoAccountEmail(email: string): boolean {
  const match = /^(platform|admin|officer|auditor|member)@([a-z0-9-]+)\.example$/.exec(email);
  if (match === null) return false;
  return match[1] === 'platform' ? match[2] === 'steward' : DEMO_TENANT_SLUGS.includes(match[2] ?? '');
}

function countByCollection(documents: readonly SeedDocument[]): DemoCounts {
  const counts: Partial<Record<SeedDocument['collection'], number>> = {};
  for (const { collection } of documents) counts[collection] = (counts[collection] ?? 0) + 1;
  return counts;
}
