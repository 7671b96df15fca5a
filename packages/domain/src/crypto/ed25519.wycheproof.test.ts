/**
 * Every case of Wycheproof's Ed25519 verification vectors
 * (test/vectors/wycheproof-ed25519/SOURCE: C2SP/wycheproof @ dac1dd47,
 * testvectors_v1/ed25519_test.json, Apache-2.0) must get exactly its
 * expected verdict through verifyEd25519, in Node and in Chromium.
 *
 * The file has only "valid" and "invalid" results — no "acceptable" (legacy)
 * ones — so there is no case where either verdict would do; the test fails
 * if a later copy of the file brings one in, so the choice is made then.
 */
import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/wycheproof-ed25519/ed25519_test.json' with { type: 'json' };
import { importEd25519PublicKey, verifyEd25519 } from './ed25519.ts';
import { decodeHex } from './encoding.ts';

interface WycheproofCase {
  readonly tcId: number;
  readonly comment: string;
  readonly flags: readonly string[];
  readonly msg: string;
  readonly sig: string;
  readonly result: string;
}

function hex(text: string): Uint8Array {
  const decoded = decodeHex(text);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

const groups = vectors.testGroups.map((group) => {
  const tests: readonly WycheproofCase[] = group.tests;
  return { publicKey: hex(group.publicKey.pk), tests };
});
const cases = groups.flatMap((group) => group.tests.map((test) => ({ ...test, publicKey: group.publicKey })));

describe('Ed25519 against Wycheproof ed25519_test.json', () => {
  it('has the cases this test was written against', () => {
    expect(vectors.algorithm).toBe('EDDSA');
    expect(cases).toHaveLength(vectors.numberOfTests);
    expect(cases).toHaveLength(151);
    expect(new Set(cases.map((c) => c.result))).toEqual(new Set(['valid', 'invalid']));
  });

  it('gives every case its expected verdict with a raw public key', async () => {
    const mismatches: string[] = [];
    for (const test of cases) {
      const verdict = await verifyEd25519(test.publicKey, hex(test.msg), hex(test.sig));
      if (verdict !== (test.result === 'valid')) mismatches.push(`tcId ${test.tcId} (${test.flags.join(', ')}): expected ${test.result}, got ${String(verdict)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives every case the same verdict with a pre-imported public key', async () => {
    const mismatches: number[] = [];
    for (const group of groups) {
      const key = await importEd25519PublicKey(group.publicKey);
      if (!key.ok) throw new Error(key.error.message);
      for (const test of group.tests) {
        const verdict = await verifyEd25519(key.value, hex(test.msg), hex(test.sig));
        if (verdict !== (test.result === 'valid')) mismatches.push(test.tcId);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
