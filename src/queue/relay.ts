// Moves committed outbox rows into BullMQ. The row commits first; the relay adds a job with
// jobId = row id, so adding twice (two processes, a sweep after notify) is a no-op. notify()
// runs a pass right after a commit; the sweep finds what a pass never saw (a crash between
// commit and add, another process's rows, Redis losing a job).
import type { PrismaClient } from '@prisma/client';
import type { Queue } from 'bullmq';
import type { Logger } from '../log.js';
import type { JobKind } from './kinds.js';
import { describeError } from './retry-policy.js';
import * as store from './store.js';

const BATCH = 500;

export class Relay {
  private passing: Promise<void> | undefined;
  private again = false;
  private sweeper: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly queues: Map<JobKind, Queue>,
    private readonly options: { sweepIntervalMs: number; handOverGraceMs: number },
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await store.forgetHandOvers(this.prisma, [...this.queues.keys()]);
    this.sweeper = setInterval(() => this.trigger(), this.options.sweepIntervalMs);
    this.trigger();
    await this.passing;
  }

  /**
   * Redis came back and may have lost its jobs (it need not persist): hand every pending row
   * over again instead of waiting for each hand-over's grace to end. Re-adding a job Redis
   * still holds is a no-op.
   */
  async rehandAll(): Promise<void> {
    if (this.stopped) return;
    try {
      await store.forgetHandOvers(this.prisma, [...this.queues.keys()]);
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'forgetting hand-overs failed; the sweep re-adds rows after their grace');
    }
    this.trigger();
  }

  /** Runs a pass now, or once more after the current one. */
  trigger(): void {
    if (this.stopped) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = (async () => {
      do {
        this.again = false;
        try {
          if ((await this.pass()) === BATCH) this.again = true;
        } catch (error) {
          this.logger.error({ err: describeError(error) }, 'relay pass failed; the sweep will try again');
          break;
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.passing = undefined;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    await this.passing;
  }

  private async pass(): Promise<number> {
    const rows = await store.relayCandidates(this.prisma, [...this.queues.keys()], BATCH);
    const byKind = new Map<JobKind, store.RelayCandidate[]>();
    for (const row of rows) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row]);
    for (const [kind, list] of byKind) {
      // job data carries no payload: the row is the truth, and no personal data goes to Redis
      await this.queues.get(kind)!.addBulk(list.map((row) => ({
        name: kind,
        data: {},
        opts: { jobId: row.id, delay: row.delayMs },
      })));
    }
    await store.markHandedOver(this.prisma, rows.map((r) => r.id), this.options.handOverGraceMs);
    if (rows.length) this.logger.debug({ count: rows.length }, 'relayed outbox rows to BullMQ');
    return rows.length;
  }
}
