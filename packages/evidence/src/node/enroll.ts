/**
 * `steward-export enroll`: creates a signing key for scripted exports and
 * has the server certify it. The key is generated here (never sent); the
 * server's certificate is checked and both go into a new 0600 key file.
 *
 * - With --email (a person): the public half is registered by signing in
 *   with it (auth.login with a device public key) and the certificate is
 *   fetched (auth.deviceCertificate); the enrolment session is signed out
 *   at the end: the certificate, not the session, is what bundles carry.
 * - With --api-key (an integrator's pipeline): the key is registered as the
 *   API key's export key (auth.enrolKey, authenticated by the API key).
 */
import { readFile } from 'node:fs/promises';
import { decodeBase64, encodeBase64, encodeUtf8, exportEd25519Seed, generateEd25519KeyPair, type Ed25519KeyPair } from '@steward/domain';
import { verifyDeviceCertificate } from '../certificate.ts';
import { ed25519PublicKeyFromPem } from '../pem.ts';
import { writeDeviceKey } from './key-file.ts';
import { certificateAnswer, loginAnswer, parseAnswer, serverClient, type CertificateAnswer } from './server-client.ts';

export interface EnrollOptions {
  readonly server: string;
  /** Enrol a person's device (password from --password-file or STEWARD_PASSWORD)… */
  readonly email?: string;
  /** …or an API key's export key. */
  readonly apiKey?: string;
  readonly passwordFile?: string;
  readonly deviceName: string;
  readonly keyFile: string;
  readonly now: () => Date;
}

/** Enrols a device; resolves to a message for the person (success or what went wrong) and whether it worked. */
export async function enroll(options: EnrollOptions, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; message: string }> {
  const pair = await generateEd25519KeyPair({ extractable: true });
  if (options.apiKey !== undefined) {
    const cert = parseAnswer(certificateAnswer, 'auth.enrolKey', await serverClient(options.server, options.apiKey).mutation('auth.enrolKey', { deviceName: options.deviceName, devicePublicKey: encodeBase64(pair.publicKey) }));
    return keep(options, pair, cert);
  }
  if (options.email === undefined) return { ok: false, message: 'enroll needs --email (a person\'s device) or --api-key (an API key\'s export key)' };
  const password = options.passwordFile === undefined ? env['STEWARD_PASSWORD'] : (await readFile(options.passwordFile, 'utf8')).replace(/\r?\n$/, '');
  if (password === undefined || password === '') return { ok: false, message: 'give the password with --password-file FILE or the STEWARD_PASSWORD environment variable (never on the command line)' };
  const login = parseAnswer(
    loginAnswer,
    'auth.login',
    await serverClient(options.server).mutation('auth.login', { email: options.email, password, deviceName: options.deviceName, devicePublicKey: encodeBase64(pair.publicKey) }),
  );
  const session = serverClient(options.server, login.token);
  try {
    return await keep(options, pair, parseAnswer(certificateAnswer, 'auth.deviceCertificate', await session.query('auth.deviceCertificate')));
  } finally {
    await session.mutation('auth.logout').catch(() => undefined);
  }
}

/** Checks the server's certificate for `pair` and writes the key file. */
async function keep(options: EnrollOptions, pair: Ed25519KeyPair, cert: CertificateAnswer): Promise<{ ok: boolean; message: string }> {
  const serverKey = ed25519PublicKeyFromPem(cert.serverPublicKeyPem);
  const signature = decodeBase64(cert.signature);
  if (!serverKey.ok || !signature.ok) return { ok: false, message: 'the server sent an unusable key or certificate signature' };
  const claims = await verifyDeviceCertificate(encodeUtf8(cert.certificate), signature.value, serverKey.value);
  if (!claims.ok) return { ok: false, message: `the server's certificate does not verify: ${claims.error.message}` };
  if (claims.value.devicePublicKey !== encodeBase64(pair.publicKey)) return { ok: false, message: 'the server certified another key than this device\'s' };
  const seed = await exportEd25519Seed(pair.privateKey);
  if (!seed.ok) return { ok: false, message: seed.error.message };
  const problem = await writeDeviceKey(options.keyFile, {
    version: 1,
    algorithm: 'Ed25519',
    seed: encodeBase64(seed.value),
    server: options.server,
    deviceId: claims.value.deviceId,
    certificate: cert.certificate,
    certificateSignature: cert.signature,
    createdAt: options.now().toISOString(),
  });
  seed.value.fill(0);
  if (problem !== undefined) return { ok: false, message: problem };
  const holder = claims.value.holderType === 'user' ? `device "${options.deviceName}" (${claims.value.deviceId}) of user ${claims.value.holderId}` : `export key "${options.deviceName}" (${claims.value.deviceId}) of API key ${claims.value.holderId}`;
  return { ok: true, message: `enrolled ${holder}, certified until ${claims.value.expiresAt}; key and certificate in ${options.keyFile}` };
}
