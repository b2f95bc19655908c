// The SLA clocks' ticker: every minute, on working days from the digest hour (Asia/Jakarta),
// escalates the reports whose follow-up target has passed and schedules the officers' digest.
// Every process with workers ticks; escalation and the digest each happen once however many do.
import type { WorkingCalendar } from '../../core/working-calendar.js';
import type { Logger } from '../../log.js';
import { scheduleDigests, type DigestDeps } from './digest.js';
import { inWorkingHours, type Escalation } from './escalation.js';

export const SLA_TICK_MS = 60_000;

export interface SlaSchedulerDeps extends DigestDeps {
  calendar: WorkingCalendar;
  escalation: Escalation;
  hour: number;
  logger: Logger;
  now: () => Date;
}

export class SlaScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SlaSchedulerDeps) {}

  start(intervalMs = SLA_TICK_MS): void {
    const tick = () => {
      // one tick at a time: a slow one is not overlapped by the next
      this.running = this.running.then(() => this.tick(this.deps.now()))
        .catch((error: unknown) => this.deps.logger.warn({ err: (error as Error).message }, 'SLA tick failed; trying again in a minute'));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass as of `now`: escalations first, so that the digest counts them among the overdue. */
  async tick(now: Date): Promise<{ escalated: number; digests: number }> {
    if (!inWorkingHours(this.deps.calendar, now, this.deps.hour)) return { escalated: 0, digests: 0 };
    const escalated = await this.deps.escalation.run(now);
    const digests = await scheduleDigests(this.deps, now);
    return { escalated, digests };
  }
}
