// Jobs that will not run again by themselves, for the admin API: list them, send one back.
import type { PrismaClient } from '@prisma/client';

export interface DeadJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
}

export async function listDeadJobs(prisma: PrismaClient, options: { kind?: string; limit?: number } = {}): Promise<DeadJob[]> {
  return prisma.outboxJob.findMany({
    where: { status: 'dead', ...(options.kind && { kind: options.kind }) },
    orderBy: { updatedAt: 'desc' },
    take: options.limit ?? 100,
    select: { id: true, kind: true, payload: true, attempts: true, lastError: true, updatedAt: true },
  });
}

/**
 * Sends a dead job back: pending, due now, attempts reset, and a fresh retry window (the next claim
 * sets firstAttemptAt again). lastError is kept for the record.
 * False when the job is not dead (already retried, or unknown).
 */
export async function retryDeadJob(prisma: Pick<PrismaClient, '$executeRawUnsafe'>, id: string, runner?: { notify(): void }): Promise<boolean> {
  const count = await prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob" SET status = 'pending', attempts = 0, "runAt" = (now() AT TIME ZONE 'UTC'),
            "firstAttemptAt" = NULL, "lockedUntil" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE id = $1 AND status = 'dead'`,
    id,
  );
  if (count > 0) runner?.notify();
  return count > 0;
}
