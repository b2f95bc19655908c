// The runner without Redis: drains the outbox table directly. Claims are conditional updates
// (FOR UPDATE SKIP LOCKED + lease), so several processes on one PostgreSQL never run a job at
// the same time, and a job whose lease expired (its process died) is claimed again.
import { describeError } from './retry-policy.js';
import { execute, executeContext, handledKinds } from './execute.js';
import type { QueueRunner, QueueRunnerOptions } from './runner.js';
import * as store from './store.js';

export function createInProcessRunner(options: QueueRunnerOptions): QueueRunner {
  const ctx = executeContext(options, null);
  const kinds = handledKinds(options.handlers);
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const log = options.logger.child({ component: 'queue', runner: 'in-process' });

  const running = new Set<Promise<void>>();
  const wakeups = new Set<NodeJS.Timeout>();
  let poller: NodeJS.Timeout | undefined;
  let state: 'new' | 'started' | 'stopping' | 'stopped' = 'new';
  let pumping: Promise<void> | undefined;
  let again = false;

  // One claim loop at a time; a wake-up during a loop makes it go round once more.
  function pump(): void {
    if (state !== 'started') return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = (async () => {
      do {
        again = false;
        const free = concurrency - running.size;
        if (free <= 0 || kinds.length === 0) break;
        let jobs: store.ClaimedJob[];
        try {
          jobs = await store.claimDue(options.prisma, kinds, free, ctx.leaseMs);
        } catch (error) {
          log.error({ err: describeError(error) }, 'claiming jobs failed; will try again');
          break;
        }
        for (const job of jobs) spawn(job);
        if (jobs.length === free) again = true; // maybe more are due
      } while (again && state === 'started');
    })().finally(() => {
      pumping = undefined;
    });
  }

  function spawn(job: store.ClaimedJob): void {
    const run = execute(ctx, job)
      .then((outcome) => {
        // a retry due before the next poll: wake up for it
        if (outcome.action === 'retry' && outcome.owned && outcome.delayMs < pollIntervalMs) wakeAfter(outcome.delayMs);
      })
      .catch((error: unknown) => log.error({ jobId: job.id, err: describeError(error) }, 'recording a job outcome failed; its lease will expire'))
      .finally(() => {
        running.delete(run);
        pump();
      });
    running.add(run);
  }

  function wakeAfter(ms: number): void {
    const timer = setTimeout(() => {
      wakeups.delete(timer);
      pump();
    }, ms + 5);
    wakeups.add(timer);
  }

  return {
    async start() {
      if (state !== 'new') return;
      // alone on the database: what is running was left by a process that died (kill -9),
      // so it runs again now instead of when its lease would have run out
      if (options.soleProcess && kinds.length > 0) {
        const released = await store.releaseOrphanedLeases(options.prisma, kinds);
        if (released > 0) log.warn({ released }, 'jobs left running by a stopped process are taken up again');
      }
      state = 'started';
      poller = setInterval(pump, pollIntervalMs);
      pump();
      log.info({ kinds, concurrency }, 'in-process queue runner started');
    },
    notify: pump,
    async expedite(kind) {
      if ((await store.expedite(options.prisma, kind)).length > 0) pump();
    },
    async stop() {
      if (state !== 'started') return;
      state = 'stopping';
      clearInterval(poller);
      for (const timer of wakeups) clearTimeout(timer);
      await pumping;
      await Promise.all([...running]);
      state = 'stopped';
      log.info('in-process queue runner stopped');
    },
    async health() {
      if (state !== 'started') return { ok: false, detail: `runner ${state}` };
      try {
        await options.prisma.$queryRawUnsafe('SELECT 1');
        return { ok: true, detail: `in-process, ${running.size} running` };
      } catch (error) {
        return { ok: false, detail: `database: ${describeError(error)}` };
      }
    },
  };
}
