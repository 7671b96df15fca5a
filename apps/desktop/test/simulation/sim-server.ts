/**
 * The simulation's server: the real sync server (Fastify + tRPC over
 * SQLite) listening on 127.0.0.1:0, one for a whole run of seeds. Each seed
 * gets its own tenant and people, written directly on the server (as the
 * server's own seed does), and a session per person opened directly in the
 * sessions table (password hashing is not what is being simulated, and
 * scrypt per person per seed would dominate the run).
 *
 * A tap on the Fastify instance records every `sync.push` — who pushed which
 * rows and which of them the server refused or answered with a conflict —
 * so each device's offline intents can be traced to what the server accepted.
 */
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_ROLE_IDS, type AuditEvent, type DocumentOf } from '@steward/domain';
import { hashSecret, newSecret, SESSION_TOKEN_PREFIX } from '../../../sync-server/src/auth/tokens.ts';
import { assignmentDoc, tenantDoc, userDoc } from '../../../sync-server/src/seed/builders.ts';
import { writeSeedDocuments, type SeedDocument } from '../../../sync-server/src/seed/write-seed.ts';
import { createServer, type StewardServer } from '../../../sync-server/src/server.ts';
import { createContextInner, resolvePrincipal } from '../../../sync-server/src/trpc/context.ts';
import { appRouter } from '../../../sync-server/src/trpc/router.ts';

/** The server's tRPC procedures called in process: the same procedures an HTTP call reaches, without the socket. */
export type ServerCaller = ReturnType<typeof appRouter.createCaller>;

