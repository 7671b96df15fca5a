/**
 * Password hashing and the password policy.
 *
 * Hashes are scrypt (RFC 7914) in a self-describing string,
 * `scrypt$<N>$<r>$<p>$<saltB64>$<hashB64>`, so the cost can be raised later
 * without breaking stored hashes: verification reads the parameters from the
 * string. N = 2^15, r = 8, p = 1 is OWASP's current minimum for scrypt.
 *
 * Passwords are NFKC-normalised before hashing (NIST SP 800-63B §5.1.1.2),
 * so the same password typed on two keyboards that compose characters
 * differently still matches.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;

/**
 * Bounds on parameters read back from a stored hash: a corrupted or hostile
 * row must not make one login allocate gigabytes or spin for minutes.
 */
const MAX_LOG2_N = 20;
const MAX_R = 32;
const MAX_P = 16;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** scrypt needs 128·N·r bytes; Node's default 32 MiB cap is exactly that at N=2^15, r=8, so allow twice. */
function maxmemFor({ N, r }: ScryptParams): number {
  return 2 * 128 * N * r + 1024 * 1024;
}

function deriveKey(password: string, salt: Uint8Array, params: ScryptParams, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { N: params.N, r: params.r, p: params.p, maxmem: maxmemFor(params) }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** A fresh salted scrypt hash of `password`, in the self-describing format. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await deriveKey(password, salt, params, HASH_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** Strict base64: only the one canonical spelling of the bytes is accepted. */
function decodeStrictBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === text ? bytes : undefined;
}

function parsePositiveInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-9][0-9]{0,9}$/.test(text)) return undefined;
  return Number(text);
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const N = parsePositiveInt(parts[1]);
  const r = parsePositiveInt(parts[2]);
  const p = parsePositiveInt(parts[3]);
  if (N === undefined || r === undefined || p === undefined) return undefined;
  const log2N = Math.log2(N);
  if (!Number.isInteger(log2N) || log2N < 1 || log2N > MAX_LOG2_N || r > MAX_R || p > MAX_P) return undefined;
  const salt = decodeStrictBase64(parts[4] ?? '');
  const hash = decodeStrictBase64(parts[5] ?? '');
  if (salt === undefined || hash === undefined || hash.length < 16 || hash.length > 64) return undefined;
  return { params: { N, r, p }, salt, hash };
}

/**
 * Whether `password` matches `stored`. Never throws: a malformed or
 * out-of-bounds stored hash is simply "no match". The comparison is
 * constant-time.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  try {
    const candidate = await deriveKey(password, parsed.salt, parsed.params, parsed.hash.length);
    return timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

export type PasswordProblemCode = 'too-short' | 'too-long' | 'contains-email' | 'repeated-character' | 'too-common';

export interface PasswordProblem {
  readonly code: PasswordProblemCode;
  /** Written for the person choosing the password. */
  readonly message: string;
}

/**
 * Passwords people and cracking lists reach for first. Only entries that
 * would pass every other rule matter here; shorter ones already fail the
 * length rule. Compared case-insensitively.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111222222',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  'asdfghjkl123',
  'zxcvbnm12345',
  'abcdefghijkl',
  'abc123abc123',
  'password1234',
  'password123!',
  'passwordpassword',
  'password12345',
  'mypassword123',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'administrator1',
  'changeme1234',
  'trustno1trustno1',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'starwars1234',
  'steward12345',
  'stewardpassword',
]);

/** The problems with `password` for the account `email`; empty when it is acceptable. */
export function checkPasswordPolicy(password: string, email: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const normalized = password.normalize('NFKC');
  // Count characters as people see them (code points), not UTF-16 units.
  const characters = [...normalized];
  if (characters.length < PASSWORD_MIN_LENGTH) {
    problems.push({
      code: 'too-short',
      message: `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${characters.length}). A few unrelated words make a long password easy to remember.`,
    });
  }
  if (characters.length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: 'too-long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters (this one has ${characters.length}).` });
  }
  const lower = normalized.toLowerCase();
  const localPart = email.trim().toLowerCase().split('@')[0] ?? '';
  // A one- or two-letter local part would forbid half the alphabet; only a recognisable name counts.
  if (localPart.length >= 3 && lower.includes(localPart)) {
    problems.push({ code: 'contains-email', message: 'Do not include your email name in your password: it is the first thing an attacker tries.' });
  }
  const first = characters[0];
  if (first !== undefined && characters.length > 1 && characters.every((c) => c === first)) {
    problems.push({ code: 'repeated-character', message: 'Do not use one character repeated: pick something less predictable.' });
  }
  if (COMMON_PASSWORDS.has(lower)) {
    problems.push({ code: 'too-common', message: 'This password is on lists of the most common passwords. Choose one that is not.' });
  }
  return problems;
}
