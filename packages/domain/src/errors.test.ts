import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CODES, err, isDomainError, issue, ok } from './errors.ts';

describe('errors', () => {
  it('carries a code, a message and details', () => {
    const e = new DomainError('QUOTA_EXCEEDED', 'Seat limit of 5 reached', { limit: 'seats', max: 5 });
    expect(e).toBeInstanceOf(Error);
    expect(isDomainError(e)).toBe(true);
    expect(e.toIssue()).toEqual({ code: 'QUOTA_EXCEEDED', message: 'Seat limit of 5 reached', details: { limit: 'seats', max: 5 } });
  });

  it('lists exactly the contract codes', () => {
    expect([...ERROR_CODES]).toEqual(['FORBIDDEN', 'QUOTA_EXCEEDED', 'INVALID', 'IMMUTABLE', 'CONFLICT']);
  });

  it('builds results', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(err(issue('INVALID', 'bad'))).toEqual({ ok: false, error: { code: 'INVALID', message: 'bad' } });
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
