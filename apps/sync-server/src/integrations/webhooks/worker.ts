/**
 * The delivery worker each server process runs. It wakes when the change
 * feed reports new audit events (from this process or, through
 * LISTEN/NOTIFY, another) and on a timer (for retries coming due, and for
 * events a concurrent scan could not see yet); each wake-up enqueues what is
 * new, then claims and sends what is due, up to `concurrency` at once.
 * Wake-ups during a round set a flag for one more round, so none is lost.
 */
import { randomInt } from 'node:crypto';
import type { Services } from '../../services.ts';
import { attempt, claimDue, recordOutcome, type ClaimedDelivery } from './deliver.ts';
import { enqueueBatch, ensureScanPosition } from './enqueue.ts';
import type { WebhookSettings } from './settings.ts';

export interface WorkerLog {
  warn(details: object, message: string): void;
}

export class WebhookWorker {
  readonly #services: Services;
  readonly #settings: WebhookSettings;
  readonly #log: WorkerLog;
  readonly #inFlight = new Set<Promise<void>>();
  #round: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(services: Services, log: WorkerLog) {
    this.#services = services;
    this.#settings = services.webhooks;
    this.#log = log;
  }

  async start(): Promise<void> {
    await ensureScanPosition(this.#services);
    this.#unsubscribe = this.#services.feed.subscribe((notice) => {
      if (notice.collections.includes('auditEvents')) this.wake();
    });
    this.#timer = setInterval(() => this.wake(), this.#settings.pollIntervalMs);
    this.#timer.unref();
    this.wake();
  }

  /** Runs a round now, or one more after the current one. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#round !== undefined) {
      this.#again = true;
      return;
    }
    this.#round = this.#rounds().finally(() => {
      this.#round = undefined;
    });
  }

  /** Stops waking and waits for the round and the attempts in flight (each bounded by the timeout). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.#round;
    await Promise.allSettled([...this.#inFlight]);
  }

  async #rounds(): Promise<void> {
    do {
      this.#again = false;
      try {
        while (!this.#stopped && (await enqueueBatch(this.#services)));
        if (this.#stopped) return;
        const claimed = await claimDue(this.#services, this.#settings, this.#settings.concurrency - this.#inFlight.size);
        for (const delivery of claimed) this.#send(delivery);
      } catch (error) {
        this.#log.warn({ err: error }, 'webhook round failed; retrying on the next wake-up');
      }
    } while (this.#again && !this.#stopped);
  }

  #send(delivery: ClaimedDelivery): void {
    const services = this.#services;
    const sending = attempt(delivery, Date.parse(services.now()), this.#settings.timeoutMs)
      .then((outcome) => recordOutcome(services, this.#settings, delivery, outcome, randomInt(1_000_000) / 1_000_000))
      .then(
        // A slot is free: more may be due.
        () => this.wake(),
        (error: unknown) => this.#log.warn({ err: error, deliveryId: delivery.id }, 'webhook outcome could not be recorded; the claim lapses and it is retried'),
      );
    const tracked = sending.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }
}
