/**
 * Running a report locally: read its input from the replica, generate the
 * model, and — for a stored definition — render its format, hash it and
 * build the reportRuns document (runReport), ready to be recorded. Other
 * formats are rendered when asked for and kept, so a file saved twice is
 * the same file.
 */
import type { Report, ReportFormat, ReportRun, ReportTemplate } from '@steward/domain';
import type { ReportArtifact, ReportModel } from '@steward/reports';
import { useCallback, useRef, useState } from 'react';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { newDocumentId } from '../../replica/ids.ts';
import { artifactOf } from '../../reports/artifacts.ts';
import { loadReportData } from '../../reports/load-report-data.ts';
import { definitionScope, type RunScope } from '../../reports/report-input.ts';
import type { RunParameters } from '../../reports/run-form.ts';
import { runLocally } from '../../reports/run-locally.ts';

export interface ReportResult {
  readonly model: ReportModel;
  /** The definition it ran, or null for a template run. */
  readonly definition: Report | null;
  /** The reportRuns document to record (definition runs only). */
  readonly run: ReportRun | null;
  readonly documents: number;
  readonly tookMs: number;
}

export type RunState = { readonly status: 'idle' } | { readonly status: 'running' } | { readonly status: 'failed'; readonly reason: string } | { readonly status: 'done'; readonly result: ReportResult };

export interface ReportRunner {
  readonly state: RunState;
  readonly run: (template: ReportTemplate, parameters: RunParameters, definition: Report | null) => Promise<void>;
  readonly artifact: (format: ReportFormat) => Promise<ReportArtifact>;
  readonly reset: () => void;
}

const count = (data: object): number => Object.values(data).reduce((sum: number, docs: unknown) => sum + (Array.isArray(docs) ? docs.length : 0), 0);

export function useReportRun(db: ReplicaDatabase, userId: string): ReportRunner {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const artifacts = useRef(new Map<ReportFormat, Promise<ReportArtifact>>());
  const current = useRef<ReportModel | null>(null);

  const run = useCallback(
    async (template: ReportTemplate, parameters: RunParameters, definition: Report | null) => {
      setState({ status: 'running' });
      artifacts.current = new Map();
      current.current = null;
      const started = performance.now();
      try {
        let scope: RunScope = parameters.tenantIds.length === 0 ? 'all' : parameters.tenantIds;
        if (definition !== null) {
          const checked = definitionScope({ tenantId: definition.tenantId, parameters });
          if (!checked.ok) return setState({ status: 'failed', reason: checked.reason });
          scope = checked.scope;
        }
        const data = await loadReportData(db, template, scope);
        const produced = await runLocally(template, parameters, definition, data, { generatedAt: new Date().toISOString(), runId: newDocumentId(), requestedBy: userId });
        if (!produced.ok) return setState({ status: 'failed', reason: produced.error.message });
        const { model, recorded } = produced.value;
        current.current = model;
        if (recorded !== null) artifacts.current.set(recorded.artifact.format, Promise.resolve(recorded.artifact));
        setState({ status: 'done', result: { model, definition, run: recorded?.run ?? null, documents: count(data), tookMs: Math.round(performance.now() - started) } });
      } catch (e: unknown) {
        setState({ status: 'failed', reason: `The report could not be generated: ${e instanceof Error ? e.message : String(e)}` });
      }
    },
    [db, userId],
  );

  const artifact = useCallback((format: ReportFormat): Promise<ReportArtifact> => {
    const model = current.current;
    if (model === null) return Promise.reject(new Error('Run the report first.'));
    const cached = artifacts.current.get(format);
    if (cached !== undefined) return cached;
    const made = artifactOf(model, format);
    artifacts.current.set(format, made);
    made.catch(() => artifacts.current.delete(format));
    return made;
  }, []);

  const reset = useCallback(() => {
    artifacts.current = new Map();
    current.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, run, artifact, reset };
}
