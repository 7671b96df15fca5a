/**
 * A small world for server tests: tenants acme (team plan) and globex (free
 * plan, one seat left), each with an admin, an officer and a member, plus a
 * platform admin. Every password is WORLD_PASSWORD.
 */
import { BUILT_IN_ROLE_IDS } from '@steward/domain';
import { assignmentDoc, tenantDoc, userDoc } from '../src/seed/builders.ts';
import { writeSeedCredentials, writeSeedDocuments, type SeedDocument } from '../src/seed/write-seed.ts';
import type { Services } from '../src/services.ts';

export const WORLD_PASSWORD = 'correct-horse-battery-9';
const id = (n: number): string => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const WORLD = {
  acme: { id: id(0xa), admin: id(0xa1), officer: id(0xa2), member: id(0xa3) },
  globex: { id: id(0xb), admin: id(0xb1), officer: id(0xb2), member: id(0xb3) },
  platformAdmin: id(0xf1),
} as const;

export const email = (tenant: 'acme' | 'globex', who: 'admin' | 'officer' | 'member'): string => `${who}@${tenant}.test`;

export async function seedWorld(services: Services): Promise<void> {
  const now = services.now();
  const docs: SeedDocument[] = [
    { collection: 'tenants', doc: tenantDoc(WORLD.acme.id, 'acme', 'Acme', 'team', now) },
    { collection: 'tenants', doc: tenantDoc(WORLD.globex.id, 'globex', 'Globex', 'free', now, { seats: 4 }) },
    { collection: 'users', doc: userDoc(WORLD.platformAdmin, null, 'platform@steward.test', 'Platform Admin', now) },
    { collection: 'roleAssignments', doc: assignmentDoc(id(0xf01), null, WORLD.platformAdmin, BUILT_IN_ROLE_IDS.platformAdmin, WORLD.platformAdmin, now) },
  ];
  const credentials = [{ userId: WORLD.platformAdmin, email: 'platform@steward.test', password: WORLD_PASSWORD }];
  let n = 0x100;
  for (const tenant of ['acme', 'globex'] as const) {
    const t = WORLD[tenant];
    const people = [
      ['admin', t.admin, BUILT_IN_ROLE_IDS.tenantAdmin],
      ['officer', t.officer, BUILT_IN_ROLE_IDS.complianceOfficer],
      ['member', t.member, BUILT_IN_ROLE_IDS.member],
    ] as const;
    for (const [who, userId, roleId] of people) {
      docs.push({ collection: 'users', doc: userDoc(userId, t.id, email(tenant, who), `${tenant} ${who}`, now) });
      docs.push({ collection: 'roleAssignments', doc: assignmentDoc(id(n++), t.id, userId, roleId, WORLD.platformAdmin, now) });
      credentials.push({ userId, email: email(tenant, who), password: WORLD_PASSWORD });
    }
  }
  await writeSeedDocuments(services, docs, 'test-world');
  await writeSeedCredentials(services, credentials);
}
