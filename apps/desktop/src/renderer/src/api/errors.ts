/**
 * Turns whatever a call to the server threw into something a person can act
 * on. The server's messages are written for people already (see the server's
 * trpc.ts); what the console adds is the case the server never sees: it
 * could not be reached.
 */

export type ApiErrorKind = 'unreachable' | 'unauthorized' | 'rate-limited' | 'invalid' | 'forbidden' | 'server';

export interface ApiErrorInfo {
  readonly kind: ApiErrorKind;
  readonly message: string;
  /** Worth trying again later without the person doing anything. */
  readonly retryable: boolean;
}

const KIND_OF_CODE: Readonly<Record<string, ApiErrorKind>> = {
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  TOO_MANY_REQUESTS: 'rate-limited',
  BAD_REQUEST: 'invalid',
  PARSE_ERROR: 'invalid',
  PRECONDITION_FAILED: 'invalid',
  CONFLICT: 'invalid',
  NOT_FOUND: 'invalid',
};

function objectField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/** The tRPC error code the server sent (`error.data.code`), if the error came from the server at all. */
export function serverErrorCode(error: unknown): string | null {
  const code = objectField(objectField(error, 'data'), 'code');
  return typeof code === 'string' ? code : null;
}

export function describeApiError(error: unknown, serverUrl: string): ApiErrorInfo {
  const code = serverErrorCode(error);
  const message = error instanceof Error && error.message !== '' ? error.message : String(error);
  if (code === null) {
    if (error instanceof DOMException && error.name === 'AbortError') return { kind: 'unreachable', message: 'The request was cancelled.', retryable: true };
    return { kind: 'unreachable', message: `Could not reach the Steward server at ${serverUrl}. Check the address and that the server is running.`, retryable: true };
  }
  const kind = KIND_OF_CODE[code] ?? 'server';
  if (kind === 'server') return { kind, message: `The server could not answer (${code}). Try again in a moment.`, retryable: true };
  return { kind, message, retryable: kind === 'rate-limited' };
}
