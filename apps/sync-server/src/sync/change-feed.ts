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

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  publish(notice: ChangeNotice): void {
    if (notice.collections.length > 0) this.#emitter.emit('change', notice);
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
