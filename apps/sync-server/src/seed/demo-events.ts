/**
 * The demo's audit history: exactly `total` events over each tenant's
 * history window (90 days, or the plan's shorter audit retention), in
 * working hours of the tenant's time zone with quiet weekends, plus the
 * officers' reviews of refused and failed events. The events the people and
 * workflow builders produced (a new hire's account, a decided request) are
 * part of the total; the rest is everyday activity from EVENT_KINDS.
 */
import { BUILT_IN_ROLES, can, compileTenantPolicy, type AuditEvent, type AuditReview, type Report, type TenantPolicy, type Workflow } from '@steward/domain';
import { EVENT_KINDS, completeEvent, type EventKind } from './demo-event-kinds.ts';
import { DAY_MS, HOUR_MS, activeAt, flagsFor, iso, makeEvent, type DemoContext, type DemoPerson, type DemoTenant } from './demo-model.ts';

export interface TenantActivity {
  readonly tenant: DemoTenant;
  readonly reports: readonly Report[];
  readonly workflows: readonly Workflow[];
  /** Events already made for this tenant (by the people and workflow builders). */
  readonly events: readonly AuditEvent[];
}

export interface DemoHistory {
  /** Sorted by id, which is time order: the order they enter the ledger. */
  readonly events: readonly AuditEvent[];
  readonly reviews: readonly AuditReview[];
}

/** Reviews per tenant: officers work through some refused and failed events of the last weeks. */
const REVIEWS: Readonly<Record<string, number>> = { acme: 90, globex: 45, initech: 15 };
const REVIEW_WINDOW_MS = 45 * DAY_MS;
/** Share of events done on a desktop offline and synced later (observedAt before occurredAt). */
const OFFLINE_SHARE = 0.06;

export function buildHistory(ctx: DemoContext, activities: readonly TenantActivity[], platformAdmin: DemoPerson, total: number): DemoHistory {
  const reviewCount = activities.reduce((n, a) => n + (REVIEWS[a.tenant.slug] ?? 0), 0);
  const made = activities.reduce((n, a) => n + a.events.length, 0);
  const everyday = total - made - reviewCount;
  if (everyday < 0) throw new Error(`demo history: ${made + reviewCount} events are already more than the ${total} asked for`);

  const events: AuditEvent[] = [];
  const reviews: AuditReview[] = [];
  let left = everyday;
  activities.forEach((plain, i) => {
    const activity: PolicedActivity = { ...plain, policy: compileTenantPolicy([...BUILT_IN_ROLES, ...plain.tenant.roles], plain.tenant.assignments, plain.tenant.doc.id) };
    const count = i === activities.length - 1 ? left : Math.round(everyday * activity.tenant.eventShare);
    left -= count;
    const tenantEvents = [...activity.events];
    for (let n = 0; n < count; n += 1) tenantEvents.push(everydayEvent(ctx, activity, platformAdmin));
    const planned = REVIEWS[activity.tenant.slug] ?? 0;
    const reviewed = reviewsOf(ctx, activity.tenant, tenantEvents, planned);
    // Too few refusals to review: everyday events make up the total.
    for (let n = reviewed.reviews.length; n < planned; n += 1) tenantEvents.push(everydayEvent(ctx, activity, platformAdmin));
    events.push(...tenantEvents, ...reviewed.events);
    reviews.push(...reviewed.reviews);
  });
  events.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { events, reviews };
}

/** An activity with its tenant's RBAC policy, to tell who holds what at a given moment. */
interface PolicedActivity extends TenantActivity {
  readonly policy: TenantPolicy;
}

function everydayEvent(ctx: DemoContext, activity: PolicedActivity, platformAdmin: DemoPerson): AuditEvent {
  const { tenant } = activity;
  for (;;) {
    const atMs = workingTime(ctx, tenant);
    // Platform staff look in now and then: signing in, adjusting a tenant's flags.
    if (ctx.random.chance(0.004)) return platformEvent(ctx, tenant, platformAdmin, atMs);
    const kind: EventKind = ctx.random.weighted(EVENT_KINDS.map((k) => [k, k.weight] as const));
    const candidates = activeAt(tenant.people, atMs).filter((p) => kind.jobs.includes(p.job) && holdsAsExpected(activity.policy, kind, p, atMs));
    if (candidates.length === 0) continue;
    const actor = ctx.random.pick(candidates);
    const fields = completeEvent(tenant, actor, kind.build({ ctx, tenant, actor, atMs, reports: activity.reports, workflows: activity.workflows }));
    const offline = fields.action !== 'session.login' && ctx.random.chance(OFFLINE_SHARE);
    return makeEvent(ctx, atMs, fields, offline ? ctx.random.int(2, 6 * 60) * 60_000 : null);
  }
}

