/**
 * The grant form's fields turned into the role-assignment document the
 * domain checks and the replica stores. The form speaks in calendar days
 * ("expires after 31 Dec"); the document in instants.
 */
import type { RoleAssignment } from '@steward/domain';

export interface GrantForm {
  readonly roleId: string;
  /** `YYYY-MM-DD` from a date input: the last day the grant is in force; '' for no end. */
  readonly expiresOn: string;
  readonly reason: string;
}

export interface GrantContext {
  /** The draft's id, made once per form so live checks and the write name one document. */
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly actorId: string;
  readonly nowIso: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a grant ending on `day` (inclusive, in the viewer's time zone)
 * stops: the start of the next local day. null for '' (no end); NaN-safe:
 * an impossible date gives undefined so the form can say so.
 */
export function expiryInstant(day: string): string | null | undefined {
  if (day.trim() === '') return null;
  const m = DAY.exec(day.trim());
  if (m === null) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(year, month - 1, date);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return undefined;
  return new Date(year, month - 1, date + 1).toISOString();
}

/** The document a grant would write; `reason` as typed (the form requires one before it may be sent). */
export function grantDocument(form: GrantForm, ctx: GrantContext, expiresAt: string | null): RoleAssignment {
  return {
    id: ctx.id,
    tenantId: ctx.tenantId,
    userId: ctx.userId,
    roleId: form.roleId,
    grantedBy: ctx.actorId,
    validFrom: ctx.nowIso,
    expiresAt,
    reason: form.reason.trim(),
    revision: 0,
    updatedAt: ctx.nowIso,
    _deleted: false,
  };
}

/**
 * What is checked live while the reason is still blank: the same grant with
 * a stand-in reason, so the rules about the role itself (escalation,
 * separation of duties) show as soon as a role is picked. The blank reason
 * is the form's own message, and the real document is checked again on send.
 */
export const PENDING_REASON = '(reason not yet given)';

export function documentToCheck(doc: RoleAssignment): RoleAssignment {
  return doc.reason === '' ? { ...doc, reason: PENDING_REASON } : doc;
}

/**
 * The other way: the last day (`YYYY-MM-DD`, local) of a grant that stops at
 * a local midnight, as grants made with the form do; null for any other instant.
 */
export function lastDayOf(expiresAt: string): string | null {
  const ms = Date.parse(expiresAt);
  if (!Number.isFinite(ms)) return null;
  const end = new Date(ms);
  if (end.getHours() !== 0 || end.getMinutes() !== 0 || end.getSeconds() !== 0 || end.getMilliseconds() !== 0) return null;
  const day = new Date(end.getFullYear(), end.getMonth(), end.getDate() - 1);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}
