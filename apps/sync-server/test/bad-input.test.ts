/**
 * Every bad input gets a specific error and changes nothing (ARCHITECTURE.md,
 * "Errors"): oversized and malformed bodies, wrong types, unknown
 * collections, bogus checkpoints, too many rows, and dead credentials.
 * Requests go over raw HTTP, since the typed client would refuse to send
 * most of them; "nothing written" is read from the documents and
 * ledger_leaves tables themselves.
 */
import { COLLECTIONS } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_LIFETIME_MS } from '../src/auth/login.ts';
import { userDoc } from '../src/seed/builders.ts';
import { BODY_LIMIT_BYTES } from '../src/server.ts';
import { MAX_PUSH_ROWS } from '../src/trpc/routers/sync.ts';

import { DATABASE_KINDS } from './databases.ts';
import { startHarness, type Harness } from './harness.ts';
import { getRaw, openEventStream, postRaw, trpcError, type RawResponse } from './raw-http.ts';
import { rowCounts, type RowCounts } from './tenant-samples.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

const COLLECTION_LIST = `must be one of ${COLLECTIONS.join(', ')}`;
const SIGN_IN_FIRST = /^Sign in first/;
const newUserId = '01900000-0000-7000-9000-0000000000c1';
const validPush = {
  collection: 'users',
  rows: [{ assumedMasterState: null, newDocumentState: { ...userDoc(newUserId, WORLD.acme.id, 'new@acme.test', 'New Person', '2026-01-01T00:00:00.000Z', 'invited'), revision: 0 } }],
};

interface InputCase {
  readonly name: string;
  readonly procedure: 'sync.pull' | 'sync.push';
  readonly input: unknown;
  /** The path of the issue that must be reported (as data.issues[].path) and, optionally, its message. */
  readonly issue: { readonly path: string; readonly message?: RegExp };
}

const pull = (checkpoint: unknown, extra: Record<string, unknown> = {}) => ({ collection: 'users', checkpoint, limit: 10, ...extra });
const cursorCheckpoint = (cursor: unknown) => ({ v: 1, cursor, scope: { tenants: [WORLD.acme.id], platform: false }, phases: [] });
const phase = { kind: 'backfill', scope: { tenants: 'all', platform: true }, exclude: { tenants: [], platform: false }, cursor: { tx: '0', seq: 0 }, upTo: { tx: '1', seq: 1 } };

const WRONG_TYPES: readonly InputCase[] = [
  { name: 'rows that are not a list', procedure: 'sync.push', input: { collection: 'users', rows: 'all' }, issue: { path: 'rows', message: /array/ } },
  { name: 'a row that is not an object', procedure: 'sync.push', input: { collection: 'users', rows: [42] }, issue: { path: 'rows.0', message: /object/ } },
  { name: 'a row with an unknown field', procedure: 'sync.push', input: { collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: {}, force: true }] }, issue: { path: 'rows.0', message: /force/ } },
  { name: 'no rows at all', procedure: 'sync.push', input: { collection: 'users' }, issue: { path: 'rows' } },
  { name: 'a collection given as a number', procedure: 'sync.push', input: { collection: 7, rows: [] }, issue: { path: 'collection' } },
  { name: 'an unknown top-level field', procedure: 'sync.push', input: { collection: 'users', rows: [], tenantId: WORLD.globex.id }, issue: { path: '', message: /tenantId/ } },
  { name: 'a limit given as a string', procedure: 'sync.pull', input: pull(null, { limit: '10' }), issue: { path: 'limit', message: /number/ } },
  { name: 'a limit of 0', procedure: 'sync.pull', input: pull(null, { limit: 0 }), issue: { path: 'limit' } },
  { name: 'a limit over the maximum', procedure: 'sync.pull', input: pull(null, { limit: 1_001 }), issue: { path: 'limit' } },
  { name: 'a fractional limit', procedure: 'sync.pull', input: pull(null, { limit: 2.5 }), issue: { path: 'limit' } },
];

