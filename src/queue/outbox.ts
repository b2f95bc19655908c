// Writing work: called inside the transaction that makes the change causing it, so the change
// and its job commit together or not at all. Call the runner's notify() after the commit.
import { Prisma, type PrismaClient } from '@prisma/client';
import type { JobKind, JobPayloads } from './kinds.js';

export type OutboxWriter = Prisma.TransactionClient | PrismaClient;

export interface EnqueueOptions {
  /** not before this time (default: now) */
  runAt?: Date;
  /**
   * jobs with the same key run one after another, in the order they were enqueued (a chat's
   * deliveries); the key goes to the outbox row only, so it must name nobody (a hash)
   */
  orderKey?: string;
}

export async function enqueue<K extends JobKind>(
  tx: OutboxWriter,
  kind: K,
  payload: JobPayloads[K],
  options: EnqueueOptions = {},
): Promise<string> {
  const row = await tx.outboxJob.create({
    data: {
      kind,
      payload: payload as unknown as Prisma.InputJsonObject,
      ...(options.runAt && { runAt: options.runAt }),
      ...(options.orderKey && { orderKey: options.orderKey }),
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * The INSERT of one job per row of `source` (a CTE of the same statement), its payload an SQL
 * expression over that row: for a statement that writes a change and its job at once, atomic
 * without a transaction (the webhook intake). Same row as enqueue() writes.
 */
export function enqueueSql(kind: JobKind, payload: Prisma.Sql, source: Prisma.Sql, orderKey: string | null): Prisma.Sql {
  const now = Prisma.raw(`(now() AT TIME ZONE 'UTC')`);
  return Prisma.sql`
    INSERT INTO "OutboxJob" ("id", "kind", "payload", "status", "attempts", "runAt", "createdAt", "updatedAt", "orderKey")
    SELECT gen_random_uuid()::text, ${kind}, ${payload}, 'pending', 0, ${now}, ${now}, ${now}, ${orderKey}
    FROM ${source}`;
}
