// Writing work: called inside the transaction that makes the change causing it, so the change
// and its job commit together or not at all. Call the runner's notify() after the commit.
import type { Prisma, PrismaClient } from '@prisma/client';
import type { JobKind, JobPayloads } from './kinds.js';

export type OutboxWriter = Prisma.TransactionClient | PrismaClient;

export async function enqueue<K extends JobKind>(
  tx: OutboxWriter,
  kind: K,
  payload: JobPayloads[K],
  options: { runAt?: Date } = {},
): Promise<string> {
  const row = await tx.outboxJob.create({
    data: { kind, payload: payload as unknown as Prisma.InputJsonObject, ...(options.runAt && { runAt: options.runAt }) },
    select: { id: true },
  });
  return row.id;
}
