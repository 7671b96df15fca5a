/**
 * The REST API end to end on both databases: pages equal sync.pull's (the
 * cursor is its sealed checkpoint), another tenant's documents are 404 to
 * read and 403 to write, refusals carry the domain's code and reason, an API
 * key's rate limit answers 429 with Retry-After, and every call with a key
 * is audited. The OpenAPI document is valid 3.1, covers every collection,
 * and documents exactly the statuses the routes answered here.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { COLLECTIONS, type AuditEvent } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentName, errorBodySchema, pageSchema } from '../src/integrations/rest/schemas.ts';
import { BODY_LIMIT_BYTES } from '../src/server.ts';
import { userDoc } from '../src/seed/builders.ts';
import { DATABASE_KINDS } from './databases.ts';
import type { Client, Harness } from './harness.ts';
import { RestCaller, startIntegrationServers } from './integrations-harness.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const userId = (n: number): string => `01900000-0000-7000-9000-${(0x500 + n).toString(16).padStart(12, '0')}`;

function errorOf(body: unknown) {
  return errorBodySchema.parse(body).error;
}

describe.each(DATABASE_KINDS)('REST API on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  let rest: RestCaller;
  let adminToken: string;
  let admin: Client;
  beforeAll(async () => {
    ({ h } = await startIntegrationServers(kind));
    rest = new RestCaller(h.url);
    ({ token: adminToken } = await h.client().auth.login.mutate({ email: email('acme', 'admin'), password: WORLD_PASSWORD }));
    admin = h.client(adminToken);
  });
  afterAll(() => h.close());

  it('pages through a collection exactly as sync.pull does, the cursor being its sealed checkpoint', async () => {
    for (const [token, client] of [[adminToken, admin] as const, await keyWith(['user:read', 'role:read'])]) {
      for (const collection of ['users', 'roleAssignments'] as const) {
        let cursor: string | undefined;
        let checkpoint = null;
        for (let page = 0; page < 10; page++) {
          const restPage = await rest.call('GET', `/api/v1/${collection}?limit=2${cursor === undefined ? '' : `&cursor=${cursor}`}`, { token });
          const trpcPage = await client.sync.pull.query({ collection, checkpoint, limit: 2 });
          expect(restPage.status).toBe(200);
          const parsed = pageSchema(collection).parse(restPage.body);
          expect(parsed.documents).toEqual(trpcPage.documents);
          expect(JSON.parse(Buffer.from(parsed.cursor, 'base64url').toString('utf8'))).toEqual(trpcPage.checkpoint);
          cursor = parsed.cursor;
          checkpoint = trpcPage.checkpoint;
          if (parsed.documents.length < 2) break;
        }
      }
    }
  });

  it('reads one document only where the caller may, with one 404 for "not yours" and "no such id"', async () => {
    const own = await rest.call('GET', `/api/v1/users/${WORLD.acme.member}`, { token: adminToken });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: WORLD.acme.member, tenantId: WORLD.acme.id });
    const theirs = await rest.call('GET', `/api/v1/users/${WORLD.globex.member}`, { token: adminToken });
    const unknown = await rest.call('GET', `/api/v1/users/${userId(0xfff)}`, { token: adminToken });
    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(theirs.body).toEqual(unknown.body);
    expect(JSON.stringify(theirs.body)).not.toContain(WORLD.globex.member);
  });

  it('writes through sync.push: 201, a retry 200, a stale revision 409 with the current state', async () => {
    const doc = { ...userDoc(userId(1), WORLD.acme.id, 'rest@acme.test', 'Made over REST', NOW), revision: 0 };
    const created = await rest.call('POST', '/api/v1/users', { token: adminToken, body: JSON.stringify(doc) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/users/${doc.id}`);
    expect(created.body).toMatchObject({ id: doc.id, revision: 1, email: 'rest@acme.test' });
    expect((await rest.call('POST', '/api/v1/users', { token: adminToken, body: JSON.stringify(doc) })).status).toBe(200);
    const stored = (await rest.call('GET', `/api/v1/users/${doc.id}`, { token: adminToken })).body as Record<string, unknown>;
    const renamed = await rest.call('POST', '/api/v1/users', { token: adminToken, body: JSON.stringify({ ...stored, displayName: 'Renamed' }) });
    expect(renamed).toMatchObject({ status: 201, body: { revision: 2, displayName: 'Renamed' } });
    const stale = await rest.call('POST', '/api/v1/users', { token: adminToken, body: JSON.stringify({ ...stored, displayName: 'Stale' }) });
    expect(stale.status).toBe(409);
    expect(errorOf(stale.body)).toMatchObject({ code: 'CONFLICT', current: { id: doc.id, revision: 2, displayName: 'Renamed' } });
  });

  it("refuses a write into another tenant with 403, and leaves it as it was", async () => {
    const target = (await admin.sync.pull.query({ collection: 'users', checkpoint: null, limit: 1 })).documents;
    expect(target).toHaveLength(1);
    const globexUser = { ...userDoc(userId(2), WORLD.globex.id, 'mole@globex.test', 'Mole', NOW), revision: 0 };
    const refused = await rest.call('POST', '/api/v1/users', { token: adminToken, body: JSON.stringify(globexUser) });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body).code).toBe('FORBIDDEN');
    const globexAdmin = await h.signIn(email('globex', 'admin'));
    const globexUsers = (await globexAdmin.sync.pull.query({ collection: 'users', checkpoint: null, limit: 100 })).documents;
    expect(globexUsers.map((u) => u['id'])).not.toContain(globexUser.id);
  });

  it("answers the domain's refusals with 422 and its code and reason, the same as sync.push gives", async () => {
    const globexAdmin = await h.client().auth.login.mutate({ email: email('globex', 'admin'), password: WORLD_PASSWORD });
    const client = h.client(globexAdmin.token);
    // Globex's free plan is at 3 of 4 seats: the first new user fits, the second does not.
    const first = { ...userDoc(userId(3), WORLD.globex.id, 'fourth@globex.test', 'Fourth', NOW), revision: 0 };
    expect((await rest.call('POST', '/api/v1/users', { token: globexAdmin.token, body: JSON.stringify(first) })).status).toBe(201);
    const second = { ...userDoc(userId(4), WORLD.globex.id, 'fifth@globex.test', 'Fifth', NOW), revision: 0 };
    const refused = await rest.call('POST', '/api/v1/users', { token: globexAdmin.token, body: JSON.stringify(second) });
    expect(refused.status).toBe(422);
    const viaPush = await client.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: second }] });
    expect(errorOf(refused.body)).toEqual({ code: 'QUOTA_EXCEEDED', message: viaPush.rejections[0]?.reason });
    const invalid = await rest.call('POST', '/api/v1/users', { token: adminToken, body: JSON.stringify({ ...first, id: userId(5), tenantId: WORLD.acme.id, email: 'not an address' }) });
    expect(invalid.status).toBe(422);
    expect(errorOf(invalid.body).code).toBe('INVALID');
    expect(errorOf(invalid.body).message).toContain('email');
  });

  it('answers bad requests in its own error shape: 400, 401, 404, 413, 415', async () => {
    const cases = [
      [await rest.call('GET', '/api/v1/users'), 401, 'UNAUTHORIZED'],
      [await rest.call('GET', '/api/v1/users/whatever', { token: 'stw_s_not-a-session' }), 401, 'UNAUTHORIZED'],
      [await rest.call('POST', '/api/v1/users', { body: '{}' }), 401, 'UNAUTHORIZED'],
      [await rest.call('GET', '/api/v1/nothing', { token: adminToken }), 404, 'NOT_FOUND'],
      [await rest.call('POST', '/api/v1/nothing', { token: adminToken, body: '{}' }), 404, 'NOT_FOUND'],
      [await rest.call('GET', '/api/v1/users?limit=0', { token: adminToken }), 400, 'INVALID'],
      [await rest.call('GET', '/api/v1/users?cursor=forged', { token: adminToken }), 400, 'INVALID'],
      [await rest.call('POST', '/api/v1/users', { token: adminToken, body: '[1, 2]' }), 400, 'INVALID'],
      [await rest.call('POST', '/api/v1/users', { token: adminToken, body: '{"id":' }), 400, 'INVALID'],
      [await rest.call('POST', '/api/v1/users', { token: adminToken, body: '<user/>', contentType: 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await rest.call('POST', '/api/v1/users', { token: adminToken, body: JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT_BYTES) }) }), 413, 'PAYLOAD_TOO_LARGE'],
    ] as const;
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect(errorOf(response.body).code).toBe(code);
    }
  });

  it("limits an API key's calls with 429 and Retry-After, and audits every call it makes", async () => {
    const { id, key } = await admin.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'REST slow', permissions: ['user:read'], ratePerMinute: 2 });
    expect((await rest.call('GET', '/api/v1/users', { token: key })).status).toBe(200);
    expect((await rest.call('GET', `/api/v1/users/${WORLD.acme.admin}`, { token: key })).status).toBe(200);
    const limited = await rest.call('GET', '/api/v1/users', { token: key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(errorOf(limited.body).code).toBe('RATE_LIMITED');
    expect(errorOf(limited.body).message).toContain('2 requests a minute');
    expect((await rest.call('GET', `/api/v1/users/${WORLD.acme.admin}`, { token: key })).status).toBe(429);
    expect((await rest.call('POST', '/api/v1/users', { token: key, body: '{}' })).status).toBe(429);
    // Read from the table: on PostgreSQL a pull waits for other transactions on the cluster to settle.
    const rows = await h.steward.database.db.selectFrom('documents').select(['body', 'seq']).where('collection', '=', 'auditEvents').orderBy('seq').execute();
    const events = rows.map((row) => JSON.parse(row.body) as AuditEvent);
    const uses = events.filter((e) => e.action === 'apiKey.use' && e.actorId === id).map((e) => e.context['procedure']);
    expect(uses).toEqual(['GET /api/v1/users', 'GET /api/v1/users/{id}']);
  });

  it('publishes a valid OpenAPI 3.1 document covering every collection, documenting exactly the statuses answered', async () => {
    const response = await rest.call('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, { type?: string; properties?: Record<string, unknown> }> } };
    expect(await new Validator().validate(doc)).toEqual({ valid: true });
    expect(doc.openapi).toBe('3.1.0');
    for (const collection of COLLECTIONS) {
      expect(Object.keys(doc.paths[`/api/v1/${collection}`] ?? {}).sort(), collection).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`/api/v1/${collection}/{id}`] ?? {}), collection).toEqual(['get']);
      const schema = doc.components.schemas[componentName(collection)];
      expect(schema?.type, collection).toBe('object');
      expect(Object.keys(schema?.properties ?? {}), collection).toEqual(expect.arrayContaining(['id', 'tenantId', 'revision', 'updatedAt', '_deleted']));
    }
    const documented = new Map<string, Set<number>>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) documented.set(`${method} ${path}`, new Set(Object.keys(operation.responses).map(Number)));
    }
    // Every status a route answered in this file is documented for it…
    for (const [operation, statuses] of rest.seen) {
      if (operation.includes('/nothing')) continue; // no such collection: not a documented path
      expect([...statuses].filter((s) => !(documented.get(operation)?.has(s) ?? false)), operation).toEqual([]);
    }
    // …and every status documented for the users routes was answered by them.
    for (const operation of ['get /api/v1/users', 'get /api/v1/users/{id}', 'post /api/v1/users', 'get /api/v1/openapi.json']) {
      expect([...(documented.get(operation) ?? [])].filter((s) => !(rest.seen.get(operation)?.has(s) ?? false)), operation).toEqual([]);
    }
  });

  /** An API key of acme's admin with `permissions`, and a tRPC client using it. */
  async function keyWith(permissions: string[]): Promise<readonly [string, Client]> {
    const { key } = await admin.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: `REST ${permissions.join(' ')}`, permissions, ratePerMinute: 10_000 });
    return [key, h.client(key)] as const;
  }
});
