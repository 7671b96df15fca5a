/**
 * Scheduled report runs delivered to webhooks, on both databases: a tenant
 * that subscribes to its reportRuns receives each run's audit event through
 * the webhooks outbox (signed like every delivery), with the artifact's
 * SHA-256 and path; the receiver downloads the artifact with its own
 * credentials and it hashes to what the delivery said. Another tenant's
 * subscription receives nothing of it.
 */
import { createHash } from 'node:crypto';
import type { AuditEvent, Report } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/integrations/webhooks/signature.ts';
import { SCHEDULER_ACTOR_ID } from '../src/reports/scheduled-run.ts';
import { DATABASE_KINDS } from './databases.ts';
import type { Harness } from './harness.ts';
import { startIntegrationServers, startReceiver, type Receiver } from './integrations-harness.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

interface Delivered {
  readonly type: string;
  readonly tenantId: string;
  readonly data: { readonly event: AuditEvent };
}

describe.each(DATABASE_KINDS)('report runs delivered to webhooks on %s', { timeout: 120_000 }, (kind) => {
  let h: Harness;
  let receiver: Receiver;
  beforeAll(async () => {
    ({ h } = await startIntegrationServers(kind));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it('delivers each scheduled run with its SHA-256 and artifact path; the artifact downloads and matches', async () => {
    const acmeAdmin = await h.signIn(email('acme', 'admin'));
    const hook = await acmeAdmin.webhooks.create.mutate({ tenantId: WORLD.acme.id, url: `${receiver.url}/acme`, collections: ['reportRuns'], actions: ['reportRun.*'] });
    const globexAdmin = await h.signIn(email('globex', 'admin'));
    await globexAdmin.webhooks.create.mutate({ tenantId: WORLD.globex.id, url: `${receiver.url}/globex`, actions: ['*'] });

    const { token } = await h.client().auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD });
    const services = h.steward.services;
    const report: Report = {
      id: services.newId(), tenantId: WORLD.acme.id, revision: 0, updatedAt: services.now(), _deleted: false,
      name: 'Access review every second', template: 'access-review', schedule: '* * * * * *', format: 'pdf',
      parameters: { tenantIds: [WORLD.acme.id], from: null, to: null, filters: {} },
    };
    expect(await h.client(token).sync.push.mutate({ collection: 'reports', rows: [{ assumedMasterState: null, newDocumentState: report }] })).toEqual({ conflicts: [], rejections: [] });

    await receiver.until((got) => got.some((d) => d.path === '/acme'));
    const delivery = receiver.received.find((d) => d.path === '/acme');
    if (delivery === undefined) throw new Error('no delivery');
    expect(verifySignature(hook.secret, String(delivery.headers['steward-signature']), delivery.rawBody, Math.floor(Date.now() / 1000))).toBe(true);
    const body = JSON.parse(delivery.rawBody) as Delivered;
    expect(body).toMatchObject({ type: 'reportRun.create', tenantId: WORLD.acme.id, data: { event: { actorId: SCHEDULER_ACTOR_ID, actorType: 'system', outcome: 'success', resourceType: 'reportRun' } } });
    const context = body.data.event.context;
    expect(context).toMatchObject({ collection: 'reportRuns', reportId: report.id, template: 'access-review', format: 'pdf' });
    const artifactPath = context['artifactPath'];
    expect(artifactPath).toBe(`/reports/runs/${body.data.event.resourceId}/artifact`);

    // The receiver fetches the artifact with its own credentials; it is what the delivery announced.
    const response = await fetch(`${h.url}${typeof artifactPath === 'string' ? artifactPath : ''}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const digest = createHash('sha256').update(new Uint8Array(await response.arrayBuffer())).digest('hex');
    expect(digest).toBe(context['sha256']);

    // The run is an audit event in the ledger (that is what was delivered), and globex's hook got none of acme's runs.
    const stored = await services.db.selectFrom('documents').select('body').where('collection', '=', 'auditEvents').where('id', '=', body.data.event.id).executeTakeFirstOrThrow();
    expect((JSON.parse(stored.body) as AuditEvent).ledgerIndex).toEqual(expect.any(Number));
    const toGlobex = receiver.received.filter((d) => d.path === '/globex').map((d) => JSON.parse(d.rawBody) as Delivered);
    expect(toGlobex.filter((d) => d.tenantId !== WORLD.globex.id || d.type.startsWith('reportRun'))).toEqual([]);
  });
});
