import { Observable, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { PullCheckpoint, StreamItem } from '../api/types.ts';
import { demuxStream, type CollectionStreamItem } from './stream-demux.ts';
import { auditEvent, officer } from './fixtures.ts';

const checkpoint = (seq: number): PullCheckpoint => ({ v: 1, cursor: { tx: '1', seq }, scope: { tenants: 'all', platform: true }, phases: [] }) as unknown as PullCheckpoint;

describe('demuxStream', () => {
  it("routes each collection's changes to its own stream and RESYNC to every stream", () => {
    const source = new Subject<StreamItem>();
    const streamOf = demuxStream(source);
    const seen: Record<string, CollectionStreamItem[]> = { users: [], auditEvents: [] };
    streamOf('users').subscribe((item) => seen['users']?.push(item));
    streamOf('auditEvents').subscribe((item) => seen['auditEvents']?.push(item));

    source.next('RESYNC');
    source.next({ collection: 'auditEvents', documents: [auditEvent(1)], checkpoint: checkpoint(1) });
    source.next({ collection: 'users', documents: [officer()], checkpoint: checkpoint(2) });
    source.next({ collection: 'roles', documents: [], checkpoint: checkpoint(3) });

    expect(seen['users']).toEqual(['RESYNC', { documents: [officer()], checkpoint: checkpoint(2) }]);
    expect(seen['auditEvents']).toEqual(['RESYNC', { documents: [auditEvent(1)], checkpoint: checkpoint(1) }]);
  });

  it('opens the source once however many collections listen, and closes it with the last', () => {
    let opened = 0;
    let open = 0;
    const source = new Observable<StreamItem>(() => {
      opened++;
      open++;
      return () => void open--;
    });
    const streamOf = demuxStream(source);
    const a = streamOf('users').subscribe();
    const b = streamOf('roles').subscribe();
    expect(opened).toBe(1);
    a.unsubscribe();
    expect(open).toBe(1);
    b.unsubscribe();
    expect(open).toBe(0);
  });
});
