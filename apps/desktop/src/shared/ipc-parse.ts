/**
 * Small parsers for IPC messages. Each takes `unknown` and returns a typed
 * value or throws an `IpcInputError` naming what was wrong, like a zod
 * schema's `parse`. Both ends use them: main parses every request, the
 * preload parses every response.
 */
export class IpcInputError extends Error {
  override readonly name = 'IpcInputError';
}

export interface Parser<T> {
  parse(input: unknown): T;
}

export function fail(message: string): never {
  throw new IpcInputError(message);
}

/** A plain object with exactly `keys` (no more, none missing). */
export function exactObject(input: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || input instanceof Uint8Array) fail(`${what} must be an object`);
  const record = input as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => !keys.includes(key));
  if (extra.length > 0) fail(`${what} has unexpected field ${extra.join(', ')}`);
  for (const key of keys) if (!(key in record)) fail(`${what} is missing ${key}`);
  return record;
}

export function text(input: unknown, what: string, { max, min = 0, pattern }: { max: number; min?: number; pattern?: RegExp }): string {
  if (typeof input !== 'string') fail(`${what} must be a string`);
  if (input.length < min || input.length > max) fail(`${what} must be ${min}–${max} characters`);
  if (pattern !== undefined && !pattern.test(input)) fail(`${what} is not in the expected form`);
  return input;
}

export function bytes(input: unknown, what: string, { max, exactly }: { max: number; exactly?: number }): Uint8Array {
  if (!(input instanceof Uint8Array)) fail(`${what} must be bytes (Uint8Array)`);
  if (input.length > max) fail(`${what} is larger than ${max} bytes`);
  if (exactly !== undefined && input.length !== exactly) fail(`${what} must be ${exactly} bytes`);
  return input;
}

export function boolean(input: unknown, what: string): boolean {
  if (typeof input !== 'boolean') fail(`${what} must be true or false`);
  return input;
}

export function nothing(input: unknown, what: string): void {
  if (input !== undefined && input !== null) fail(`${what} takes no value`);
}

export function parser<T>(parse: (input: unknown) => T): Parser<T> {
  return { parse };
}
