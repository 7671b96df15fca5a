/**
 * One typed error family for every rule in Steward. The codes are the sync
 * contract's rejection codes; the message is written for a person.
 */
export const ERROR_CODES = ['FORBIDDEN', 'QUOTA_EXCEEDED', 'INVALID', 'IMMUTABLE', 'CONFLICT'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A rule's verdict against an input: a value, never thrown by rule checks. */
export interface DomainIssue<C extends ErrorCode = ErrorCode> {
  readonly code: C;
  /** What a person reads: what was refused and why, with the numbers. */
  readonly message: string;
  /** Machine-readable specifics (limit names, role ids, fields…). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Thrown only where a value cannot be returned (e.g. inside a parser). */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error implements DomainIssue<C> {
  override readonly name = 'DomainError';
  readonly code: C;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: C, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toIssue(): DomainIssue<C> {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T, E extends DomainIssue = DomainIssue> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E extends DomainIssue>(error: E): Result<never, E> => ({ ok: false, error });

export function issue<C extends ErrorCode>(
  code: C,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainIssue<C> {
  return details === undefined ? { code, message } : { code, message, details };
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
