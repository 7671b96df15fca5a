/**
 * The device key file of steward-export: the Ed25519 seed of a device key
 * enrolled with a Steward server, and the server's certificate for it.
 *
 * Created by `steward-export enroll` with mode 0600 and never overwritten;
 * a file other users could read is refused, as the server refuses its own
 * key file: whoever reads the seed can sign bundles as this device. In
 * memory the key is a non-extractable WebCrypto key.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { decodeBase64, importEd25519Seed } from '@steward/domain';
import { z } from 'zod';
import type { SignedDeviceCertificate } from '../certificate.ts';

const keyFileSchema = z.strictObject({
  version: z.literal(1),
  algorithm: z.literal('Ed25519'),
  /** base64 of the 32-byte RFC 8032 seed. */
  seed: z.string(),
  /** The server the device is enrolled with. */
  server: z.string(),
  deviceId: z.string(),
  /** The server's certificate (canonical JSON) and its base64 signature. */
  certificate: z.string(),
  certificateSignature: z.string(),
  createdAt: z.string(),
});

export type DeviceKeyFile = z.infer<typeof keyFileSchema>;

export interface DeviceKey {
  readonly privateKey: CryptoKey;
  readonly certificate: SignedDeviceCertificate;
  readonly server: string;
}

export async function readDeviceKey(path: string): Promise<DeviceKey | string> {
  let text: string;
  try {
    const info = await stat(path);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      return `the device key file ${path} can be read or written by other users (mode ${(info.mode & 0o777).toString(8)}); restrict it with "chmod 600 ${path}"`;
    }
    text = await readFile(path, 'utf8');
  } catch (cause) {
    return `cannot read the device key file ${path}: ${cause instanceof Error ? cause.message : String(cause)} (create one with "steward-export enroll")`;
  }
  let parsed;
  try {
    parsed = keyFileSchema.safeParse(JSON.parse(text));
  } catch {
    return `the device key file ${path} is not JSON`;
  }
  if (!parsed.success) return `the device key file ${path} is not a steward-export key file`;
  const seed = decodeBase64(parsed.data.seed);
  if (!seed.ok) return `the device key file ${path} holds a damaged seed`;
  const pair = await importEd25519Seed(seed.value);
  seed.value.fill(0);
  if (!pair.ok) return `the device key file ${path} holds an unusable key: ${pair.error.message}`;
  return { privateKey: pair.value.privateKey, certificate: { certificate: parsed.data.certificate, signature: parsed.data.certificateSignature }, server: parsed.data.server };
}

/** Writes a new key file with mode 0600; refuses to replace an existing one. */
export async function writeDeviceKey(path: string, file: DeviceKeyFile): Promise<string | undefined> {
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return undefined;
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    return code === 'EEXIST' ? `${path} already exists; a device key file is never overwritten (choose another path)` : `cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}
