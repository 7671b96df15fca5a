/**
 * Stores the built-in roles as platform-wide documents, so every replica
 * has their names and permissions. They are definitions shipped with the
 * code, not anyone's act, so installing them writes no audit event; a
 * changed definition in a new release is written with the next revision.
 */
import { BUILT_IN_ROLES, canonicalize, type Role } from '@steward/domain';
import type { Services } from '../services.ts';
import { readDocument, rowOf, writeDocument } from '../store/documents.ts';

export async function ensureBuiltInRoles(services: Services): Promise<void> {
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    for (const role of BUILT_IN_ROLES) {
      const stored = await readDocument(trx, services.dialect, 'roles', role.id, { lock: true });
      const definition = { id: role.id, tenantId: null, name: role.name, description: `Built-in: ${role.name}`, scope: role.scope, permissions: [...role.permissions], inherits: [...role.inherits], exclusiveWith: [...role.exclusiveWith], builtIn: true };
      if (stored !== undefined) {
        const { revision: _r, updatedAt: _u, _deleted: _d, ...current } = stored.body;
        if (canonicalize(current) === canonicalize(definition)) continue;
      }
      const revision = (stored?.revision ?? 0) + 1;
      const body: Role = { ...definition, revision, updatedAt: now, _deleted: false };
      await writeDocument(trx, services.dialect, rowOf('roles', body));
    }
  });
}
