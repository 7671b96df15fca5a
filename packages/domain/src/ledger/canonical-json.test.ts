/**
 * RFC 8785 conformance against the reference implementation's published
 * vectors (cyberphone/json-canonicalization @ 19d51d7f, testdata/, see
 * test/vectors/rfc8785-jcs/SOURCE), and refusal of everything that is not
 * I-JSON.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError, isDomainError } from '../errors.ts';
import { decodeHex, encodeUtf8 } from '../crypto/encoding.ts';
import { MAX_DEPTH, canonicalBytes, canonicalize, withCanonicalBytes } from './canonical-json.ts';
import { baseName, jcsInputs, jcsOutHex, jcsOutputs } from './testing/vectors.ts';

function byName(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files).map(([path, text]) => [baseName(path), text]));
}

const inputs = byName(jcsInputs);
const outputs = byName(jcsOutputs);
const outHex = byName(jcsOutHex);

function hexBytes(text: string): Uint8Array {
  const decoded = decodeHex(text.replace(/\s+/g, ''));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

function refusal(value: unknown): DomainError {
  try {
    canonicalize(value);
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('canonicalize accepted a value it must refuse');
}

describe('RFC 8785 published vectors', () => {
  it('has every vector file (input, output and outhex)', () => {
    expect([...inputs.keys()].sort()).toEqual(['arrays', 'french', 'structures', 'unicode', 'values', 'weird']);
    expect([...outputs.keys()].sort()).toEqual([...inputs.keys()].sort());
    expect([...outHex.keys()].sort()).toEqual([...inputs.keys()].sort());
  });

  for (const [name, input] of inputs) {
    it(`${name}.json canonicalizes to exactly the outhex bytes`, () => {
      const parsed: unknown = JSON.parse(input);
      const expected = hexBytes(outHex.get(name) ?? '');
      expect(canonicalBytes(parsed)).toEqual(expected);
      // The output file holds the same bytes as text, and canonicalize is idempotent.
      expect(encodeUtf8(outputs.get(name) ?? '')).toEqual(expected);
      expect(canonicalize(JSON.parse(canonicalize(parsed)))).toBe(canonicalize(parsed));
    });
  }
});

describe('canonicalize', () => {
  it('sorts members by UTF-16 code units, not code points or locale', () => {
    // By code point U+1F602 would sort after U+FB33; by UTF-16 code unit its high surrogate 0xD83D sorts before 0xFB33.
    expect(canonicalize({ '\ufb33': 1, '\ud83d\ude02': 2, b: 3, B: 4, '10': 5, '9': 6 })).toBe('{"10":5,"9":6,"B":4,"b":3,"😂":2,"דּ":1}');
  });

  it('writes numbers in ECMAScript form and -0 as 0', () => {
    expect(canonicalize([-0, 1e21, 1e-7, 0.1, 2 ** 53 + 1, 5e-324, -1.5e300])).toBe('[0,1e+21,1e-7,0.1,9007199254740992,5e-324,-1.5e+300]');
  });

  it('escapes only what JSON requires, with lowercase \\u escapes', () => {
    expect(canonicalize('\u0000\b\f\n\r\t\u001f"\\/\u007f\u2028é')).toBe('"\\u0000\\b\\f\\n\\r\\t\\u001f\\"\\\\/\u007f\u2028é"');
  });

  it('accepts objects without a prototype and well-formed surrogate pairs', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['b'] = '😂';
    bare['a'] = null;
    expect(canonicalize(bare)).toBe('{"a":null,"b":"😂"}');
  });

  it('writes the same bytes as a JSON.stringify-based reference, for any JSON with any Unicode', () => {
    // JCS is JSON.stringify's string and number forms with members sorted: the reference is that, literally.
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
      }
      return JSON.stringify(value);
    };
    for (const stringUnit of ['binary', 'grapheme', 'binary-ascii'] as const) {
      fc.assert(
        fc.property(fc.jsonValue({ stringUnit }), (value) => {
          expect(canonicalBytes(value)).toEqual(encodeUtf8(reference(value)));
        }),
        { numRuns: 200 },
      );
    }
  });

  it('escapes every control character and passes every other code unit through as UTF-8', () => {
    for (let code = 0; code < 0x800; code++) {
      const text = String.fromCharCode(code);
      expect(canonicalize(text)).toBe(JSON.stringify(text));
    }
    for (const text of ['\uffff', '\ud7ff', '\ue000', '\ud800\udc00', '\udbff\udfff']) expect(canonicalBytes(text)).toEqual(encodeUtf8(JSON.stringify(text)));
  });

  it('grows its buffer for large values and stays correct afterwards', () => {
    const big = { text: 'é'.repeat(300_000), list: Array.from({ length: 5_000 }, (_, i) => i / 7) };
    expect(canonicalize(big)).toBe(JSON.stringify({ list: big.list, text: big.text }));
    expect(canonicalize({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('is unaffected by a failure part-way through the previous value', () => {
    expect(() => canonicalize({ a: 'x'.repeat(5000), b: NaN })).toThrow(DomainError);
    expect(canonicalize({ a: 1 })).toBe('{"a":1}');
  });

  it('survives being called again from inside a value it is reading (a getter)', () => {
    const sneaky = {
      get a(): string {
        return canonicalize({ inner: [1, 2] });
      },
      b: 'after',
    };
    expect(canonicalize(sneaky)).toBe('{"a":"{\\"inner\\":[1,2]}","b":"after"}');
  });

  it('hands out the bytes with a prefix, without copying', () => {
    expect(withCanonicalBytes({ a: 1 }, (bytes) => Array.from(bytes), Uint8Array.of(0))).toEqual([0, ...encodeUtf8('{"a":1}')]);
  });

  it('agrees with JSON.stringify on JSON it generates, once members are sorted', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalize(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('canonicalize refuses what is not I-JSON, with DomainError INVALID and a specific message', () => {
  const holey: unknown[] = [1];
  holey[2] = 3;
  const cases: readonly [string, unknown, RegExp][] = [
    ['NaN', { a: [1, NaN] }, /cannot canonicalize \$\.a\[1\]: NaN is not a JSON number/],
    ['Infinity', Infinity, /cannot canonicalize the value: Infinity is not a JSON number/],
    ['-Infinity', { x: -Infinity }, /\$\.x: -Infinity is not a JSON number/],
    ['a lone high surrogate in a string', { s: 'a\ud800b' }, /\$\.s: the string has a lone surrogate U\+D800 at index 1/],
    ['a lone low surrogate in a name', { ['\udc00']: 1 }, /lone surrogate U\+DC00 at index 0/],
    ['a reversed surrogate pair', ['\ude02\ud83d'], /\$\[0\]: the string has a lone surrogate U\+DE02/],
    ['undefined as a member', { a: undefined }, /\$\.a: undefined is not a JSON value/],
    ['undefined in an array', [1, undefined], /\$\[1\]: undefined is not a JSON value/],
    ['an array hole', holey, /\$\[1\]: undefined is not a JSON value/],
    ['a bigint', { n: 10n }, /\$\.n: a bigint is not a JSON number/],
    ['a function', { f: () => 1 }, /\$\.f: a function is not a JSON value/],
    ['a symbol', [Symbol('s')], /a symbol is not a JSON value/],
    // eslint-disable-next-line no-restricted-globals -- a Date is the input under test, not a clock
    ['a Date', { at: new Date(0) }, /\$\.at: a Date is not a plain JSON object/],
    ['a Map', new Map([[1, 2]]), /the value: a Map is not a plain JSON object/],
    ['a Uint8Array', { bytes: new Uint8Array(2) }, /a Uint8Array is not a plain JSON object/],
    ['a class instance', { who: new (class Actor {})() }, /\$\.who: a Actor is not a plain JSON object/],
    ['a member name needing quotes in the path', { 'a b': { c: NaN } }, /\$\["a b"\]\.c: NaN/],
  ];

  for (const [what, value, message] of cases) {
    it(`refuses ${what}`, () => {
      const error = refusal(value);
      expect(error.code).toBe('INVALID');
      expect(error.message).toMatch(message);
    });
  }

  it('refuses a cycle', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped['self'] = { back: looped };
    const error = refusal(looped);
    expect(error.code).toBe('INVALID');
    expect(error.message).toBe('cannot canonicalize $.self.back: the value contains itself (a cycle)');
    expect(error.details).toEqual({ path: '$.self.back' });
  });

  it('accepts a value seen twice that is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}');
  });

  it(`accepts ${MAX_DEPTH} levels of nesting and refuses one more`, () => {
    const nest = (levels: number): unknown => {
      let value: unknown = 0;
      for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { v: value };
      return value;
    };
    expect(canonicalize(nest(MAX_DEPTH))).toHaveLength(2 * (MAX_DEPTH / 2) + 6 * (MAX_DEPTH / 2) + 1);
    const error = refusal(nest(MAX_DEPTH + 1));
    expect(error.code).toBe('INVALID');
    expect(error.message).toMatch(`nesting is deeper than ${MAX_DEPTH} levels`);
  });

  it('refuses a very deep value without overflowing the stack', () => {
    let value: unknown = null;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(refusal(value).message).toMatch(/nesting is deeper than/);
  });
});
