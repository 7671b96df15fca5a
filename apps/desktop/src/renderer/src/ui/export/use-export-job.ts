/**
 * The Export screen's state: whether the server is reachable (and the
 * latest signed checkpoint it or the proof cache knows), the preview of
 * the chosen scope, and one export job at a time — run, saved with the
 * platform (save dialog in Electron, download in the web console), and
 * audited (by the server online; by a local audit event offline).
 */
import type { AuditEvent } from '@steward/domain';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from '../../api/client.ts';
import { describeApiError } from '../../api/errors.ts';
import { offlineExportEvent, verifyCommand } from '../../export/export-audit.ts';
import { previewExport, type ExportPreview } from '../../export/export-preview.ts';
import { enrolledSigner, rememberedSigner } from '../../export/export-signer.ts';
import { evidenceServerOf, proofCache, renderReportPdf } from '../../export/export-wiring.ts';
import { readReplicaEvents } from '../../export/replica-events.ts';
import { runExport, type ExportOutcome, type ExportProgress, type ExportRequest } from '../../export/run-export.ts';
import type { SaveFileResult } from '../../platform/platform.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { newDocumentId } from '../../replica/ids.ts';
import type { Session } from '../../session/session.ts';
import { useAppServices } from '../app-services.ts';
import { useWriter } from '../use-replica.tsx';

export type Connectivity =
  | { readonly status: 'checking' }
  | { readonly status: 'online'; readonly treeSize: number }
  /** Offline: the cached checkpoint's size and the events this device holds proofs for. */
  | { readonly status: 'offline'; readonly treeSize: number | null; readonly cachedProofs: ReadonlySet<string>; readonly reason: string };

export type JobState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly progress: ExportProgress }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'done'; readonly outcome: ExportOutcome; readonly saved: SaveFileResult; readonly verify: string; readonly audit: string; readonly online: boolean };

export type PreviewState = { readonly status: 'none' } | { readonly status: 'reading' } | { readonly status: 'ready'; readonly preview: ExportPreview; readonly events: readonly AuditEvent[] } | { readonly status: 'failed'; readonly reason: string };

const DEVICE_NAME = { web: 'Steward web console', electron: 'Steward desktop' } as const;

export function useExportJob(db: ReplicaDatabase, session: Session, request: ExportRequest | null) {
  const { platform } = useAppServices();
  const writer = useWriter(db);
  const api = useMemo(() => createApiClient(session.serverUrl, session.token), [session.serverUrl, session.token]);
  const [connectivity, setConnectivity] = useState<Connectivity>({ status: 'checking' });
  const [preview, setPreview] = useState<PreviewState>({ status: 'none' });
  const [job, setJob] = useState<JobState>({ status: 'idle' });
  const tenantId = request?.tenantId ?? null;

  const checkServer = useCallback(async () => {
    setConnectivity({ status: 'checking' });
    try {
      const checkpoint = await api.ledger.checkpoint.query();
      setConnectivity({ status: 'online', treeSize: checkpoint.treeSize });
    } catch (error) {
      const cached = tenantId === null ? null : await proofCache().get(session.serverUrl, tenantId);
      setConnectivity({ status: 'offline', treeSize: cached?.treeSize ?? null, cachedProofs: new Set(cached?.proofs.proofs.map((p) => p.eventId)), reason: describeApiError(error, session.serverUrl).message });
    }
  }, [api, session.serverUrl, tenantId]);

  useEffect(() => {
    void checkServer();
  }, [checkServer]);

  const requestKey = request === null ? '' : JSON.stringify(request);
  const treeSize = connectivity.status === 'checking' ? null : connectivity.treeSize;
  const cachedProofs = connectivity.status === 'offline' ? connectivity.cachedProofs : undefined;
  useEffect(() => {
    if (requestKey === '') return setPreview({ status: 'none' });
    // The request's contents, so the preview is read again only when they change.
    const scope = JSON.parse(requestKey) as ExportRequest;
    let live = true;
    setPreview({ status: 'reading' });
    const timer = setTimeout(() => {
      readReplicaEvents(db, scope).then(
        (events) => live && setPreview({ status: 'ready', preview: previewExport(events, treeSize, 0, cachedProofs), events }),
        (error: unknown) => live && setPreview({ status: 'failed', reason: `The replica could not be read: ${error instanceof Error ? error.message : String(error)}` }),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, requestKey, treeSize, cachedProofs]);

  const start = useCallback(
    async (chosen: ExportRequest) => {
      const online = connectivity.status === 'online';
      const progress = (p: ExportProgress) => setJob({ status: 'running', progress: p });
      progress({ stage: 'key', message: 'Starting…' });
      try {
        const now = () => new Date().toISOString();
        const outcome = await runExport(
          {
            serverUrl: session.serverUrl,
            server: online ? evidenceServerOf(api) : null,
            signer: online
              ? () => enrolledSigner(platform.deviceKeys, platform.preferences, session.serverUrl, session.user.id, DEVICE_NAME[platform.kind], (input) => api.auth.enrolKey.mutate(input))
              : () => rememberedSigner(platform.deviceKeys, platform.preferences, session.serverUrl, session.user.id, now()),
            replicaEvents: (scope) => readReplicaEvents(db, scope),
            renderReport: (template, r) => renderReportPdf(db, template, r),
            cache: proofCache(),
            now,
            onProgress: progress,
          },
          chosen,
        );
        let audit = 'Recorded by the server as an evidence.export audit event.';
        if (!online) {
          const recorded = await writer.write('auditEvents', offlineExportEvent(chosen, outcome, session.user.id, newDocumentId(), now()));
          audit = recorded.ok ? 'Recorded on this device as an evidence.export audit event; it reaches the server when you are back online.' : `The export could not be recorded as an audit event: ${recorded.issues.map((i) => i.message).join(' ')}`;
        }
        progress({ stage: 'sign', message: platform.kind === 'electron' ? 'Choose where to save the bundle…' : 'Downloading the bundle…' });
        const saved = await platform.saveFile(outcome.fileName, outcome.bytes, 'application/zip');
        setJob({ status: 'done', outcome, saved, verify: verifyCommand(outcome.fileName, outcome), audit, online });
      } catch (error) {
        setJob({ status: 'failed', reason: error instanceof Error ? error.message : String(error) });
      }
    },
    [api, connectivity.status, db, platform, session, writer],
  );

  const saveAgain = useCallback(async () => {
    if (job.status !== 'done') return;
    const saved = await platform.saveFile(job.outcome.fileName, job.outcome.bytes, 'application/zip');
    setJob({ ...job, saved });
  }, [job, platform]);

  return { connectivity, checkServer, preview, job, start, saveAgain, reset: () => setJob({ status: 'idle' }) };
}
