/**
 * Scheduled reports on the real server: a definition pushed by an officer
 * with a cron schedule runs on its own, its run is stored as a reportRuns
 * document with the artifact's SHA-256 and an audit event in the ledger, the
 * artifact downloads for those who may read it, and the tenant's monthly
 * report-run quota is enforced.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent, Report, ReportRun } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryArtifactStore } from '../src/reports/artifact-store.ts';
import { SCHEDULER_ACTOR_ID, runScheduledReport } from '../src/reports/scheduled-run.ts';
import { ReportScheduler } from '../src/reports/scheduler.ts';
import { writeSeedDocuments } from '../src/seed/write-seed.ts';
import type { Services } from '../src/services.ts';
import { readCollection } from '../src/store/documents.ts';
import { createServer, type StewardServer } from '../src/server.ts';
import { DATABASE_KINDS, createTestDatabase } from './databases.ts';
import { clientFor } from './harness.ts';
import { WORLD, WORLD_PASSWORD, email, seedWorld } from './world.ts';

interface Running {
  readonly url: string;
  readonly steward: StewardServer;
  /** Where the server keeps its files (artifacts under reports/). */
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The real server, listening, so its report scheduler runs (it starts when the server is ready). */
async function startServer(kind: 'sqlite' | 'postgres'): Promise<Running> {
  const db = createTestDatabase(kind);
  const steward = await createServer({ config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir }, ...(db.pgSchema === undefined ? {} : { pgSchema: db.pgSchema }), logger: false });
  await seedWorld(steward.services);
  const url = await steward.start();
  return {
    url,
    steward,
    dataDir: db.dataDir,
    close: async () => {
      await steward.stop();
      await db.dispose();
    },
  };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function reportDoc(services: Services, tenantId: string, overrides: Partial<Report> = {}): Report {
  return {
    id: services.newId(), tenantId, revision: 0, updatedAt: services.now(), _deleted: false,
    name: 'Access review every second', template: 'access-review', schedule: null, format: 'pdf',
    parameters: { tenantIds: [tenantId], from: null, to: null, filters: { includeExpired: true } },
    ...overrides,
  };
}

async function bodies<T>(services: Services, collection: string): Promise<T[]> {
  return (await readCollection(services.db, collection, { tenants: 'all', platform: true })).map((d) => d.body as T);
}

