/**
 * Runs report definitions that have a cron `schedule`, with croner, in UTC.
 * The definitions are replicated documents that officers edit, so the
 * scheduler re-reads them every few seconds and re-arms only what moved.
 * It polls rather than subscribing to the change feed: the feed's
 * subscriber count is the live-stream gauge in /metrics, and a poll also
 * sees definitions written by other processes on the same database.
 *
 * A run that is still busy when its next time comes is skipped (croner's
 * `protect`), not queued. Times missed while the server was down are not
 * caught up: the next scheduled time runs as usual.
 */
import { Cron } from 'croner';
import { parseDocument, type Report } from '@steward/domain';
import type { Services } from '../services.ts';
import { readCollection } from '../store/documents.ts';
import type { ArtifactStore } from './artifact-store.ts';
import { runScheduledReport, type ScheduledOutcome } from './scheduled-run.ts';

/** How often definitions are re-read: a new or edited schedule is armed within this time. */
export const RELOAD_EVERY_MS = 2_000;

export interface SchedulerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ReportSchedulerOptions {
  readonly services: Services;
  readonly store: ArtifactStore;
  readonly log: SchedulerLog;
  /** Called after every run (tests wait on it). */
  readonly onRun?: (report: Report, outcome: ScheduledOutcome) => void;
}

interface Armed {
  readonly key: string;
  readonly job: Cron;
}

export class ReportScheduler {
  readonly #options: ReportSchedulerOptions;
  readonly #armed = new Map<string, Armed>();
  readonly #running = new Set<Promise<void>>();
  #poll: ReturnType<typeof setInterval> | undefined;
  #reloading: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(options: ReportSchedulerOptions) {
    this.#options = options;
  }

  /** The report ids armed now, with their next run (for tests and diagnostics). */
  get jobs(): ReadonlyMap<string, Date | null> {
    return new Map([...this.#armed].map(([id, armed]) => [id, armed.job.nextRun()]));
  }

  async start(): Promise<void> {
    await this.reload();
    this.#poll = setInterval(() => void this.reload(), RELOAD_EVERY_MS);
    // The poll alone never keeps the process alive; the server does.
    this.#poll.unref();
  }

  /** Re-reads the definitions; reloads never overlap, and the last one wins. */
  reload(): Promise<void> {
    this.#reloading = this.#reloading.then(() => this.#reload()).catch((error: unknown) => this.#options.log.warn({ err: error }, 'report schedules could not be reloaded'));
    return this.#reloading;
  }

  /** Stops every job and waits for runs in progress (they finish their transaction). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#poll);
    await this.#reloading;
    for (const { job } of this.#armed.values()) job.stop();
    this.#armed.clear();
    await Promise.allSettled([...this.#running]);
  }

  async #reload(): Promise<void> {
    if (this.#stopped) return;
    const stored = await readCollection(this.#options.services.db, 'reports', { tenants: 'all', platform: true });
    const wanted = new Map<string, Report>();
    for (const doc of stored) {
      const parsed = parseDocument('reports', doc.body);
      if (parsed.ok && parsed.value.schedule !== null) wanted.set(parsed.value.id, parsed.value);
    }
    for (const [id, armed] of this.#armed) {
      const report = wanted.get(id);
      if (report === undefined || keyOf(report) !== armed.key) {
        armed.job.stop();
        this.#armed.delete(id);
      }
    }
    for (const [id, report] of wanted) if (!this.#armed.has(id)) this.#arm(report);
  }

  #arm(report: Report): void {
    const schedule = report.schedule ?? '';
    try {
      const job = new Cron(schedule, { timezone: 'UTC', mode: '5-or-6-parts', protect: true }, async (self) => {
        const scheduledAt = self.currentRun()?.getTime() ?? Date.now();
        await this.#run(report, scheduledAt);
      });
      this.#armed.set(report.id, { key: keyOf(report), job });
    } catch (error) {
      this.#options.log.warn({ reportId: report.id, schedule, err: error }, 'report schedule is not a cron expression croner accepts; not scheduled');
    }
  }

  async #run(report: Report, scheduledAt: number): Promise<void> {
    const { services, store, log, onRun } = this.#options;
    const running = runScheduledReport(services, store, report, scheduledAt).then(
      (outcome) => {
        log.info({ reportId: report.id, status: outcome.status }, 'scheduled report ran');
        onRun?.(report, outcome);
      },
      (error: unknown) => log.warn({ reportId: report.id, err: error }, 'scheduled report failed'),
    );
    this.#running.add(running);
    await running.finally(() => this.#running.delete(running));
  }
}

/** What makes a job need re-arming: its definition changed (schedule, parameters, format…). */
function keyOf(report: Report): string {
  return `${report.revision}|${report.updatedAt}|${report.schedule ?? ''}`;
}
