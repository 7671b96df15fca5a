/**
 * The generated schemas against RxDB's own rules: dev-mode's checkSchema, a
 * real in-memory database with every collection, and RxDB's ajv validator.
 * rxdb is a devDependency used only here; the domain's runtime never imports it.
 */
import fc from 'fast-check';
import { addRxPlugin, createRxDatabase, fillWithDefaultSettings, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBDevModePlugin, checkSchema, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getValidator, wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_ARBITRARIES } from './arbitraries.ts';
import { COLLECTIONS, type CollectionName, type DocumentOf } from './collections.ts';
import { PLATFORM_TENANT_KEY, fromRxDocument, rxSchemaFor, toRxDocument, type RxCollectionSchema } from './rx-schema.ts';

/**
 * In a browser, RxDB's dev-mode plugin injects a tracking iframe from
 * rxdb.info when it is added to a database. The browser run therefore calls
 * dev-mode's checkSchema directly and skips the plugin; Node runs both.
 */
const IN_BROWSER = 'document' in globalThis;

// Our plain-object schema is RxJsonSchema-shaped, and TypeScript sees that without a cast.
const asRx = (schema: RxCollectionSchema): RxJsonSchema<Record<string, unknown>> => schema;

const sampleOf = <C extends CollectionName>(collection: C, seed: number): DocumentOf<C> => {
  const [doc] = fc.sample(DOCUMENT_ARBITRARIES[collection], { numRuns: 1, seed });
  if (doc === undefined) throw new Error('fast-check produced no sample');
  return { ...doc, _deleted: false };
};

const RX_META = { _rev: '1-0123456789abcdef', _meta: { lwt: 1 }, _attachments: {} };

describe('rxSchemaFor', () => {
  it.each(COLLECTIONS)('passes RxDB dev-mode checkSchema for %s', (collection) => {
    const schema = rxSchemaFor(collection);
    expect(() => checkSchema(asRx(schema))).not.toThrow();
    expect(schema.properties['id']?.['maxLength']).toBe(36);
    expect(schema.properties).not.toHaveProperty('_deleted');
    expect(schema.properties).not.toHaveProperty('revision');
    expect(schema.required).toContain('serverRevision');
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });

  it('stores a platform-wide tenantId as the empty string, and reads it back as null', () => {
    const role = { ...sampleOf('roles', 7), scope: 'platform' as const, tenantId: null };
    const rx = toRxDocument<'roles'>(role);
    expect(rx.tenantId).toBe(PLATFORM_TENANT_KEY);
    expect(rx.serverRevision).toBe(role.revision);
    expect(fromRxDocument('roles', { ...rx, ...RX_META })).toEqual({ ok: true, value: role });
  });

  it("accepts every valid document under RxDB's ajv validator", () => {
    for (const collection of COLLECTIONS) {
      const validate = getValidator(fillWithDefaultSettings(asRx(rxSchemaFor(collection))));
      fc.assert(
        fc.property(DOCUMENT_ARBITRARIES[collection], (doc) => {
          expect(validate({ ...toRxDocument(doc), ...RX_META })).toEqual([]);
        }),
        { numRuns: 50 },
      );
    }
  });

  it('creates an RxDB database with all ten collections, stores valid documents and rejects invalid ones', async () => {
    if (!IN_BROWSER) {
      disableWarnings();
      addRxPlugin(RxDBDevModePlugin);
    }
    const db = await createRxDatabase({
      name: `steward-schema-${IN_BROWSER ? 'browser' : 'node'}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      multiInstance: false,
    });
    try {
      const collections = await db.addCollections(
        Object.fromEntries(COLLECTIONS.map((name) => [name, { schema: asRx(rxSchemaFor(name)) }])),
      );
      expect(Object.keys(collections).sort()).toEqual([...COLLECTIONS].sort());

      for (const [index, name] of COLLECTIONS.entries()) {
        const doc = sampleOf(name, 100 + index);
        const collection: RxCollection<Record<string, unknown>> | undefined = collections[name];
        const stored = await collection?.insert(toRxDocument(doc));
        expect(stored).toBeDefined();
        const json: Readonly<Record<string, unknown>> = stored?.toJSON(true) ?? {};
        expect(fromRxDocument(name, json)).toEqual({ ok: true, value: doc });
      }

      const badUser = { ...toRxDocument(sampleOf('users', 3)), email: 'not-an-email' };
      await expect(db.collections['users']?.insert(badUser)).rejects.toMatchObject({ code: 'VD2' });
      const extraField = { ...toRxDocument(sampleOf('tenants', 4)), owner: 'someone' };
      await expect(db.collections['tenants']?.insert(extraField)).rejects.toMatchObject({ code: 'VD2' });
      const tooLong = { ...toRxDocument(sampleOf('roles', 5)), name: 'x'.repeat(121) };
      await expect(db.collections['roles']?.insert(tooLong)).rejects.toMatchObject({ code: 'VD2' });
    } finally {
      await db.close();
    }
  });
});
