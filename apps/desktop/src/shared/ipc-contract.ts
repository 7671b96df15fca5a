/**
 * Every IPC channel between the renderer (through the preload) and main:
 * its namespaced name, how its request is parsed (by main) and how its
 * response is parsed (by the preload), as zod schemas: strict objects
 * (unknown fields refused), bounded strings and byte arrays. Main registers
 * handlers for exactly these channels and nothing else.
 */
import { z } from 'zod';

/** A message that does not parse: thrown by main for a request, by the preload for an answer. */
export class IpcInputError extends Error {
  override readonly name = 'IpcInputError';
}

export interface Parser<T> {
  parse(input: unknown): T;
}

/** A zod schema as a contract parser; what was wrong is named in an IpcInputError. */
function parserOf<T>(schema: z.ZodType<T>, what: string): Parser<T> {
  return {
    parse: (input) => {
      const result = schema.safeParse(input);
      if (!result.success) throw new IpcInputError(`${what} is not valid: ${z.prettifyError(result.error)}`);
      return result.data;
    },
  };
}

export interface Channel<Request, Response> {
  readonly name: `steward:${string}`;
  readonly request: Parser<Request>;
  readonly response: Parser<Response>;
}

function channel<Request, Response>(name: `steward:${string}`, request: Parser<Request>, response: Parser<Response>): Channel<Request, Response> {
  return { name, request, response };
}

/** Exports are zips of events and reports; anything past this is not an export. */
export const MAX_SAVE_BYTES = 512 * 1024 * 1024;
/** What a signature may cover: an evidence manifest, never a whole bundle. */
export const MAX_SIGN_BYTES = 16 * 1024 * 1024;
export const MAX_SECRET_CHARS = 64 * 1024;

/** Device key ids name files and database rows: short, printable, no path separators. */
export const DEVICE_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const KEY_ID = DEVICE_KEY_ID;
const SECRET_KEY = /^steward\.[A-Za-z0-9._-]{1,100}$/;
const MIME = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

export interface SaveFileRequest {
  readonly suggestedName: string;
  readonly bytes: Uint8Array;
  readonly mime: string;
}
export interface SaveFileResponse {
  readonly saved: boolean;
  readonly location: string | null;
}
export interface SecretsSnapshot {
  /** False when the OS offers no keychain: secrets then live only until the app quits. */
  readonly persistent: boolean;
  readonly values: Readonly<Record<string, string>>;
}
export interface PublicDeviceKey {
  readonly id: string;
  readonly publicKey: Uint8Array;
}

const keyId = z.string().max(128).regex(KEY_ID, { error: 'not in the expected form' });
const secretKey = z.string().max(108).regex(SECRET_KEY, { error: 'not in the expected form (steward.…)' });
const secretValue = z.string().max(MAX_SECRET_CHARS);
const bytes = (max: number, exactly?: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'must be bytes (Uint8Array)' })
    .refine((b) => b.length <= max, { error: `larger than ${max} bytes` })
    .refine((b) => exactly === undefined || b.length === exactly, { error: `must be ${exactly} bytes` });
/** No payload: undefined (or null, as structured clone may turn it). */
const nothing = z.union([z.undefined(), z.null()], { error: 'takes no value' }).transform((): void => undefined);

const keyIdRequest = parserOf(z.strictObject({ id: keyId }), 'the request');
const publicDeviceKey = z.strictObject({ id: keyId, publicKey: bytes(32, 32) });
const done = parserOf(nothing, 'the response');

export const IPC = {
  openExternal: channel('steward:shell:open-external', parserOf(z.strictObject({ url: z.string().max(2048) }), 'the request'), parserOf(z.boolean(), 'the response')),
  saveFile: channel<SaveFileRequest, SaveFileResponse>(
    'steward:file:save',
    parserOf(z.strictObject({ suggestedName: z.string().min(1).max(255), bytes: bytes(MAX_SAVE_BYTES), mime: z.string().max(100).regex(MIME) }), 'the save request'),
    parserOf(z.strictObject({ saved: z.boolean(), location: z.string().min(1).max(4096).nullable() }), 'the save result'),
  ),
  loadSecrets: channel<void, SecretsSnapshot>(
    'steward:secrets:load',
    parserOf(nothing, 'the request'),
    parserOf(z.strictObject({ persistent: z.boolean(), values: z.record(secretKey, secretValue) }), 'the secrets snapshot'),
  ),
  setSecret: channel('steward:secrets:set', parserOf(z.strictObject({ key: secretKey, value: secretValue }), 'the request'), done),
  removeSecret: channel('steward:secrets:remove', parserOf(z.strictObject({ key: secretKey }), 'the request'), done),
  loadDeviceKey: channel<{ id: string }, PublicDeviceKey | null>('steward:device-keys:load', keyIdRequest, parserOf(publicDeviceKey.nullable(), 'the device key')),
  createDeviceKey: channel<{ id: string }, PublicDeviceKey>('steward:device-keys:create', keyIdRequest, parserOf(publicDeviceKey, 'the device key')),
  removeDeviceKey: channel('steward:device-keys:remove', keyIdRequest, done),
  signWithDeviceKey: channel(
    'steward:device-keys:sign',
    parserOf(z.strictObject({ id: keyId, bytes: bytes(MAX_SIGN_BYTES) }), 'the request'),
    parserOf(bytes(64, 64), 'the signature'),
  ),
} as const;

export type IpcContract = typeof IPC;
export type ChannelKey = keyof IpcContract;
export type RequestOf<K extends ChannelKey> = IpcContract[K] extends Channel<infer Request, unknown> ? Request : never;
export type ResponseOf<K extends ChannelKey> = IpcContract[K] extends Channel<unknown, infer Response> ? Response : never;

/** Only channels of this contract are ever registered or invoked. */
export const IPC_CHANNEL_NAMES: ReadonlySet<string> = new Set(Object.values(IPC).map((entry) => entry.name));

/** Secret names the session store may keep with the OS keychain. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}