const UNKNOWN_COLLECTIONS: readonly InputCase[] = ['secrets', 'Users', '__proto__', ''].flatMap((collection): InputCase[] => [
  { name: `pull of "${collection}"`, procedure: 'sync.pull', input: pull(null, { collection }), issue: { path: 'collection', message: new RegExp(COLLECTION_LIST) } },
  { name: `push to "${collection}"`, procedure: 'sync.push', input: { collection, rows: [] }, issue: { path: 'collection', message: new RegExp(COLLECTION_LIST) } },
]);

const BOGUS_CHECKPOINTS: readonly InputCase[] = [
  { name: 'a string', procedure: 'sync.pull', input: pull('latest'), issue: { path: 'checkpoint', message: /object/ } },
  { name: 'an empty object', procedure: 'sync.pull', input: pull({}), issue: { path: 'checkpoint.v' } },
  { name: 'another version', procedure: 'sync.pull', input: pull({ ...cursorCheckpoint({ tx: '0', seq: 0 }), v: 2 }), issue: { path: 'checkpoint.v' } },
  { name: 'an extra field', procedure: 'sync.pull', input: pull({ ...cursorCheckpoint({ tx: '0', seq: 0 }), admin: true }), issue: { path: 'checkpoint', message: /admin/ } },
  { name: 'a negative seq', procedure: 'sync.pull', input: pull(cursorCheckpoint({ tx: '0', seq: -1 })), issue: { path: 'checkpoint.cursor.seq' } },
  { name: 'a fractional seq', procedure: 'sync.pull', input: pull(cursorCheckpoint({ tx: '0', seq: 1.5 })), issue: { path: 'checkpoint.cursor.seq' } },
  { name: 'a seq given as a string', procedure: 'sync.pull', input: pull(cursorCheckpoint({ tx: '0', seq: '3' })), issue: { path: 'checkpoint.cursor.seq' } },
  ...['abc', '-1', '1e3', '0x10', '', '1'.repeat(21), ' 7'].map((tx): InputCase => ({
    name: `tx ${JSON.stringify(tx)}`,
    procedure: 'sync.pull',
    input: pull(cursorCheckpoint({ tx, seq: 0 })),
    issue: { path: 'checkpoint.cursor.tx', message: /decimal transaction id/ },
  })),
  { name: 'tx given as a number', procedure: 'sync.pull', input: pull(cursorCheckpoint({ tx: 12, seq: 0 })), issue: { path: 'checkpoint.cursor.tx' } },
  { name: 'too many phases', procedure: 'sync.pull', input: pull({ ...cursorCheckpoint({ tx: '0', seq: 0 }), phases: [phase, phase, phase, phase, phase] }), issue: { path: 'checkpoint.phases' } },
  { name: 'a phase of an unknown kind', procedure: 'sync.pull', input: pull({ ...cursorCheckpoint({ tx: '0', seq: 0 }), phases: [{ ...phase, kind: 'steal' }] }), issue: { path: 'checkpoint.phases.0.kind' } },
];

async function call(h: Harness, c: InputCase, token: string): Promise<RawResponse> {
  return c.procedure === 'sync.pull' ? getRaw(h.url, c.procedure, c.input, token) : postRaw(h.url, c.procedure, JSON.stringify(c.input), token);
}

/** A 400 with INVALID and the named issue. */
function expectInvalid(response: RawResponse, issue: InputCase['issue']): void {
  expect(response.status).toBe(400);
  const error = trpcError(response.text);
  expect(error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, stewardCode: 'INVALID' });
  expect(error.data.issues).toContainEqual({ path: issue.path, message: issue.message === undefined ? expect.any(String) as unknown : expect.stringMatching(issue.message) as unknown });
}