async function tokenOf(url: string, who: string): Promise<string> {
  return (await clientFor(url).auth.login.mutate({ email: who, password: WORLD_PASSWORD })).token;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(DATABASE_KINDS)('scheduled reports on %s', { timeout: 60_000 }, (kind) => {
  let harness: Running | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('runs a pushed definition on its cron, stores the run with its SHA-256 and an audit event, and serves the artifact to its readers only', async () => {
    harness = await startServer(kind);
    const { services } = harness.steward;
    const officer = await tokenOf(harness.url, email('acme', 'officer'));
    const report = reportDoc(services, WORLD.acme.id, { schedule: '* * * * * *' });
    const pushed = await clientFor(harness.url, officer).sync.push.mutate({ collection: 'reports', rows: [{ assumedMasterState: null, newDocumentState: report }] });
    expect(pushed).toEqual({ conflicts: [], rejections: [] });

    const run = await until('a scheduled run', async () => (await bodies<ReportRun>(services, 'reportRuns')).find((r) => r.reportId === report.id));
    expect(run).toMatchObject({ tenantId: WORLD.acme.id, requestedBy: SCHEDULER_ACTOR_ID, status: 'succeeded', format: 'pdf', revision: 1, signature: null, scope: { tenantIds: [WORLD.acme.id], from: null } });
    const stored = readFileSync(join(harness.dataDir, 'reports', run.sha256 ?? ''));
    expect(sha256(stored)).toBe(run.sha256);
    expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
    expect(run.sizeBytes).toBe(stored.length);

    const audit = (await bodies<AuditEvent>(services, 'auditEvents')).find((e) => e.action === 'reportRun.create' && e.resourceId === run.id);
    expect(audit).toMatchObject({ tenantId: WORLD.acme.id, actorId: SCHEDULER_ACTOR_ID, actorType: 'system', outcome: 'success', context: { reportId: report.id, sha256: run.sha256, template: 'access-review', format: 'pdf' } });
    expect(audit?.ledgerIndex).toEqual(expect.any(Number));

    const download = (token?: string) => fetch(`${harness?.url ?? ''}/reports/runs/${run.id}/artifact`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    const ok = await download(officer);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(ok.headers.get('x-content-sha256')).toBe(run.sha256);
    expect(sha256(new Uint8Array(await ok.arrayBuffer()))).toBe(run.sha256);
    expect((await download()).status).toBe(401);
    expect((await download(await tokenOf(harness.url, email('globex', 'officer')))).status).toBe(404);
    const downloads = (await bodies<AuditEvent>(services, 'auditEvents')).filter((e) => e.action === 'reportRun.download' && e.resourceId === run.id);
    expect(downloads.map((e) => e.actorId)).toEqual([WORLD.acme.officer]);
  });

  it('counts runs against the monthly quota: past it, a run is refused and audited, not stored', async () => {
    harness = await startServer(kind);
    const { services } = harness.steward;
    const now = services.now();
    // Globex is on Free: 10 report runs a month, all used.
    const used: ReportRun[] = Array.from({ length: 10 }, () => ({
      id: services.newId(), tenantId: WORLD.globex.id, revision: 1, updatedAt: now, _deleted: false, reportId: services.newId(), requestedBy: WORLD.globex.officer,
      generatedAt: now, format: 'csv', status: 'succeeded', sha256: 'a'.repeat(64), signature: null, scope: { tenantIds: [WORLD.globex.id], from: null, to: now }, sizeBytes: 10,
    }));
    await writeSeedDocuments(services, used.map((doc) => ({ collection: 'reportRuns', doc })), 'used-quota');
    const report = reportDoc(services, WORLD.globex.id, { template: 'quota-usage', format: 'csv', parameters: { tenantIds: [], from: null, to: null, filters: {} } });
    const outcome = await runScheduledReport(services, memoryArtifactStore(), report, Date.parse(now));
    expect(outcome.status).toBe('refused');
    expect(outcome.status === 'refused' && outcome.issue.code).toBe('QUOTA_EXCEEDED');
    expect((await bodies<ReportRun>(services, 'reportRuns')).filter((r) => r.reportId === report.id)).toEqual([]);
    const denied = (await bodies<AuditEvent>(services, 'auditEvents')).find((e) => e.action === 'reportRun.denied' && e.context['reportId'] === report.id);
    expect(denied).toMatchObject({ tenantId: WORLD.globex.id, actorType: 'system', outcome: 'denied', context: { code: 'QUOTA_EXCEEDED' } });
    expect(denied?.context['reason']).toMatch(/report runs/i);
  });

  it('stores one run when two processes fire the same schedule at the same time', async () => {
    harness = await startServer(kind);
    const { services } = harness.steward;
    const report = reportDoc(services, WORLD.acme.id, { format: 'json' });
    const at = Date.parse('2030-01-01T06:00:00.000Z');
    const outcomes = await Promise.all([runScheduledReport(services, memoryArtifactStore(), report, at), runScheduledReport(services, memoryArtifactStore(), report, at + 300)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['duplicate', 'stored']);
    expect((await bodies<ReportRun>(services, 'reportRuns')).filter((r) => r.reportId === report.id)).toHaveLength(1);
  });

  it('records a failed run, at no cost, for a definition it cannot run, saying why', async () => {
    harness = await startServer(kind);
    const { services } = harness.steward;
    const misspelt = reportDoc(services, WORLD.acme.id, { parameters: { tenantIds: [WORLD.acme.id], from: null, to: null, filters: { includeExpird: true } } });
    const elsewhere = reportDoc(services, WORLD.acme.id, { parameters: { tenantIds: [WORLD.acme.id, WORLD.globex.id], from: null, to: null, filters: {} } });
    const store = memoryArtifactStore();
    const [a, b] = [await runScheduledReport(services, store, misspelt, Date.now()), await runScheduledReport(services, store, elsewhere, Date.now())];
    expect(a.status === 'failed' && a.reason).toMatch(/filters\.includeExpird is not a filter of the access-review template/);
    expect(b.status === 'failed' && b.reason).toMatch(/covers that tenant only; it also names/);
    expect(a.status === 'failed' && a.run).toMatchObject({ status: 'failed', sha256: null, sizeBytes: 0 });
    const audited = (await bodies<AuditEvent>(services, 'auditEvents')).filter((e) => e.action === 'reportRun.create' && e.outcome === 'failure');
    expect(audited.map((e) => e.context['reportId']).sort()).toEqual([misspelt.id, elsewhere.id].sort());
  });
});

describe('the report scheduler', { timeout: 60_000 }, () => {
  it('arms definitions with a schedule in UTC, re-arms an edited one, drops a deleted one, and warns about a pattern croner refuses', async () => {
    const db = createTestDatabase('sqlite');
    const steward = await createServer({ config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir }, logger: false });
    try {
      const { services } = steward;
      await seedWorld(services);
      const warnings: string[] = [];
      const scheduler = new ReportScheduler({ services, store: memoryArtifactStore(), log: { info: () => undefined, warn: (_details, message) => warnings.push(message) } });
      const daily = reportDoc(services, WORLD.acme.id, { schedule: '0 6 * * *', revision: 1 });
      const broken = reportDoc(services, WORLD.acme.id, { schedule: '99 * * * *', revision: 1 });
      const onDemand = reportDoc(services, WORLD.acme.id, { revision: 1 });
      await writeSeedDocuments(services, [daily, broken, onDemand].map((doc) => ({ collection: 'reports', doc })), 'reports');
      await scheduler.start();
      expect([...scheduler.jobs.keys()]).toEqual([daily.id]);
      expect(scheduler.jobs.get(daily.id)?.toISOString()).toMatch(/T06:00:00\.000Z$/);
      expect(warnings).toEqual(['report schedule is not a cron expression croner accepts; not scheduled']);

      await writeSeedDocuments(services, [{ collection: 'reports', doc: { ...daily, revision: 2, schedule: '30 7 * * 1' } }], 'edit');
      await scheduler.reload();
      const next = scheduler.jobs.get(daily.id);
      expect(next?.toISOString()).toMatch(/T07:30:00\.000Z$/);
      expect(next?.getUTCDay()).toBe(1);

      await writeSeedDocuments(services, [{ collection: 'reports', doc: { ...daily, revision: 3, _deleted: true } }], 'delete');
      await scheduler.reload();
      expect(scheduler.jobs.size).toBe(0);
      await scheduler.stop();
    } finally {
      await steward.stop();
      await db.dispose();
    }
  });
});
