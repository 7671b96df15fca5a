/**
 * Tells live subscribers that a collection changed. Within one process an
 * event emitter; across processes sharing PostgreSQL, LISTEN/NOTIFY (see
 * server.ts). Subscribers then pull from their own checkpoint, so what they
 * receive is filtered, ordered and cursor-safe exactly like a pull.
 */
import { EventEmitter } from 'node:events';
import type { CollectionName } from '@steward/domain';

export interface ChangeNotice {
  readonly collections: readonly CollectionName[];
  /** Access-relevant records changed (see ACCESS_COLLECTIONS): subscribers re-check their scope. */
  readonly accessChanged: boolean;
}

export class ChangeFeed {
  readonly #emitter = new EventEmitter();
  #relay: ((notice: ChangeNotice) => void) | undefined;

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  /** A change committed by this process: tell local subscribers and the other processes. */
  publish(notice: ChangeNotice): void {
    if (notice.collections.length === 0) return;
    this.#emitter.emit('change', notice);
    this.#relay?.(notice);
  }

  /** A change committed by another process: tell local subscribers only. */
  receive(notice: ChangeNotice): void {
    if (notice.collections.length > 0) this.#emitter.emit('change', notice);
  }

  /** Where to send this process's changes for the others (see pg-notify.ts). */
  relayTo(relay: ((notice: ChangeNotice) => void) | undefined): void {
    this.#relay = relay;
  }

  subscribe(listener: (notice: ChangeNotice) => void): () => void {
    this.#emitter.on('change', listener);
    return () => this.#emitter.off('change', listener);
  }

  get subscribers(): number {
    return this.#emitter.listenerCount('change');
  }
}

/**
 * Writes that can change who may read what. (A user's status matters too,
 * but disabling a user revokes their sessions, which ends their streams.)
 */
export const ACCESS_COLLECTIONS: readonly CollectionName[] = ['tenants', 'roles', 'roleAssignments'];
