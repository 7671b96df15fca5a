/**
 * Audit activity over a period: events per day (or hour) by outcome, by
 * actor and by action, and the gaps — runs of days (hours) with no event at
 * all. A gap is what an auditor asks about first: a system that logs every
 * sign-in does not fall silent for three days unless logging broke or
 * someone removed events.
 */
import { OUTCOMES, formatIsoInstant, parseIsoInstant, type AuditEvent } from '@steward/domain';
import type { BarChart, CellValue } from '../model.ts';
import type { FiltersOf } from '../parameters.ts';
import { DAY_MS, HOUR_MS, bucketStart } from '../period.ts';
import { compareText } from '../data.ts';
import { column, plural, section, type TemplateContext, type TemplateOutput } from './context.ts';

type Outcome = AuditEvent['outcome'];
type Tally = Record<Outcome, number>;

const zero = (): Tally => ({ success: 0, failure: 0, denied: 0 });
const total = (t: Tally): number => t.success + t.failure + t.denied;

/** Does the event pass the report's filters? Lists are "any of"; an empty list passes everything. */
export function matchesFilters(event: AuditEvent, filters: FiltersOf<'audit-activity'>): boolean {
  const { actorIds, actions, outcomes, resourceTypes, complianceFlags, pii } = filters;
  if (actorIds.length > 0 && !actorIds.includes(event.actorId)) return false;
  if (actions.length > 0 && !actions.some((pattern) => actionMatches(pattern, event.action))) return false;
  if (outcomes.length > 0 && !outcomes.includes(event.outcome)) return false;
  if (resourceTypes.length > 0 && !resourceTypes.includes(event.resourceType)) return false;
  if (complianceFlags.length > 0 && !complianceFlags.some((flag) => event.complianceFlags.includes(flag))) return false;
  return pii === null || event.pii === pii;
}

function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('.*') ? action.startsWith(pattern.slice(0, -1)) : action === pattern;
}