/** The actor holds the kind's permission at `atMs` — or, for a refused act, lacks it. */
function holdsAsExpected(policy: TenantPolicy, kind: EventKind, person: DemoPerson, atMs: number): boolean {
  if (kind.permission === null) return true;
  return can(policy, { userId: person.user.id }, kind.permission, { tenantId: policy.tenantId }, atMs) !== (kind.refused === true);
}

function platformEvent(ctx: DemoContext, tenant: DemoTenant, admin: DemoPerson, atMs: number): AuditEvent {
  if (ctx.random.chance(0.7)) {
    return makeEvent(ctx, atMs, { tenantId: null, actorId: admin.user.id, actorType: 'user', action: 'session.login', resourceType: 'session', resourceId: admin.user.id, outcome: 'success', context: { device: admin.deviceId }, pii: false, complianceFlags: [] });
  }
  return makeEvent(ctx, atMs, {
    tenantId: tenant.doc.id, actorId: admin.user.id, actorType: 'user', action: 'tenant.update', resourceType: 'tenant', resourceId: tenant.doc.id, outcome: 'success',
    context: { collection: 'tenants', revision: ctx.random.int(2, 12), fields: ['featureFlags'], by: 'platform support' }, pii: false, complianceFlags: flagsFor(tenant, ['SOX', 'SOC2']),
  });
}

/** A moment in the tenant's history window, most likely on a weekday within its office hours. */
function workingTime(ctx: DemoContext, tenant: DemoTenant): number {
  const { random, nowMs } = ctx;
  const oldest = nowMs - tenant.historyDays * DAY_MS;
  for (;;) {
    const dayStart = Math.floor((nowMs - random.int(0, tenant.historyDays) * DAY_MS) / DAY_MS) * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !random.chance(0.15)) continue;
    // A bell around 13:00 local time (sum of three uniforms), from about 4:00 to 22:00.
    const localHour = 13 + (random.next() + random.next() + random.next() - 1.5) * 6;
    const atMs = Math.floor(dayStart + (localHour - tenant.utcOffsetHours) * HOUR_MS + random.next() * HOUR_MS);
    if (atMs < nowMs && atMs > oldest) return atMs;
  }
}

const REVIEW_NOTES: Readonly<Record<AuditReview['state'], readonly string[]>> = {
  reviewed: ['Expected: the person tried a screen outside their role; no action needed.', 'Matches a known ticket; closed.', 'Retry succeeded a minute later; fine.'],
  'follow-up': ['Asked the manager whether this access is still needed.', 'Third refusal this week for this person; checking their role with the admin.'],
  flagged: ['Outside working hours and from an unregistered device: escalated to security.', 'Repeated attempts to grant roles without permission; raised with the CISO.'],
};

function reviewsOf(ctx: DemoContext, tenant: DemoTenant, events: readonly AuditEvent[], count: number): { reviews: AuditReview[]; events: AuditEvent[] } {
  const { random, nowMs } = ctx;
  const candidates = events.filter((e) => e.outcome !== 'success' && Date.parse(e.occurredAt) > nowMs - REVIEW_WINDOW_MS && Date.parse(e.occurredAt) < nowMs - 2 * HOUR_MS);
  const reviews: AuditReview[] = [];
  const reviewEvents: AuditEvent[] = [];
  const taken = new Set<string>();
  for (let attempts = 0; reviews.length < count && attempts < count * 20 && candidates.length > 0; attempts += 1) {
    const target = random.pick(candidates);
    if (taken.has(target.id)) continue;
    const atMs = Math.min(Date.parse(target.occurredAt) + random.int(1, 72) * HOUR_MS, nowMs - random.int(1, 60) * 60_000);
    const officers = activeAt(tenant.people, atMs).filter((p) => p.job === 'officer');
    if (officers.length === 0) continue;
    taken.add(target.id);
    const reviewer = random.pick(officers);
    const state = random.weighted<AuditReview['state']>([['reviewed', 0.6], ['follow-up', 0.25], ['flagged', 0.15]]);
    const review: AuditReview = { id: ctx.idAt(atMs), tenantId: tenant.doc.id, revision: 1, updatedAt: iso(atMs), _deleted: false, eventId: target.id, reviewerId: reviewer.user.id, state, note: random.pick(REVIEW_NOTES[state]), createdAt: iso(atMs) };
    reviews.push(review);
    reviewEvents.push(makeEvent(ctx, atMs, {
      tenantId: tenant.doc.id, actorId: reviewer.user.id, actorType: 'user', action: 'auditReview.create', resourceType: 'auditReview', resourceId: review.id, outcome: 'success',
      context: { collection: 'auditReviews', revision: 1, eventId: target.id, state }, pii: false, complianceFlags: flagsFor(tenant, ['SOX', 'SOC2', 'HIPAA']),
    }));
  }
  return { reviews, events: reviewEvents };
}
