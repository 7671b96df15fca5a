/**
 * A user's sign-in credentials: one row per user in `credentials`, with the
 * email (lower-cased, unique), the scrypt hash and the failed-login counter
 * that login.ts uses for lockouts. Never replicated, never sent to a client.
 */
import { err, issue, ok, type DomainIssue, type Result } from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from './passwords.ts';

/** A credentials row as the server uses it. Holds the password hash: keep it on the server. */
export interface StoredCredentials {
  readonly userId: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly failedLogins: number;
  /** ISO time until which sign-in is refused, or null. */
  readonly lockedUntil: string | null;
}

const MAX_EMAIL_LENGTH = 254; // RFC 5321's path limit, less the angle brackets.

/** Emails are compared case-insensitively: trimmed and lower-cased once, on the way in. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A deliberately loose shape check: deliverability is proven by mail, not by a regex. */
function emailProblem(email: string): string | undefined {
  if (email.length === 0) return 'An email address is required.';
  if (email.length > MAX_EMAIL_LENGTH) return `An email address has at most ${MAX_EMAIL_LENGTH} characters.`;
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return `"${email}" is not an email address (expected something like name@example.com).`;
  return undefined;
}

/**
 * Sets or replaces the credentials of `userId`. The password must pass the
 * policy (details.problems lists each problem). Replacing them also clears
 * a lockout: an administrator's reset is how a locked-out person gets back in.
 */
export async function setCredentials(
  db: Db,
  input: { readonly userId: string; readonly email: string; readonly password: string },
  now: Date,
): Promise<Result<{ readonly userId: string; readonly email: string }>> {
  const email = normalizeEmail(input.email);
  const badEmail = emailProblem(email);
  if (badEmail !== undefined) return err(issue('INVALID', badEmail, { field: 'email' }));
  const problems: PasswordProblem[] = checkPasswordPolicy(input.password, email);
  if (problems.length > 0) {
    return err(issue('INVALID', `The password is not acceptable: ${problems.map((p) => p.message).join(' ')}`, { field: 'password', problems }));
  }
  const passwordHash = await hashPassword(input.password);
  const taken = await db.selectFrom('credentials').select('user_id').where('email', '=', email).executeTakeFirst();
  if (taken !== undefined && taken.user_id !== input.userId) return err(emailTaken(email));
  try {
    await db
      .insertInto('credentials')
      .values({ user_id: input.userId, email, password_hash: passwordHash, created_at: now.toISOString(), failed_logins: 0, locked_until: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ email, password_hash: passwordHash, failed_logins: 0, locked_until: null }))
      .execute();
  } catch (error) {
    // Another request took the email between the check and the write.
    if (isUniqueViolation(error)) return err(emailTaken(email));
    throw error;
  }
  return ok({ userId: input.userId, email });
}

/** The credentials for `email` (any letter case), or undefined when no account has it. */
export async function findCredentialsByEmail(db: Db, email: string): Promise<StoredCredentials | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select(['user_id', 'email', 'password_hash', 'created_at', 'failed_logins', 'locked_until'])
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    userId: row.user_id,
    email: row.email,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    failedLogins: Number(row.failed_logins),
    lockedUntil: row.locked_until,
  };
}

function emailTaken(email: string): DomainIssue<'CONFLICT'> {
  return issue('CONFLICT', `The email ${email} already belongs to another account.`, { field: 'email' });
}

/** PostgreSQL reports SQLSTATE 23505; node:sqlite an SQLITE_CONSTRAINT_UNIQUE (2067) error. */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode, message } = error as { code?: unknown; errcode?: unknown; message?: unknown };
  return code === '23505' || errcode === 2067 || (typeof message === 'string' && message.includes('UNIQUE constraint failed'));
}
