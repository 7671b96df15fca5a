/**
 * `steward-export enroll`: creates a device key for scripted exports and
 * has the server certify it. The key is generated here (never sent), its
 * public half is registered by signing in with it (auth.login with a
 * device public key), the server's certificate is fetched
 * (auth.deviceCertificate) and checked, and both go into a new 0600 key
 * file. The enrolment session is signed out at the end: the certificate,
 * not the session, is what bundles carry.
 */
import { readFile } from 'node:fs/promises';
import { decodeBase64, encodeBase64, encodeUtf8, exportEd25519Seed, generateEd25519KeyPair } from '@steward/domain';
import { verifyDeviceCertificate } from '../certificate.ts';
import { ed25519PublicKeyFromPem } from '../pem.ts';
import { writeDeviceKey } from './key-file.ts';
import { certificateAnswer, loginAnswer, parseAnswer, serverClient } from './server-client.ts';

export interface EnrollOptions {
  readonly server: string;
  readonly email: string;
  readonly passwordFile?: string;
  readonly deviceName: string;
  readonly keyFile: string;
  readonly now: () => Date;
}

/** Enrols a device; resolves to a message for the person (success or what went wrong) and whether it worked. */
export async function enroll(options: EnrollOptions, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; message: string }> {
  const password = options.passwordFile === undefined ? env['STEWARD_PASSWORD'] : (await readFile(options.passwordFile, 'utf8')).replace(/\r?\n$/, '');
  if (password === undefined || password === '') return { ok: false, message: 'give the password with --password-file FILE or the STEWARD_PASSWORD environment variable (never on the command line)' };
  const pair = await generateEd25519KeyPair({ extractable: true });
  const login = parseAnswer(
    loginAnswer,
    'auth.login',
    await serverClient(options.server).mutation('auth.login', { email: options.email, password, deviceName: options.deviceName, devicePublicKey: encodeBase64(pair.publicKey) }),
  );
  const session = serverClient(options.server, login.token);
  try {
    const cert = parseAnswer(certificateAnswer, 'auth.deviceCertificate', await session.query('auth.deviceCertificate'));
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
    return { ok: true, message: `enrolled device "${options.deviceName}" (${claims.value.deviceId}) of user ${claims.value.userId}; key and certificate in ${options.keyFile}` };
  } finally {
    await session.mutation('auth.logout').catch(() => undefined);
  }
}
