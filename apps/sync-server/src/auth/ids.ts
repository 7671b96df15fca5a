/**
 * UUIDv7 ids (RFC 9562 §5.7) for devices and API keys, so they sort by
 * creation time like every other Steward id.
 *
 * Interim: the domain has a full generator (`uuidv7`, monotonic within a
 * millisecond) in packages/domain/src/schema/ids.ts, but `@steward/domain`
 * does not export it yet and apps may import only the package entry. Swap
 * this for the domain's once it is exported. Ordering within one
 * millisecond does not matter for these tables.
 */
import { randomBytes } from 'node:crypto';

/** A random UUIDv7 stamped with `nowMs` (Unix milliseconds). */
export function newUuidV7(nowMs: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Math.trunc(nowMs), 0, 6);
  bytes.writeUInt8(0x70 | (bytes.readUInt8(6) & 0x0f), 6); // version 7
  bytes.writeUInt8(0x80 | (bytes.readUInt8(8) & 0x3f), 8); // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
