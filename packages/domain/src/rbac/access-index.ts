/**
 * The policy's fast form, built once per compile, that `can` answers from:
 * exact permissions and wildcard resources interned as small integers, each
 * distinct effective set as a bitset over them, and every user's granting
 * assignments as flat typed arrays of window bounds and set slots.
 *
 * A check is then two `Map` lookups (user, permission) and a few integer
 * compares per assignment, with no allocation; the grammar check and the
 * resource name run only when a wildcard could answer. Only assignments that
 * can grant are indexed: unknown roles, bad dates and inactive users are left
 * out, so they cost nothing. `explain` walks the readable form instead, and
 * the tests hold the two to the same answers.
 */
import { isWellFormedPermission } from './permission.ts';
import type { PermissionSet } from './permission-set.ts';

export interface AccessIndex {
  /** Exact permissions held by some indexed set → bit number. */
  readonly permissionIds: ReadonlyMap<string, number>;
  /** Resources some indexed set holds every action of ("audit" for "audit:*") → bit number. */
  readonly resourceIds: ReadonlyMap<string, number>;
  /**
   * Per exact permission id, its resource's bit number (-2: no indexed
   * wildcard names it). Interned permissions are well formed by construction,
   * so a check of one never runs the grammar.
   */
  readonly exactResource: Int32Array;
  /** 32-bit words per slot in `exactBits` and `resourceBits`. */
  readonly exactWords: number;
  readonly resourceWords: number;
  readonly exactBits: Uint32Array;
  readonly resourceBits: Uint32Array;
  /** Per slot: NO_WILDCARD, SOME_RESOURCES or EVERYTHING ("*"). */
  readonly wildcard: Uint8Array;
  /** User id → u; the user's granting assignments are entries firstGrant[u] … firstGrant[u + 1] - 1. */
  readonly userIndex: ReadonlyMap<string, number>;
  readonly firstGrant: Int32Array;
  /** Per entry: in force while grantFrom[k] <= now < grantUntil[k], granting slot grantSlot[k]. */
  readonly grantFrom: Float64Array;
  readonly grantUntil: Float64Array;
  readonly grantSlot: Int32Array;
}

/** What the index needs of a compiled assignment. */
export interface IndexedGrant {
  readonly validFromMs: number;
  readonly expiresAtMs: number;
  /** null: grants nothing (left out of the index). */
  readonly grants: PermissionSet | null;
}

const NO_WILDCARD = 0;
const SOME_RESOURCES = 1;
const EVERYTHING = 2;

