/**
 * An audit event as the audit log shows it: the replica document plus what
 * the table needs precomputed — the actor's name (from the users in the
 * replica) and a lower-cased haystack, so searching 50,000 rows per
 * keystroke is one `includes` per row.
 */
import { OUTCOMES, type AuditEvent } from '@steward/domain';

export type Outcome = AuditEvent['outcome'];

export interface AuditRow {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly actorId: string;
  readonly actorType: string;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly outcome: Outcome;
  readonly flags: readonly string[];
  readonly pii: boolean;
  /** The ledger position the server gave it; null until it is in the ledger. */
  readonly ledgerIndex: number | null;
  readonly search: string;
  /** The replica document, for the details panel. */
  readonly doc: Readonly<Record<string, unknown>>;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function outcomeOf(value: unknown): Outcome {
  return OUTCOMES.find((outcome) => outcome === value) ?? 'failure';
}

const ACTOR_TYPE_LABEL: Readonly<Record<string, string>> = { apiKey: 'API key', system: 'System', device: 'Device' };

/** A name for whoever acted: the user's name when the replica knows them, else what kind of actor and a short id. */
export function actorLabel(actorId: string, actorType: string, users: ReadonlyMap<string, string>): string {
  const known = users.get(actorId);
  if (known !== undefined) return known;
  const kind = ACTOR_TYPE_LABEL[actorType] ?? 'User';
  return actorType === 'system' ? kind : `${kind} ${actorId.slice(-8)}`;
}

export function toAuditRow(doc: Readonly<Record<string, unknown>>, users: ReadonlyMap<string, string>): AuditRow {
  const actorId = str(doc['actorId']);
  const actorType = str(doc['actorType']);
  const flags = Array.isArray(doc['complianceFlags']) ? doc['complianceFlags'].filter((f): f is string => typeof f === 'string') : [];
  const row = {
    id: str(doc['id']),
    occurredAt: str(doc['occurredAt']),
    actor: actorLabel(actorId, actorType, users),
    actorId,
    actorType,
    action: str(doc['action']),
    resourceType: str(doc['resourceType']),
    resourceId: str(doc['resourceId']),
    outcome: outcomeOf(doc['outcome']),
    flags,
    pii: doc['pii'] === true,
    ledgerIndex: typeof doc['ledgerIndex'] === 'number' ? doc['ledgerIndex'] : null,
  };
  const search = [row.actor, row.actorId, row.action, row.resourceType, row.resourceId, row.outcome, ...flags, row.pii ? 'pii' : '', row.id].join(' ').toLowerCase();
  return { ...row, search, doc };
}

/** Users as the actor column names them: "Display Name (email)". */
export function userLabels(users: readonly Readonly<Record<string, unknown>>[]): ReadonlyMap<string, string> {
  return new Map(
    users.map((user) => {
      const name = str(user['displayName']);
      const email = str(user['email']);
      return [str(user['id']), name !== '' && email !== '' ? `${name} (${email})` : name || email || str(user['id'])];
    }),
  );
}