export interface PushRecord {
  readonly userId: string;
  /** The simulation step during which the push happened. */
  readonly step: number;
  readonly collection: string;
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly rejected: ReadonlySet<string>;
  readonly conflicted: ReadonlySet<string>;
  /** The server's state handed back for each conflicted or rejected row, by id. */
  readonly answered: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** What the device assumed the server held (the state it last synced), for each row that had one, by id. */
  readonly assumed: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export interface SimServer {
  readonly url: string;
  readonly steward: StewardServer;
  /** Pushes recorded since the last `takePushes()`. */
  takePushes(): PushRecord[];
  /** Tags the pushes that follow with a step number. */
  setStep(step: number): void;
  /** A session token for `userId`, as a sign-in would give. */
  openSession(userId: string): Promise<string>;
  /** The procedures as `token`'s holder calls them (the context an HTTP call with that bearer gets). */
  callerFor(token: string): Promise<ServerCaller>;
  close(): Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function docsById(list: unknown): Map<string, Readonly<Record<string, unknown>>> {
  return new Map(Array.isArray(list) ? list.flatMap((item) => (isRecord(item) && typeof item['id'] === 'string' ? [[item['id'], item] as const] : [])) : []);
}

function idsOf(list: unknown): Set<string> {
  return new Set(Array.isArray(list) ? list.flatMap((item) => (isRecord(item) && typeof item['id'] === 'string' ? [item['id']] : [])) : []);
}

const TMPFS_MAGIC = 0x01021994;

/**
 * Where the run's throwaway database goes: a memory file system when there is one with room
 * (the server commits with synchronous=FULL, and an fsync per push on a disk is time the run
 * spends waiting, not simulating), else the temp directory.
 */
function scratchDirectory(): string {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.type === TMPFS_MAGIC && shm.bavail * shm.bsize >= 1024 ** 3) return '/dev/shm';
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}

export async function startSimServer(): Promise<SimServer> {
  const dataDir = mkdtempSync(join(scratchDirectory(), 'steward-sim-'));
  const steward = await createServer({ config: { port: 0, host: '127.0.0.1', db: `sqlite:${join(dataDir, 'sim.db')}`, dataDir }, logger: false });
  const users = new Map<string, string>();
  let pushes: PushRecord[] = [];
  let step = 0;
  steward.server.addHook('onSend', async (request, _reply, payload) => {
    // The console calls one procedure a request (api/client.ts: `httpLink`, no batching): `/trpc/sync.push`, the input as the body.
    if (request.url.split('?')[0] !== '/trpc/sync.push') return payload;
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const input: unknown = typeof request.body === 'string' ? JSON.parse(request.body) : request.body;
    const text = payload instanceof Response ? await payload.clone().text() : typeof payload === 'string' ? payload : '';
    const answer: unknown = text === '' ? undefined : JSON.parse(text);
    const data = isRecord(answer) && isRecord(answer['result']) ? answer['result']['data'] : undefined;
    if (!isRecord(input) || !isRecord(data)) return payload;
    const sent = Array.isArray(input['rows']) ? input['rows'].filter((row: unknown) => isRecord(row) && isRecord(row['newDocumentState'])) as { newDocumentState: Record<string, unknown>; assumedMasterState?: unknown }[] : [];
    const rows = sent.map((row) => row.newDocumentState);
    const assumed = new Map(sent.flatMap((row) => (isRecord(row.assumedMasterState) ? [[String(row.newDocumentState['id']), row.assumedMasterState] as const] : [])));
    pushes.push({
      userId: users.get(hashSecret(token)) ?? 'unknown',
      step,
      collection: String(input['collection']),
      rows,
      rejected: idsOf(data['rejections']),
      conflicted: idsOf(data['conflicts']),
      answered: docsById(data['conflicts']),
      assumed,
    });
    return payload;
  });
  const url = await steward.start();
  return {
    url,
    steward,
    takePushes: () => {
      const taken = pushes;
      pushes = [];
      return taken;
    },
    setStep: (n) => {
      step = n;
    },
    openSession: async (userId) => {
      const token = newSecret(SESSION_TOKEN_PREFIX);
      const now = new Date();
      await steward.services.db
        .insertInto('sessions')
        .values({ token_hash: hashSecret(token), user_id: userId, device_id: null, created_at: now.toISOString(), expires_at: new Date(now.getTime() + 86_400_000).toISOString(), revoked_at: null })
        .execute();
      users.set(hashSecret(token), userId);
      return token;
    },
    callerFor: async (token) => appRouter.createCaller(createContextInner(steward.services, await resolvePrincipal(steward.services, token), token)),
    close: async () => {
      await steward.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The people of one seed's tenant, one per device. */
export const SIM_PEOPLE = [
  { key: 'admin-1', role: BUILT_IN_ROLE_IDS.tenantAdmin },
  { key: 'admin-2', role: BUILT_IN_ROLE_IDS.tenantAdmin },
  { key: 'officer-1', role: BUILT_IN_ROLE_IDS.complianceOfficer },
  { key: 'officer-2', role: BUILT_IN_ROLE_IDS.complianceOfficer },
  { key: 'member', role: BUILT_IN_ROLE_IDS.member },
] as const;

export interface SimWorld {
  readonly tenantId: string;
  readonly people: readonly { readonly key: string; readonly userId: string; readonly assignmentId: string }[];
  readonly eventIds: readonly string[];
  readonly runId: string;
  readonly stepId: string;
}

/**
 * One seed's tenant: team plan with one seat left (six seats, five people),
 * two admins (also compliance officers), two officers, a member; a few audit events to review; a
 * two-approval workflow with one pending run, requested by `requester`.
 */
export async function seedSimWorld(server: SimServer, seed: number, newId: () => string, requesterIndex: number): Promise<SimWorld> {
  const { services } = server.steward;
  const now = services.now();
  const tenantId = newId();
  const docs: SeedDocument[] = [{ collection: 'tenants', doc: tenantDoc(tenantId, `sim-${seed}`, `Simulated ${seed}`, 'team', now, { seats: SIM_PEOPLE.length + 1 }) }];
  const people = SIM_PEOPLE.map((person) => ({ key: person.key, userId: newId(), assignmentId: newId(), role: person.role }));
  // The admins also manage the account (plan, status, quota overrides: tenant:manage), so plan changes race too.
  const accountManager = newId();
  docs.push({ collection: 'roles', doc: { id: accountManager, tenantId, revision: 1, updatedAt: now, _deleted: false, name: 'Account manager', description: 'Plan and quota settings', scope: 'tenant', permissions: ['tenant:manage'], inherits: [], exclusiveWith: [], builtIn: false } });
  for (const p of people) {
    docs.push({ collection: 'users', doc: userDoc(p.userId, tenantId, `${p.key}@sim-${seed}.test`, `${p.key} ${seed}`, now) });
    docs.push({ collection: 'roleAssignments', doc: assignmentDoc(p.assignmentId, tenantId, p.userId, p.role, people[0]?.userId ?? p.userId, now) });
    // Admins are also compliance officers, so they hold every permission of the auditor role and may grant it (no escalation).
    if (p.role === BUILT_IN_ROLE_IDS.tenantAdmin) {
      docs.push({ collection: 'roleAssignments', doc: assignmentDoc(newId(), tenantId, p.userId, BUILT_IN_ROLE_IDS.complianceOfficer, people[0]?.userId ?? p.userId, now) });
      docs.push({ collection: 'roleAssignments', doc: assignmentDoc(newId(), tenantId, p.userId, accountManager, people[0]?.userId ?? p.userId, now) });
    }
  }
  const eventIds = [newId(), newId(), newId()];
  for (const [i, id] of eventIds.entries()) {
    const event: AuditEvent = {
      id, tenantId, revision: 1, updatedAt: now, _deleted: false, actorId: people[4]?.userId ?? tenantId, actorType: 'user',
      action: i === 0 ? 'session.login' : 'report.export', resourceType: 'session', resourceId: `sim-${seed}-${i}`, outcome: 'success',
      occurredAt: now, observedAt: null, context: { seed }, pii: false, complianceFlags: [], ledgerIndex: null,
    };
    docs.push({ collection: 'auditEvents', doc: event });
  }
  const workflowId = newId();
  const stepId = 'approve';
  const workflow: DocumentOf<'workflows'> = {
    id: workflowId, tenantId, revision: 1, updatedAt: now, _deleted: false, name: 'Access request', description: 'Two approvals',
    trigger: { type: 'manual' }, steps: [{ id: stepId, name: 'Approve', kind: 'approval', approverRoleIds: [BUILT_IN_ROLE_IDS.complianceOfficer, BUILT_IN_ROLE_IDS.tenantAdmin], minApprovals: 2 }], enabled: true,
  };
  const requesterId = people[requesterIndex]?.userId ?? tenantId;
  const runId = newId();
  const run: DocumentOf<'workflowRuns'> = {
    id: runId, tenantId, revision: 1, updatedAt: now, _deleted: false, workflowId, requesterId, state: 'pending',
    subject: { type: 'access.request', id: `sim-${seed}`, summary: 'Access to the payroll export' }, currentStep: 0,
    history: [{ at: now, actorId: requesterId, event: 'requested', note: '' }], approvals: [],
  };
  docs.push({ collection: 'workflows', doc: workflow }, { collection: 'workflowRuns', doc: run });
  await writeSeedDocuments(services, docs, `simulation-${seed}`);
  return { tenantId, people: people.map(({ key, userId, assignmentId }) => ({ key, userId, assignmentId })), eventIds, runId, stepId };
}
