/**
 * Where did each local intent go? Every change a device applied to its
 * replica must end up in one of these places, never nowhere:
 *
 * - applied: a later push by that device's person carried it and the server
 *   accepted the row (not refused, not answered with a conflict);
 * - on the server: the server's document already says the same (another
 *   device made the same change first), now or when the device pushed it;
 * - superseded: the same device changed the same fields of the same
 *   document again, or deleted it, before it synced (only the last state is
 *   ever pushed) — never an audit event: append-only, each with a fresh id,
 *   every one the device records must arrive as it was made;
 * - unchanged: the device pushed those fields as it had last synced them (it
 *   changed them and set them back before syncing): its net change to them
 *   was none, so the three-way merge rightly keeps what the server holds;
 * - kept: the device's reconcile store holds the document with the reason;
 * - lost: none of the above — what the simulation exists to catch.
 */
import { canonicalize, type CollectionName } from '@steward/domain';
import type { Expectation, KeptRefusal, LocalIntent } from './protocol.ts';
import type { PushRecord } from './sim-server.ts';

export interface RecordedIntent {
  readonly device: number;
  readonly userId: string;
  readonly step: number;
  /** How many syncs the device had finished when the intent was made. */
  readonly period: number;
  readonly intent: LocalIntent;
}

export type IntentFate = 'applied' | 'on-server' | 'superseded' | 'unchanged' | 'kept' | 'lost';

export interface IntentTally {
  readonly applied: number;
  readonly onServer: number;
  readonly superseded: number;
  readonly unchanged: number;
  readonly kept: number;
  readonly lost: number;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}

/** A field of `doc`, or of an object inside it by a dotted path (`context.reason`); undefined when absent. */
function valueAt(doc: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Readonly<Record<string, unknown>>)[key] : undefined;
  return value;
}

export function matches(expect: Expectation, doc: Readonly<Record<string, unknown>>): boolean {
  if (expect.kind === 'fields') return Object.entries(expect.values).every(([field, value]) => same(valueAt(doc, field) ?? (field === '_deleted' ? false : null), value));
  const approvals = doc['approvals'];
  return Array.isArray(approvals) && approvals.some((a: Readonly<Record<string, unknown>>) => a['stepId'] === expect.stepId && a['approverId'] === expect.approverId && a['decision'] === expect.decision);
}

function supersededBy(earlier: RecordedIntent, later: RecordedIntent): boolean {
  if (later.device !== earlier.device || later.period !== earlier.period || later.step <= earlier.step) return false;
  if (later.intent.docId !== earlier.intent.docId || later.intent.collection !== earlier.intent.collection) return false;
  // An audit event is never rewritten: nothing the device does later stands in for it.
  if (earlier.intent.collection === 'auditEvents') return false;
  const [a, b] = [earlier.intent.expect, later.intent.expect];
  if (b.kind !== 'fields') return false;
  // Deleting the document (a grant revoked before it was ever pushed) supersedes every earlier change to it.
  if (b.values['_deleted'] === true) return true;
  return a.kind === 'fields' && Object.keys(a.values).every((field) => field in b.values);
}

export interface FateInputs {
  readonly intents: readonly RecordedIntent[];
  readonly pushes: readonly PushRecord[];
  /** What each device's reconcile store holds, by device index. */
  readonly kept: ReadonlyMap<number, readonly KeptRefusal[]>;
  /** The server's current documents (deleted ones included), by collection and id. */
  readonly serverDoc: (collection: CollectionName, id: string) => Readonly<Record<string, unknown>> | undefined;
}

export function fateOf(intent: RecordedIntent, inputs: FateInputs): IntentFate {
  const { docId, expect } = intent.intent;
  const accepted = inputs.pushes.some(
    (push) =>
      push.userId === intent.userId &&
      push.step >= intent.step &&
      push.collection === intent.intent.collection &&
      push.rows.some((row) => row['id'] === docId && !push.rejected.has(docId) && !push.conflicted.has(docId) && matches(expect, row)),
  );
  if (accepted) return 'applied';
  const stored = inputs.serverDoc(intent.intent.collection, docId);
  if (stored !== undefined && matches(expect, stored)) return 'on-server';
  // Pushed when the server already held the same (it answered with its state, unchanged): later changes by others do not lose it.
  const heldWhenPushed = inputs.pushes.some((push) => {
    const answered = push.answered.get(docId);
    return push.userId === intent.userId && push.step >= intent.step && push.collection === intent.intent.collection && !push.rejected.has(docId) && answered !== undefined && matches(expect, answered);
  });
  if (heldWhenPushed) return 'on-server';
  if (inputs.intents.some((later) => supersededBy(intent, later))) return 'superseded';
  // The first push of the document after the intent: its fields as the device last synced them, and sent so.
  const next = inputs.pushes.find((push) => push.userId === intent.userId && push.step >= intent.step && push.collection === intent.intent.collection && push.rows.some((row) => row['id'] === docId));
  const base = next?.assumed.get(docId);
  const sent = next?.rows.find((row) => row['id'] === docId);
  if (base !== undefined && sent !== undefined && matches(expect, base) && matches(expect, sent)) return 'unchanged';
  const kept = inputs.kept.get(intent.device) ?? [];
  if (kept.some((k) => k.collection === intent.intent.collection && k.id === docId && matches(expect, k.attempted))) return 'kept';
  return 'lost';
}

export function tally(fates: readonly IntentFate[]): IntentTally {
  const count = (fate: IntentFate): number => fates.filter((f) => f === fate).length;
  return { applied: count('applied'), onServer: count('on-server'), superseded: count('superseded'), unchanged: count('unchanged'), kept: count('kept'), lost: count('lost') };
}
