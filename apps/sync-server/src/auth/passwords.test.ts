import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('hashes in the self-describing scrypt format with the default cost and a 16-byte salt', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, N, r, p, salt = '', hash = ''] = stored.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', String(DEFAULT_SCRYPT_PARAMS.N), '8', '1']);
    expect(DEFAULT_SCRYPT_PARAMS.N).toBe(32768);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64')).toHaveLength(32);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('reads the cost from the stored string, so older or cheaper hashes still verify', async () => {
    const cheap = await hashPassword('an older weaker hash', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('an older weaker hash', cheap)).toBe(true);
  });

  it('matches a password typed with composed or decomposed accents (NFKC)', async () => {
    const stored = await hashPassword('caf\u00e9 au lait, s\u2019il vous pla\u00eet');
    expect(await verifyPassword('cafe\u0301 au lait, s\u2019il vous plai\u0302t', stored)).toBe(true);
  });

  it('returns false, never throws, for malformed or hostile stored hashes', async () => {
    const good = await hashPassword('a perfectly fine password', { N: 1024, r: 8, p: 1 });
    const parts = good.split('$');
    const malformed = [
      '',
      'not a hash',
      'bcrypt$10$abc',
      good.replace('scrypt$', 'scrypt2$'),
      [...parts.slice(0, 5)].join('$'),
      [...parts, 'extra'].join('$'),
      ['scrypt', '1000', '8', '1', parts[4], parts[5]].join('$'), // N not a power of two
      ['scrypt', String(2 ** 30), '8', '1', parts[4], parts[5]].join('$'), // N far too large
      ['scrypt', '1024', '999', '1', parts[4], parts[5]].join('$'),
      ['scrypt', '1024', '8', '0', parts[4], parts[5]].join('$'),
      ['scrypt', '01024', '8', '1', parts[4], parts[5]].join('$'),
      ['scrypt', '1024', '8', '1', 'not base64!', parts[5]].join('$'),
      ['scrypt', '1024', '8', '1', parts[4], ''].join('$'),
      ['scrypt', '1024', '8', '1', parts[4], 'AAAA'].join('$'), // a 3-byte "hash"
    ];
    for (const stored of malformed) expect(await verifyPassword('a perfectly fine password', stored), stored).toBe(false);
  });
});

describe('password policy', () => {
  const codes = (password: string, email = 'ada.lovelace@example.com'): string[] => checkPasswordPolicy(password, email).map((p) => p.code);

  it('accepts a long, unremarkable password', () => {
    expect(checkPasswordPolicy('violet kettle harbour 42', 'ada.lovelace@example.com')).toEqual([]);
  });

  it('requires 12 to 256 characters, counted as characters rather than UTF-16 units', () => {
    expect(codes('short pass')).toEqual(['too-short']);
    expect(codes('x'.repeat(11) + 'y')).toEqual([]);
    expect(codes('ab'.repeat(129))).toEqual(['too-long']);
    expect(codes('\u{1F511}'.repeat(6) + 'abcdef')).toEqual([]);
    expect(codes('\u{1F511}'.repeat(5) + 'abcdef')).toEqual(['too-short']);
  });

  it("refuses the email's local part, in any letter case", () => {
    expect(codes('my name is Ada.Lovelace!')).toEqual(['contains-email']);
    expect(codes('harmless words ok', 'al@example.com')).toEqual([]);
  });

  it('refuses one character repeated and very common passwords', () => {
    expect(codes('aaaaaaaaaaaaaaaa')).toEqual(['repeated-character']);
    expect(codes('Password1234')).toEqual(['too-common']);
    expect(codes('QWERTY123456')).toEqual(['too-common']);
  });

  it('lists every problem at once, each with a message a person understands', () => {
    const problems = checkPasswordPolicy('aaaa', 'aaaa@example.com');
    expect(problems.map((p) => p.code)).toEqual(['too-short', 'contains-email', 'repeated-character']);
    expect(problems[0]?.message).toMatch(/at least 12 characters \(this one has 4\)/);
    for (const problem of problems) expect(problem.message).toMatch(/^[A-Z].*\.$/);
  });
});