/** A 401 saying to sign in. */
function expectUnauthorized(response: RawResponse): void {
  expect(response.status).toBe(401);
  const error = trpcError(response.text);
  expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
  expect(error.message).toMatch(SIGN_IN_FIRST);
}

describe.each(DATABASE_KINDS)('bad input on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  let token: string;
  /** Added to the real time by the server's clock; moved by the session-expiry tests only. */
  let clockOffsetMs = 0;
  let before: RowCounts;
  beforeAll(async () => {
    h = await startHarness(kind, { clock: () => Date.now() + clockOffsetMs });
    ({ token } = await h.client().auth.login.mutate({ email: email('acme', 'admin'), password: WORLD_PASSWORD }));
  });
  afterAll(() => h.close());

  /** Takes the counts now; `unchanged()` then checks no document or ledger leaf was added since. */
  const track = async (): Promise<void> => {
    before = await rowCounts(h.steward.database.db);
  };
  const unchanged = async (): Promise<void> => {
    expect(await rowCounts(h.steward.database.db)).toEqual(before);
  };

  it(`refuses a body over ${BODY_LIMIT_BYTES} bytes with 413 before reading it`, async () => {
    await track();
    const row = { assumedMasterState: null, newDocumentState: { ...validPush.rows[0]?.newDocumentState, displayName: 'x'.repeat(BODY_LIMIT_BYTES) } };
    const response = await postRaw(h.url, 'sync.push', JSON.stringify({ collection: 'users', rows: [row] }), token);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toMatchObject({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    await unchanged();
  });

  it('refuses malformed JSON with 400 and the parser\'s reason', async () => {
    await track();
    for (const body of ['{"collection":', '{collection: users}', '{"collection":"users","rows":[]}}', '\u0000']) {
      const response = await postRaw(h.url, 'sync.push', body, token);
      expect(response.status, body).toBe(400);
      const error = trpcError(response.text);
      expect(error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, path: 'sync.push' });
      expect(error.message, body).toMatch(/JSON/);
    }
    await unchanged();
  });

  it('refuses a body that is JSON but not an object', async () => {
    await track();
    for (const body of ['null', '[1,2]', '"users"', '']) expectInvalid(await postRaw(h.url, 'sync.push', body, token), { path: '', message: /object/ });
    await unchanged();
  });

  describe.each([
    ['wrong types', WRONG_TYPES],
    ['unknown collections', UNKNOWN_COLLECTIONS],
    ['bogus checkpoints', BOGUS_CHECKPOINTS],
  ] as const)('%s', (_group, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s: 400 INVALID naming the field, nothing written', async (_name, c) => {
      await track();
      expectInvalid(await call(h, c, token), c.issue);
      await unchanged();
    });
  });

  it('refuses an unknown collection on the live stream with the same INVALID error', async () => {
    const stream = await openEventStream(h.url, 'sync.stream', { collections: ['users', 'secrets'] }, token);
    try {
      await stream.until(() => stream.errors.length > 0);
      expect(stream.errors[0]).toMatchObject({ data: { httpStatus: 400, stewardCode: 'INVALID', issues: [{ path: 'collections.1', message: COLLECTION_LIST }] } });
      expect(stream.items).toEqual([]);
    } finally {
      await stream.close();
    }
  });

  it(`refuses more than ${MAX_PUSH_ROWS} rows as a whole, writing none of them`, async () => {
    await track();
    const row = validPush.rows[0];
    const rows = Array.from({ length: MAX_PUSH_ROWS + 1 }, (_, i) => ({ ...row, newDocumentState: { ...row?.newDocumentState, id: `01900000-0000-7000-9000-${(0xd000 + i).toString(16).padStart(12, '0')}` } }));
    expectInvalid(await postRaw(h.url, 'sync.push', JSON.stringify({ collection: 'users', rows }), token), { path: 'rows', message: new RegExp(String(MAX_PUSH_ROWS)) });
    await unchanged();
  });

  it('refuses a document of the wrong shape per row, naming each field; only the refusal is recorded', async () => {
    await track();
    const bad = { ...validPush.rows[0]?.newDocumentState, email: 42, status: 'boss', mfaEnabled: 'yes' };
    const response = await postRaw(h.url, 'sync.push', JSON.stringify({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: bad }] }), token);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({
      result: { data: { rejections: [{ id: newUserId, code: 'INVALID', reason: expect.stringMatching(/email .*status .*mfaEnabled/s) as unknown }] } },
    });
    // The refusal is audited (one event, one ledger leaf); the user is not stored.
    expect(await rowCounts(h.steward.database.db)).toEqual({ documents: before.documents + 1, ledgerLeaves: before.ledgerLeaves + 1 });
    const stored = await h.steward.database.db.selectFrom('documents').select('id').where('collection', '=', 'users').where('id', '=', newUserId).execute();
    expect(stored).toEqual([]);
  });

  it('refuses requests without a usable credential with 401, writing nothing', async () => {
    await track();
    const body = JSON.stringify(validPush);
    expectUnauthorized(await postRaw(h.url, 'sync.push', body));
    expectUnauthorized(await postRaw(h.url, 'sync.push', body, 'stw_s_not-a-real-session-token'));
    expectUnauthorized(await postRaw(h.url, 'sync.push', body, 'x'.repeat(300)));
    const basic = await fetch(`${h.url}/trpc/sync.push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('admin@acme.test:pw').toString('base64')}` }, body });
    expectUnauthorized({ status: basic.status, text: await basic.text() });
    await unchanged();
  });

  it('refuses a session token after logout, for every procedure, writing nothing', async () => {
    const { token: session } = await h.client().auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD });
    expect(JSON.parse((await postRaw(h.url, 'auth.logout', '{}', session)).text)).toEqual({ result: { data: { loggedOut: true } } });
    await track();
    expectUnauthorized(await postRaw(h.url, 'sync.push', JSON.stringify(validPush), session));
    expectUnauthorized(await getRaw(h.url, 'sync.pull', pull(null), session));
    expectUnauthorized(await getRaw(h.url, 'auth.me', undefined, session));
    expectUnauthorized(await postRaw(h.url, 'auth.logout', '{}', session));
    await unchanged();
  });

  it('refuses a session issued under a clock in the past, once its lifetime has run out', async () => {
    clockOffsetMs = -(SESSION_LIFETIME_MS + 60_000);
    try {
      const { token: old } = await h.client().auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD });
      clockOffsetMs = 0;
      await track();
      expectUnauthorized(await postRaw(h.url, 'sync.push', JSON.stringify(validPush), old));
      expectUnauthorized(await getRaw(h.url, 'sync.pull', pull(null), old));
      await unchanged();
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('refuses a session once the server clock passes its expiry (and accepts it just before)', async () => {
    const issuedAt = Date.now();
    clockOffsetMs = 0;
    const { token: session, expiresAt } = await h.client().auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD });
    try {
      expect(Date.parse(expiresAt) - issuedAt).toBeLessThanOrEqual(SESSION_LIFETIME_MS + 5_000);
      await track();
      clockOffsetMs = Date.parse(expiresAt) - Date.now() - 2_000;
      expect((await getRaw(h.url, 'sync.pull', pull(null), session)).status).toBe(200);
      clockOffsetMs = Date.parse(expiresAt) - Date.now() + 1;
      expectUnauthorized(await getRaw(h.url, 'sync.pull', pull(null), session));
      expectUnauthorized(await postRaw(h.url, 'sync.push', JSON.stringify(validPush), session));
      await unchanged();
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('gives input errors a readable top-level message, not a JSON dump of zod issues', async () => {
    const error = trpcError((await getRaw(h.url, 'sync.pull', pull(null, { collection: 'secrets' }), token)).text);
    expect(error.message).not.toMatch(/^\[/);
    expect(error.message).toMatch(/collection/);
  });
});
