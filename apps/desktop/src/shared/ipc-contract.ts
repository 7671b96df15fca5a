/**
 * Every IPC channel between the renderer (through the preload) and main:
 * its namespaced name, how its request is parsed (by main) and how its
 * response is parsed (by the preload). Main registers handlers for exactly
 * these channels and nothing else.
 */
import { boolean, bytes, exactObject, fail, nothing, parser, text, type Parser } from './ipc-parse.ts';

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

const keyIdRequest = parser((input) => ({ id: text(exactObject(input, ['id'], 'the request').id, 'the key id', { max: 128, pattern: KEY_ID }) }));

const publicDeviceKey = (input: unknown): PublicDeviceKey => {
  const record = exactObject(input, ['id', 'publicKey'], 'the device key');
  return { id: text(record.id, 'the key id', { max: 128, pattern: KEY_ID }), publicKey: bytes(record.publicKey, 'the public key', { max: 32, exactly: 32 }) };
};

const done = parser((input) => nothing(input, 'the response'));

export const IPC = {
  openExternal: channel(
    'steward:shell:open-external',
    parser((input) => ({ url: text(exactObject(input, ['url'], 'the request').url, 'the URL', { max: 2048 }) })),
    parser((input) => boolean(input, 'the response')),
  ),
  saveFile: channel(
    'steward:file:save',
    parser((input): SaveFileRequest => {
      const record = exactObject(input, ['suggestedName', 'bytes', 'mime'], 'the save request');
      return {
        suggestedName: text(record.suggestedName, 'the file name', { min: 1, max: 255 }),
        bytes: bytes(record.bytes, 'the file', { max: MAX_SAVE_BYTES }),
        mime: text(record.mime, 'the media type', { max: 100, pattern: MIME }),
      };
    }),
    parser((input): SaveFileResponse => {
      const record = exactObject(input, ['saved', 'location'], 'the save result');
      const location = record.location === null ? null : text(record.location, 'the location', { min: 1, max: 4096 });
      return { saved: boolean(record.saved, 'saved'), location };
    }),
  ),
  loadSecrets: channel(
    'steward:secrets:load',
    parser((input) => nothing(input, 'the request')),
    parser((input): SecretsSnapshot => {
      const record = exactObject(input, ['persistent', 'values'], 'the secrets');
      if (typeof record.values !== 'object' || record.values === null || Array.isArray(record.values)) fail('the secret values must be an object');
      const parsed: Record<string, string> = {};
      for (const [key, value] of Object.entries(record.values)) parsed[text(key, 'a secret name', { max: 108, pattern: SECRET_KEY })] = text(value, key, { max: MAX_SECRET_CHARS });
      return { persistent: boolean(record.persistent, 'persistent'), values: parsed };
    }),
  ),
  setSecret: channel(
    'steward:secrets:set',
    parser((input) => {
      const record = exactObject(input, ['key', 'value'], 'the request');
      return { key: text(record.key, 'the secret name', { max: 108, pattern: SECRET_KEY }), value: text(record.value, 'the secret', { max: MAX_SECRET_CHARS }) };
    }),
    done,
  ),
  removeSecret: channel(
    'steward:secrets:remove',
    parser((input) => ({ key: text(exactObject(input, ['key'], 'the request').key, 'the secret name', { max: 108, pattern: SECRET_KEY }) })),
    done,
  ),
  loadDeviceKey: channel(
    'steward:device-keys:load',
    keyIdRequest,
    parser((input) => (input === null ? null : publicDeviceKey(input))),
  ),
  createDeviceKey: channel('steward:device-keys:create', keyIdRequest, parser(publicDeviceKey)),
  removeDeviceKey: channel('steward:device-keys:remove', keyIdRequest, done),
  signWithDeviceKey: channel(
    'steward:device-keys:sign',
    parser((input) => {
      const record = exactObject(input, ['id', 'bytes'], 'the request');
      return { id: text(record.id, 'the key id', { max: 128, pattern: KEY_ID }), bytes: bytes(record.bytes, 'the bytes to sign', { max: MAX_SIGN_BYTES }) };
    }),
    parser((input) => bytes(input, 'the signature', { max: 64, exactly: 64 })),
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