export function auditActivity(ctx: TemplateContext<'audit-activity'>): TemplateOutput {
  const { directory: dir, period, parameters } = ctx;
  const { filters } = parameters;
  const width = filters.bucket === 'day' ? DAY_MS : HOUR_MS;
  const tenants = new Set(dir.tenants.map((t) => t.id));
  const events = (ctx.data.auditEvents ?? []).filter((e) => {
    if (e.tenantId === null || !tenants.has(e.tenantId) || !matchesFilters(e, filters)) return false;
    const at = parseIsoInstant(e.occurredAt);
    return at >= period.fromMs && at < period.toMs;
  });
  const perBucket = new Map<number, Tally>();
  const byActor = new Map<string, { tally: Tally; first: string; last: string }>();
  const byAction = new Map<string, Tally>();
  for (const e of events) {
    const at = bucketStart(parseIsoInstant(e.occurredAt), width);
    tallyInto(perBucket, at).tally[e.outcome] += 1;
    const actorKey = e.actorType === 'user' ? dir.userLabel(e.actorId) : `${dir.userLabel(e.actorId)} (${e.actorType})`;
    const actor = byActor.get(actorKey) ?? { tally: zero(), first: e.occurredAt, last: e.occurredAt };
    actor.tally[e.outcome] += 1;
    if (e.occurredAt < actor.first) actor.first = e.occurredAt;
    if (e.occurredAt > actor.last) actor.last = e.occurredAt;
    byActor.set(actorKey, actor);
    tallyInto(byAction, e.action).tally[e.outcome] += 1;
  }
  // An open start begins at the first matching event: "from the beginning" of an empty log has no extent.
  const firstMs = Number.isFinite(period.fromMs) ? period.fromMs : events.reduce((min, e) => Math.min(min, parseIsoInstant(e.occurredAt)), Number.POSITIVE_INFINITY);
  const buckets: { start: number; end: number; tally: Tally }[] = [];
  if (Number.isFinite(firstMs)) {
    for (let start = bucketStart(firstMs, width); start < period.toMs; start += width) {
      buckets.push({ start: Math.max(start, firstMs), end: Math.min(start + width, period.toMs), tally: perBucket.get(start) ?? zero() });
    }
  }
  const gaps = gapsOf(buckets);
  const label = (ms: number): string => (filters.bucket === 'day' ? formatIsoInstant(bucketStart(ms, DAY_MS)).slice(0, 10) : `${formatIsoInstant(bucketStart(ms, HOUR_MS)).slice(0, 13)}:00Z`);
  const tallyCells = (t: Tally): CellValue[] => [total(t), t.success, t.failure, t.denied];
  const tallyColumns = [column('events', 'Events', 'number'), column('success', 'Success', 'number'), column('failure', 'Failure', 'number'), column('denied', 'Denied', 'number')];
  const actorRows = mostFirst([...byActor].map(([actor, a]) => [actor, ...tallyCells(a.tally), a.first, a.last]));
  const actionRows = mostFirst([...byAction].map(([action, t]) => [action, ...tallyCells(t)]));
  const unit = filters.bucket;
  const chart: BarChart | null = buckets.length === 0 ? null : {
    kind: 'bar',
    stacked: true,
    title: `Events per ${unit} by outcome`,
    categoryLabel: unit === 'day' ? 'Day (UTC)' : 'Hour (UTC)',
    valueLabel: 'Events',
    categories: buckets.map((b) => label(b.start)),
    series: OUTCOMES.map((outcome) => ({ name: outcome, values: buckets.map((b) => b.tally[outcome]) })),
  };
  return {
    title: 'Audit activity',
    sections: [
      section(`per-${unit}`, `Events per ${unit}`, `${plural(events.length, 'event')} matching the filters in ${plural(buckets.length, unit)}; ${plural(gaps.length, 'gap')} with no event at all.`, [column(unit, unit === 'day' ? 'Day (UTC)' : 'Hour (UTC)'), ...tallyColumns], buckets.map((b) => [label(b.start), ...tallyCells(b.tally)]), chart),
      section('gaps', 'Gaps', `Runs of consecutive ${unit}s in the period in which no matching event was recorded.`, [column('from', 'From', 'timestamp'), column('to', 'To', 'timestamp'), column(`${unit}s`, `${unit === 'day' ? 'Days' : 'Hours'}`, 'number')], gaps.map((g) => [formatIsoInstant(g.from), formatIsoInstant(g.to), g.count])),
      section('by-actor', 'By actor', 'Who did what, most active first.', [column('actor', 'Actor'), ...tallyColumns, column('first', 'First', 'timestamp'), column('last', 'Last', 'timestamp')], actorRows),
      section('by-action', 'By action', 'What was done, most frequent first.', [column('action', 'Action'), ...tallyColumns], actionRows),
    ],
  };
}

/** Rows of [name, count, …]: largest count first, then by name. */
function mostFirst(rows: CellValue[][]): CellValue[][] {
  return rows.sort((a, b) => Number(b[1]) - Number(a[1]) || compareText(String(a[0]), String(b[0])));
}

function tallyInto<K>(map: Map<K, Tally>, key: K): { tally: Tally } {
  let tally = map.get(key);
  if (tally === undefined) map.set(key, (tally = zero()));
  return { tally };
}

/** Maximal runs of empty buckets: [from, to) with how many buckets they span. */
function gapsOf(buckets: readonly { start: number; end: number; tally: Tally }[]): { from: number; to: number; count: number }[] {
  const gaps: { from: number; to: number; count: number }[] = [];
  let open: { from: number; to: number; count: number } | null = null;
  for (const b of buckets) {
    if (total(b.tally) > 0) {
      open = null;
      continue;
    }
    if (open === null) gaps.push((open = { from: b.start, to: b.end, count: 1 }));
    else {
      open.to = b.end;
      open.count += 1;
    }
  }
  return gaps;
}