export function buildAccessIndex(byUser: ReadonlyMap<string, readonly IndexedGrant[]>): AccessIndex {
  // Roles share their effective set object, so a slot is one role, not one assignment.
  const slots = new Map<PermissionSet, number>();
  const permissionIds = new Map<string, number>();
  const resourceIds = new Map<string, number>();
  for (const list of byUser.values()) {
    for (const a of list) {
      if (a.grants === null || slots.has(a.grants)) continue;
      slots.set(a.grants, slots.size);
      for (const p of a.grants.exact) if (!permissionIds.has(p)) permissionIds.set(p, permissionIds.size);
      for (const r of a.grants.resources) if (!resourceIds.has(r)) resourceIds.set(r, resourceIds.size);
    }
  }
  const exactResource = new Int32Array(permissionIds.size);
  for (const [p, id] of permissionIds) exactResource[id] = resourceIds.get(p.slice(0, p.indexOf(':'))) ?? -2;
  const exactWords = Math.max(1, Math.ceil(permissionIds.size / 32));
  const resourceWords = Math.max(1, Math.ceil(resourceIds.size / 32));
  const exactBits = new Uint32Array(slots.size * exactWords);
  const resourceBits = new Uint32Array(slots.size * resourceWords);
  const wildcard = new Uint8Array(slots.size);
  for (const [set, slot] of slots) {
    for (const p of set.exact) setBit(exactBits, slot * exactWords, permissionIds.get(p) ?? 0);
    for (const r of set.resources) setBit(resourceBits, slot * resourceWords, resourceIds.get(r) ?? 0);
    wildcard[slot] = set.all ? EVERYTHING : set.resources.size > 0 ? SOME_RESOURCES : NO_WILDCARD;
  }
  // One flat array per field rather than one per user: thousands of small
  // typed arrays cost more to allocate than the rest of the build.
  let entries = 0;
  const userIndex = new Map<string, number>();
  for (const [userId, list] of byUser) {
    const granting = list.reduce((n, a) => (a.grants === null ? n : n + 1), 0);
    if (granting === 0) continue;
    userIndex.set(userId, userIndex.size);
    entries += granting;
  }
  const firstGrant = new Int32Array(userIndex.size + 1);
  const grantFrom = new Float64Array(entries);
  const grantUntil = new Float64Array(entries);
  const grantSlot = new Int32Array(entries);
  let k = 0;
  for (const [userId, list] of byUser) {
    const u = userIndex.get(userId);
    if (u === undefined) continue;
    firstGrant[u] = k;
    for (const a of list) {
      if (a.grants === null) continue;
      grantFrom[k] = a.validFromMs;
      grantUntil[k] = a.expiresAtMs;
      grantSlot[k] = slots.get(a.grants) ?? 0;
      k++;
    }
  }
  firstGrant[userIndex.size] = k;
  return { permissionIds, resourceIds, exactResource, exactWords, resourceWords, exactBits, resourceBits, wildcard, userIndex, firstGrant, grantFrom, grantUntil, grantSlot };
}

/** Does some assignment of the user, in force at `nowMs`, grant `permission`? NaN `nowMs` grants nothing. */
export function indexAllows(index: AccessIndex, userId: string, permission: string, nowMs: number): boolean {
  const u = index.userIndex.get(userId);
  if (u === undefined) return false;
  const { grantFrom, grantUntil, grantSlot, exactBits, exactWords, wildcard } = index;
  const exactId = index.permissionIds.get(permission);
  const exactWord = exactId === undefined ? -1 : exactId >>> 5;
  const exactMask = exactId === undefined ? 0 : 1 << (exactId & 31);
  // undefined: not worked out yet; -1: malformed, so no wildcard may vouch for it; -2: no resource wildcard covers it.
  let resourceId = exactId === undefined ? undefined : index.exactResource[exactId];
  const end = index.firstGrant[u + 1] ?? 0;
  for (let k = index.firstGrant[u] ?? end; k < end; k++) {
    if (!((grantFrom[k] ?? Number.NaN) <= nowMs && nowMs < (grantUntil[k] ?? Number.NaN))) continue;
    const s = grantSlot[k] ?? 0;
    if (exactWord >= 0 && ((exactBits[s * exactWords + exactWord] ?? 0) & exactMask) !== 0) return true;
    const kind = wildcard[s] ?? NO_WILDCARD;
    if (kind === NO_WILDCARD) continue;
    resourceId ??= wildcardResourceId(index, permission);
    if (resourceId === -1) return false;
    if (kind === EVERYTHING) return true;
    if (resourceId >= 0 && ((index.resourceBits[s * index.resourceWords + (resourceId >>> 5)] ?? 0) & (1 << (resourceId & 31))) !== 0) return true;
  }
  return false;
}

/** -1 for a malformed permission, -2 when no indexed wildcard names its resource (or it is "*"). */
function wildcardResourceId(index: AccessIndex, permission: string): number {
  if (!isWellFormedPermission(permission)) return -1;
  const colon = permission.indexOf(':');
  return colon < 0 ? -2 : (index.resourceIds.get(permission.slice(0, colon)) ?? -2);
}

function setBit(bits: Uint32Array, offset: number, bit: number): void {
  const at = offset + (bit >>> 5);
  bits[at] = (bits[at] ?? 0) | (1 << (bit & 31));
}
