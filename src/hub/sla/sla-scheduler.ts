// The SLA clocks' ticker: every minute, on working days from the digest hour (Asia/Jakarta),
// escalates the reports whose follow-up target has passed and schedules the officers' digest.
// Every process with workers ticks; escalation and the digest each happen once however many do.
import type { WorkingCalendar } from '../../core/working-calendar.js';
import type { Logger } from '../../log.js';
import { PeriodicTask } from '../periodic-task.js';
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
  private readonly task: PeriodicTask;

  constructor(private readonly deps: SlaSchedulerDeps) {
    this.task = new PeriodicTask(() => this.tick(deps.now()), deps.logger, 'SLA tick failed; trying again in a minute');
  }

  start(intervalMs = SLA_TICK_MS): void {
    this.task.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass as of `now`: escalations first, so that the digest counts them among the overdue. */
  async tick(now: Date): Promise<{ escalated: number; digests: number }> {
    if (!inWorkingHours(this.deps.calendar, now, this.deps.hour)) return { escalated: 0, digests: 0 };
    const escalated = await this.deps.escalation.run(now);
    const digests = await scheduleDigests(this.deps, now);
    return { escalated, digests };
  }
}
