/**
 * The quota check both ends run for every write: pure, so the desktop's
 * offline answer and the server's authoritative one agree whenever they hold
 * the same data.
 *
 * The rule is about the direction of a change, not only its result: a write
 * that increases a counter past its limit is refused; a write that decreases
 * (or leaves unchanged) a counter is always allowed, even when the tenant is
 * already over the limit. A tenant that downgrades from Business to Team with
 * 40 users keeps working: it cannot invite a 41st, but it can disable users
 * until it is back under 25, and nothing already stored is taken away.
 */
import { err, ok, type DomainIssue, type Result } from '../errors.ts';
import { COUNTER_NAMES, type CounterName, type TenantLimits } from './plans.ts';
import { COUNTER_WORDING, EXACT_STORAGE_WORDING, type CounterWording } from './wording.ts';

/**
 * What a tenant uses now, per counter. A counter left out is unknown, not
 * zero: checking an increase of an unknown counter against a finite limit is
 * refused as INVALID rather than guessed.
 */
export type Usage = { readonly [K in CounterName]?: number };

/** What one write adds to each counter (negative: frees). Counters left out are unchanged. */
export type UsageDelta = { readonly [K in CounterName]?: number };

export type QuotaIssue = DomainIssue<'QUOTA_EXCEEDED'>;
export type QuotaCheckIssue = DomainIssue<'QUOTA_EXCEEDED' | 'INVALID'>;

/**
 * Decides whether a write adding `delta` to a tenant's `usage` is allowed
 * under its `limits`. On success the value is the usage after the write, so a
 * batch of writes (one pushed page of rows) can be checked one after another.
 *
 * The refusal names the first exceeded counter in plan order; its details are
 * `{ limit, max, current, requested, wouldBe, plan, overridden }`, where
 * `requested` is the increase the write asks for and `wouldBe` the total it
 * would reach.
 */
export function checkQuota(limits: TenantLimits, usage: Usage, delta: UsageDelta): Result<Usage, QuotaCheckIssue> {
  const malformed = inputProblem(usage, delta);
  if (malformed !== null) return err(malformed);
  const after: Partial<Record<CounterName, number>> = { ...usage };
  for (const counter of COUNTER_NAMES) {
    const change = delta[counter] ?? 0;
    if (change === 0) continue;
    const current = usage[counter];
    const max = limits.limits[counter];
    if (current === undefined) {
      if (change > 0 && max !== null) {
        return err(invalid(`The current ${counter} usage is needed to check an increase against the limit of ${String(max)}.`, { limit: counter }));
      }
      continue;
    }
    const wouldBe = current + change;
    if (change > 0 && max !== null && wouldBe > max) {
      return err(quotaExceeded(limits, counter, max, current, change));
    }
    after[counter] = wouldBe;
  }
  return ok(after);
}

/** `usage` with `delta` applied to the counters it knows; for tallying a batch without checking. */
export function addUsage(usage: Usage, delta: UsageDelta): Usage {
  const after: Partial<Record<CounterName, number>> = { ...usage };
  for (const counter of COUNTER_NAMES) {
    const current = usage[counter];
    const change = delta[counter];
    if (current !== undefined && change !== undefined) after[counter] = current + change;
  }
  return after;
}

/** The refusal for `counter`, worded for a person and detailed for a program. */
export function quotaExceeded(limits: TenantLimits, counter: CounterName, max: number, current: number, requested: number): QuotaIssue {
  const wouldBe = current + requested;
  const overridden = limits.overridden.includes(counter);
  const words = wordingFor(counter, max, current, wouldBe);
  const whose = overridden ? `for this tenant (a custom limit on the ${limits.planName} plan)` : `of the ${limits.planName} plan`;
  const state =
    current < max
      ? `would be exceeded: ${words.bare(current)} of ${words.amount(max)} ${words.scope}`
      : current === max
        ? `reached: ${words.bare(current)} of ${words.amount(max)} ${words.scope}`
        : `already exceeded: ${words.amount(current)} ${words.scope}, the limit is ${words.amount(max)}`;
  return {
    code: 'QUOTA_EXCEEDED',
    message: `${words.label} ${whose} ${state}; this would make ${words.bare(wouldBe)}.`,
    details: { limit: counter, max, current, requested, wouldBe, plan: limits.plan, overridden },
  };
}

/** Rounded storage units can make different numbers read the same; then exact bytes are used. */
function wordingFor(counter: CounterName, max: number, current: number, wouldBe: number): CounterWording {
  const words = COUNTER_WORDING[counter];
  if (counter !== 'storageBytes') return words;
  const blurred = words.bare(wouldBe) === words.bare(max) || (current !== max && words.bare(current) === words.bare(max));
  return blurred ? EXACT_STORAGE_WORDING : words;
}

function inputProblem(usage: Usage, delta: UsageDelta): DomainIssue<'INVALID'> | null {
  for (const [counter, value] of Object.entries(usage)) {
    if (!isCounter(counter)) return invalid(`Usage names ${JSON.stringify(counter)}, which is not a counted limit; counted limits are ${COUNTER_NAMES.join(', ')}.`, { limit: counter });
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      return invalid(`Usage of ${counter} must be a whole number of at least 0; got ${JSON.stringify(value)}.`, { limit: counter, value });
    }
  }
  for (const [counter, value] of Object.entries(delta)) {
    if (!isCounter(counter)) return invalid(`A change names ${JSON.stringify(counter)}, which is not a counted limit; counted limits are ${COUNTER_NAMES.join(', ')}.`, { limit: counter });
    if (value !== undefined && !Number.isSafeInteger(value)) {
      return invalid(`A change to ${counter} must be a whole number; got ${JSON.stringify(value)}.`, { limit: counter, value });
    }
  }
  return null;
}

function isCounter(name: string): name is CounterName {
  return (COUNTER_NAMES as readonly string[]).includes(name);
}

function invalid(message: string, details: Record<string, unknown>): DomainIssue<'INVALID'> {
  return { code: 'INVALID', message, details: { reason: 'invalid-usage', ...details } };
}
