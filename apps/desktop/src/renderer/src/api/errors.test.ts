import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeApiError, serverErrorCode } from './errors.ts';

const SERVER = 'http://127.0.0.1:4848';

/** A TRPCClientError as the client builds it from the server's error envelope. */
function fromServer(code: string, httpStatus: number, message: string): TRPCClientError<never> {
  return TRPCClientError.from({ error: { message, code: -32001, data: { code, httpStatus } } });
}

describe('describeApiError', () => {
  it("passes the server's message through for a refused sign-in", () => {
    const info = describeApiError(fromServer('UNAUTHORIZED', 401, 'Email or password is wrong.'), SERVER);
    expect(info).toEqual({ kind: 'unauthorized', message: 'Email or password is wrong.', retryable: false });
  });

  it('says the server could not be reached when the request never got an answer', () => {
    const info = describeApiError(TRPCClientError.from(new TypeError('Failed to fetch')), SERVER);
    expect(info.kind).toBe('unreachable');
    expect(info.message).toContain(SERVER);
    expect(info.retryable).toBe(true);
  });

  it('treats rate limits and server failures as retryable, input errors as not', () => {
    expect(describeApiError(fromServer('TOO_MANY_REQUESTS', 429, 'Slow down'), SERVER)).toMatchObject({ kind: 'rate-limited', retryable: true });
    expect(describeApiError(fromServer('INTERNAL_SERVER_ERROR', 500, 'boom'), SERVER)).toMatchObject({ kind: 'server', retryable: true });
    expect(describeApiError(fromServer('BAD_REQUEST', 400, 'email: too short'), SERVER)).toMatchObject({ kind: 'invalid', retryable: false, message: 'email: too short' });
  });

  it('reads the code only from an error that came from the server', () => {
    expect(serverErrorCode(fromServer('FORBIDDEN', 403, 'no'))).toBe('FORBIDDEN');
    expect(serverErrorCode(new Error('x'))).toBeNull();
    expect(serverErrorCode('nope')).toBeNull();
  });
});
