/**
 * Ids for rows the server creates (devices, API keys): the domain's UUIDv7,
 * fed the server's clock reading and node:crypto randomness, so they sort by
 * creation time like every other Steward id.
 */
import { randomBytes } from 'node:crypto';
import { UUID_V7_RANDOM_BYTES, uuidv7 } from '@steward/domain';

/** A random UUIDv7 stamped with `now`. */
export function newServerId(now: Date): string {
  return uuidv7(now.getTime(), randomBytes(UUID_V7_RANDOM_BYTES));
}
