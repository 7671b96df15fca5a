/**
 * What steward-export asks the sync server, through the tRPC client. The
 * client is untyped (a package may not depend on the server app for its
 * router type), so every answer is parsed with the schemas below: a
 * changed or hostile server yields a clear error, not a malformed bundle.
 * The builder then checks every signature and proof anyway.
 */
import { createTRPCUntypedClient, httpLink, type TRPCUntypedClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { auditEventSchema } from '@steward/domain';
import { z } from 'zod';

export type ServerClient = TRPCUntypedClient<AnyRouter>;

export function serverClient(server: string, bearer?: string): ServerClient {
  return createTRPCUntypedClient({
    links: [httpLink({ url: `${server.replace(/\/+$/, '')}/trpc`, headers: () => (bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) })],
  });
}

const filters = z.strictObject({ actions: z.array(z.string()).optional(), outcomes: z.array(z.string()).optional() });

export const prepareAnswer = z.object({
  scope: z.object({ tenantId: z.string(), tenantSlug: z.string().nullable(), from: z.string(), to: z.string(), filters }),
  checkpoint: z.object({ note: z.string(), treeSize: z.int().min(0), rootHash: z.string(), origin: z.string() }),
  serverPublicKeyPem: z.string(),
  scopeStatement: z.object({ statement: z.string(), signature: z.string() }),
  count: z.int().min(0),
  after: z.int().min(-1),
  maxPage: z.int().min(1),
  /** base64 of the report PDF, when one was asked for. */
  reportPdf: z.string().nullable(),
});

/** The hashed members of an audit event, as the domain's schema defines them; the server's storage fields are dropped. */
const auditEvent = auditEventSchema
  .pick({ action: true, actorId: true, actorType: true, complianceFlags: true, context: true, id: true, observedAt: true, occurredAt: true, outcome: true, pii: true, resourceId: true, resourceType: true, tenantId: true })
  .strip();

export const eventsAnswer = z.object({
  events: z.array(auditEvent),
  proofs: z.object({
    nodes: z.array(z.string()),
    proofs: z.array(z.object({ eventId: z.string(), index: z.int().min(0), leafHash: z.string(), path: z.array(z.int().min(0)) })),
  }),
  next: z.int().nullable(),
});

export type EventsAnswer = z.infer<typeof eventsAnswer>;

export const loginAnswer = z.object({ token: z.string(), deviceId: z.string().nullable() });
export const certificateAnswer = z.object({ certificate: z.string(), signature: z.string(), serverPublicKeyPem: z.string() });
export type CertificateAnswer = z.infer<typeof certificateAnswer>;

/** The answer parsed, or a message naming the procedure. */
export function parseAnswer<T>(schema: z.ZodType<T>, procedure: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`the server's answer to ${procedure} is not what steward-export understands: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}
