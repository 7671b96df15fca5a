/** Sign in, sign out, and who am I. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { User } from '@steward/domain';
import { findCredentialsByEmail } from '../../auth/credentials.ts';
import { login, logout, type LoginResult } from '../../auth/login.ts';
import { ANONYMOUS_ACTOR_ID, recordAuditEvents } from '../../ledger/record.ts';
import type { Services } from '../../services.ts';
import { actorIdOf, type Principal } from '../../sync/principal.ts';
import { readDocument } from '../../store/documents.ts';
import { certifyDevice } from '../../keys/device-certificate.ts';
import { enrolKey, homeTenantOf, revokeKey } from '../../keys/signing-keys.ts';
import { authedProcedure, domainError, publicProcedure, router } from '../trpc.ts';

const loginInput = z.strictObject({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(256),
  deviceName: z.string().min(1).max(100).optional(),
  devicePublicKey: z.string().max(64).optional(),
});

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const { services } = ctx;
    const result = await login(services.db, input, new Date(services.now()));
    await auditLogin(services, input.email, result);
    if (!result.ok) throw new TRPCError({ code: result.reason === 'invalid-device' ? 'BAD_REQUEST' : 'UNAUTHORIZED', message: result.message });
    const user = await readDocument(services.db, services.dialect, 'users', result.userId);
    return { token: result.token, expiresAt: result.expiresAt, deviceId: result.deviceId, user: user?.body ?? { id: result.userId } };
  }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.bearer === null || ctx.principal.kind !== 'user') return { loggedOut: false };
    return { loggedOut: await logout(ctx.services.db, ctx.bearer, new Date(ctx.services.now())) };
  }),

  /**
   * The server's certificate for the signed-in device's public key (registered at login),
   * which signed exports carry so an auditor can tie the device's signature to this server.
   */
  deviceCertificate: authedProcedure.query(async ({ ctx }) => {
    const { principal, services } = ctx;
    const deviceId = principal.kind === 'user' ? principal.deviceId : null;
    const device = deviceId === null ? undefined : await services.db.selectFrom('devices').select(['id', 'user_id', 'name', 'public_key', 'revoked_at']).where('id', '=', deviceId).executeTakeFirst();
    if (principal.kind !== 'user' || device === undefined || device.public_key === null) {
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This session has no device key: sign in with a device name and public key, or enrol one (auth.enrolKey).' });
    }
    if (device.revoked_at !== null) throw domainError({ code: 'FORBIDDEN', message: `This device's key was revoked at ${device.revoked_at}; the server no longer certifies it.` });
    const signed = await certifyDevice(services.serverKey, { deviceId: device.id, holderType: 'user', holderId: device.user_id, deviceName: device.name, devicePublicKey: device.public_key }, new Date(services.now()));
    if (!signed.ok) throw domainError(signed.error);
    return { ...signed.value, serverPublicKeyPem: services.serverKey.publicKeyPem };
  }),

  /**
   * Enrols a signing key and returns its certificate: for a person, the key of the device
   * they are signed in on (the session is linked to it); for an API key, its export key.
   */
  enrolKey: authedProcedure.input(z.strictObject({ deviceName: z.string().min(1).max(100), devicePublicKey: z.string().max(64) })).mutation(async ({ ctx, input }) => {
    const { services, principal } = ctx;
    const enrolled = await enrolKey(services, principal, ctx.bearer, input);
    if (!enrolled.ok) throw domainError(enrolled.error);
    await auditKey(services, principal, 'signingKey.enrol', enrolled.value.deviceId, { name: input.deviceName });
    return enrolled.value;
  }),

  /** Revokes one of the caller's signing keys: the server no longer certifies it or authorises it for exports. */
  revokeKey: authedProcedure.input(z.strictObject({ deviceId: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const { services, principal } = ctx;
    const revoked = await revokeKey(services, principal, input.deviceId);
    if (!revoked.ok) throw domainError(revoked.error);
    await auditKey(services, principal, 'signingKey.revoke', input.deviceId, { sessionsEnded: revoked.value.sessionsEnded });
    return revoked.value;
  }),

  me: authedProcedure.query(async ({ ctx }) => {
    const { principal, services } = ctx;
    if (principal.kind === 'apiKey') return { kind: 'apiKey' as const, keyId: principal.keyId, tenantId: principal.tenantId, permissions: [...principal.permissions] };
    const user = await readDocument(services.db, services.dialect, 'users', principal.userId);
    return { kind: 'user' as const, user: user?.body ?? null, deviceId: principal.deviceId };
  }),
});

async function auditKey(services: Services, principal: Principal, action: string, deviceId: string, context: Record<string, string | number>): Promise<void> {
  await recordAuditEvents(services, [
    { tenantId: await homeTenantOf(services, principal), actorId: actorIdOf(principal), actorType: principal.kind === 'user' ? 'user' : 'apiKey', action, resourceType: 'signingKey', resourceId: deviceId, outcome: 'success', context, pii: false },
  ]);
}

/** Every sign-in attempt is an audit event, in the user's tenant when the email is known. */
async function auditLogin(services: Services, email: string, result: LoginResult): Promise<void> {
  const userId = result.ok ? result.userId : (await findCredentialsByEmail(services.db, email))?.userId;
  const user = userId === undefined ? undefined : ((await readDocument(services.db, services.dialect, 'users', userId))?.body as User | undefined);
  await recordAuditEvents(services, [
    {
      tenantId: user?.tenantId ?? null,
      actorId: userId ?? ANONYMOUS_ACTOR_ID,
      actorType: userId === undefined ? 'system' : 'user',
      action: result.ok ? 'session.login' : 'session.login-failed',
      resourceType: 'session',
      resourceId: userId ?? 'unknown',
      outcome: result.ok ? 'success' : 'denied',
      context: result.ok ? { device: result.deviceId ?? 'none' } : { reason: result.reason, email: email.slice(0, 254) },
      pii: !result.ok,
    },
  ]);
}
