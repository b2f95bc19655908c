// SQL over the OutboxJob table: the single source of truth for both runners.
// Invariants:
// - a run owns a row while status = 'running' and attempts = the value its claim set
//   (the claim increments attempts, so attempts is the fencing token); every write after the
//   run is conditional on it, so a run whose lease was taken over cannot overwrite the new owner;
// - times come from the database clock (one clock for every process), in UTC, as Prisma stores
//   `timestamp(3)` columns;
// - lockedUntil: for a running row, the lease; for a pending row in BullMQ mode, "handed to Redis,
//   the sweep may look again after this" (the in-process runner ignores it on pending rows);
// - order: a row with an orderKey is claimable only when no row with the same key and a lower
//   seq is pending or running (done and dead rows do not hold their successors back). The
//   check is part of the claiming statement, and a predecessor is pending or running from its
//   insertion until it is finished, so two processes can never run a key's rows out of order.
import type { PrismaClient } from '@prisma/client';
import type { JobKind } from './kinds.js';

const NOW = `(now() AT TIME ZONE 'UTC')`;
const ms = (param: string) => `(${param}::float8 * interval '1 millisecond')`;

export interface ClaimedJob {
  id: string;
  kind: JobKind;
  payload: unknown;
  /** after the claim: 1 on the first run */
  attempts: number;
  /** start of the retry window: set by the first claim */
  firstAttemptAt: Date;
  /** the order this job keeps with others of its key (null: none) */
  orderKey: string | null;
  /** its place among them, as a decimal string (a BIGINT) */
  seq: string;
}

const RETURNING = `RETURNING j.id, j.kind, j.payload, j.attempts, j."firstAttemptAt", j."orderKey", j.seq::text AS seq`;

/** No earlier row of the same key is still to run: `alias` may run now as far as order goes. */
const inTurn = (alias: string) => `(${alias}."orderKey" IS NULL OR NOT EXISTS (
  SELECT 1 FROM "OutboxJob" e
  WHERE e."orderKey" = ${alias}."orderKey" AND e.seq < ${alias}.seq AND e.status IN ('pending', 'running')))`;

/** Claims up to `limit` due jobs (pending and due, or running with an expired lease). */
export async function claimDue(prisma: PrismaClient, kinds: JobKind[], limit: number, leaseMs: number) {
  return normalise(await prisma.$queryRawUnsafe<ClaimedJob[]>(
    `WITH due AS (
       SELECT c.id FROM "OutboxJob" c
       WHERE c.kind = ANY($1::text[])
         AND ((c.status = 'pending' AND c."runAt" <= ${NOW}) OR (c.status = 'running' AND c."lockedUntil" < ${NOW}))
         AND ${inTurn('c')}
       ORDER BY c."runAt" LIMIT $2
       FOR UPDATE SKIP LOCKED)
     UPDATE "OutboxJob" j
     SET status = 'running', attempts = j.attempts + 1, "firstAttemptAt" = COALESCE(j."firstAttemptAt", ${NOW}), "lockedUntil" = ${NOW} + ${ms('$3')}, "updatedAt" = ${NOW}
     FROM due WHERE j.id = due.id
     ${RETURNING}`,
    kinds, limit, leaseMs,
  ));
}

/** Claims one job by id (BullMQ mode) when it may run now; null otherwise. */
export async function claimById(prisma: PrismaClient, id: string, leaseMs: number): Promise<ClaimedJob | null> {
  const rows = normalise(await prisma.$queryRawUnsafe<ClaimedJob[]>(
    `UPDATE "OutboxJob" j
     SET status = 'running', attempts = j.attempts + 1, "firstAttemptAt" = COALESCE(j."firstAttemptAt", ${NOW}), "lockedUntil" = ${NOW} + ${ms('$2')}, "updatedAt" = ${NOW}
     WHERE j.id = $1
       AND ((j.status = 'pending' AND j."runAt" <= ${NOW}) OR (j.status = 'running' AND j."lockedUntil" < ${NOW}))
       AND ${inTurn('j')}
     ${RETURNING}`,
    id, leaseMs,
  ));
  return rows[0] ?? null;
}

/**
 * Why a job could not be claimed: finished (or gone), or not yet: wait this long, and/or it is
 * behind an earlier job of its order key (`blocked`: it runs once that one is finished).
 */
export async function peek(
  prisma: PrismaClient, id: string,
): Promise<{ finished: true } | { finished: false; waitMs: number; blocked: boolean }> {
  const rows = await prisma.$queryRawUnsafe<{ status: string; waitMs: number | null; inTurn: boolean }[]>(
    `SELECT j.status, GREATEST(0, EXTRACT(EPOCH FROM (
              CASE j.status WHEN 'pending' THEN j."runAt" ELSE j."lockedUntil" END - ${NOW})) * 1000)::float8 AS "waitMs",
            ${inTurn('j')} AS "inTurn"
     FROM "OutboxJob" j WHERE j.id = $1`,
    id,
  );
  const row = rows[0];
  if (!row || (row.status !== 'pending' && row.status !== 'running')) return { finished: true };
  return { finished: false, waitMs: Math.ceil(Number(row.waitMs ?? 0)), blocked: !row.inTurn };
}

/** The next job of a key after `seq` still to run (pending or running), if any. */
export async function successor(prisma: PrismaClient, orderKey: string, seq: string): Promise<{ id: string; kind: JobKind } | null> {
  const rows = await prisma.$queryRawUnsafe<{ id: string; kind: JobKind }[]>(
    `SELECT id, kind FROM "OutboxJob"
     WHERE "orderKey" = $1 AND seq > $2::bigint AND status IN ('pending', 'running')
     ORDER BY seq LIMIT 1`,
    orderKey, seq,
  );
  return rows[0] ?? null;
}

/** Extends the lease of a run still owning its row; false when the lease was lost. */
export async function renewLease(prisma: PrismaClient, job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const count = await prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob" SET "lockedUntil" = ${NOW} + ${ms('$3')}, "updatedAt" = ${NOW}
     WHERE id = $1 AND status = 'running' AND attempts = $2`,
    job.id, job.attempts, leaseMs,
  );
  return count > 0;
}

export async function markDone(prisma: PrismaClient, job: ClaimedJob): Promise<boolean> {
  const count = await prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob" SET status = 'done', "doneAt" = ${NOW}, "lockedUntil" = NULL, "updatedAt" = ${NOW}
     WHERE id = $1 AND status = 'running' AND attempts = $2`,
    job.id, job.attempts,
  );
  return count > 0;
}

/**
 * Makes every job of a kind that is waiting for a retry due now: the destination that failed
 * them has just answered again, so their backoff no longer serves anything. Returns the count.
 */
export async function expedite(prisma: PrismaClient, kind: JobKind): Promise<string[]> {
  // never before a Retry-After the destination asked for
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "OutboxJob" SET "runAt" = GREATEST(${NOW}, COALESCE("notBefore", ${NOW})), "updatedAt" = ${NOW}
     WHERE kind = $1 AND status = 'pending' AND attempts > 0 AND "runAt" > GREATEST(${NOW}, COALESCE("notBefore", ${NOW}))
     RETURNING id`,
    kind,
  );
  return rows.map((r) => r.id);
}

/**
 * Back to pending, due in delayMs; `handedOverMs` (BullMQ) marks it as already delayed in Redis.
 * A deferral (error null) is no failure: lastError stays, and a job that never failed gets its
 * retry window opened by the claim that first fails it, not by this one.
 */
export async function markRetry(
  prisma: PrismaClient, job: ClaimedJob, delayMs: number, error: string | null, handedOverMs: number | null, notBeforeMs?: number,
): Promise<boolean> {
  const count = await prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob"
     SET status = 'pending', "runAt" = ${NOW} + ${ms('$3')}, "lastError" = COALESCE($4, "lastError"), "updatedAt" = ${NOW},
         "firstAttemptAt" = CASE WHEN $4::text IS NULL AND "lastError" IS NULL THEN NULL ELSE "firstAttemptAt" END,
         "lockedUntil" = CASE WHEN $5::float8 IS NULL THEN NULL ELSE ${NOW} + ${ms('$3')} + ${ms('$5')} END,
         "notBefore" = CASE WHEN $6::float8 IS NULL THEN NULL ELSE ${NOW} + ${ms('$6')} END
     WHERE id = $1 AND status = 'running' AND attempts = $2`,
    job.id, job.attempts, delayMs, error, handedOverMs, notBeforeMs ?? null,
  );
  return count > 0;
}

export async function markDead(prisma: PrismaClient, job: ClaimedJob, error: string): Promise<boolean> {
  const count = await prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob" SET status = 'dead', "lastError" = $3, "lockedUntil" = NULL, "updatedAt" = ${NOW}
     WHERE id = $1 AND status = 'running' AND attempts = $2`,
    job.id, job.attempts, error,
  );
  return count > 0;
}

export interface RelayCandidate {
  id: string;
  kind: JobKind;
  delayMs: number;
}

/**
 * Rows the relay should (re)hand to BullMQ: pending rows not handed over (or whose hand-over
 * is stale), and running rows whose lease expired (their Redis job may be lost). Adding a job
 * that still exists in Redis is a no-op (jobId = row id), so a stale guess costs one round trip.
 */
export async function relayCandidates(prisma: PrismaClient, kinds: JobKind[], limit: number): Promise<RelayCandidate[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: string; kind: JobKind; delayMs: number }[]>(
    `SELECT id, kind, GREATEST(0, EXTRACT(EPOCH FROM ("runAt" - ${NOW})) * 1000)::float8 AS "delayMs"
     FROM "OutboxJob"
     WHERE kind = ANY($1::text[])
       AND ((status = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${NOW}))
         OR (status = 'running' AND "lockedUntil" < ${NOW}))
     ORDER BY "runAt" LIMIT $2`,
    kinds, limit,
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, delayMs: Math.ceil(Number(r.delayMs)) }));
}

/**
 * Forgets which pending rows were handed to Redis, so the next pass adds them again. Used at
 * start: Redis may have lost its jobs (it need not persist) while no process was running.
 * Safe beside other processes: adding a job whose id is still in Redis is a no-op.
 */
export async function forgetHandOvers(prisma: PrismaClient, kinds: JobKind[]): Promise<void> {
  await prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob" SET "lockedUntil" = NULL WHERE kind = ANY($1::text[]) AND status = 'pending' AND "lockedUntil" IS NOT NULL`,
    kinds,
  );
}

/** Marks pending rows as handed to Redis until runAt + graceMs (unless something else moved them on). */
export async function markHandedOver(prisma: PrismaClient, ids: string[], graceMs: number): Promise<void> {
  if (ids.length === 0) return;
  await prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob" SET "lockedUntil" = GREATEST("runAt", ${NOW}) + ${ms('$2')}
     WHERE id = ANY($1::text[]) AND status = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${NOW})`,
    ids, graceMs,
  );
}

// Raw results differ slightly by driver adapter (numbers, dates, JSON as text): make them uniform.
function normalise(rows: ClaimedJob[]): ClaimedJob[] {
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    attempts: Number(r.attempts),
    firstAttemptAt: r.firstAttemptAt instanceof Date ? r.firstAttemptAt : new Date(`${String(r.firstAttemptAt).replace(' ', 'T')}Z`),
    orderKey: r.orderKey ?? null,
    seq: String(r.seq),
  }));
}

/**
 * Ends the leases of every running row of these kinds, so they are claimed again at once.
 * Only for a process that is alone on its database (the embedded PGlite, locked to one
 * process): a running row at its start was left by a process that died.
 */
export async function releaseOrphanedLeases(prisma: PrismaClient, kinds: JobKind[]): Promise<number> {
  return prisma.$executeRawUnsafe(
    `UPDATE "OutboxJob" SET "lockedUntil" = ${NOW} - interval '1 millisecond'
     WHERE kind = ANY($1::text[]) AND status = 'running' AND "lockedUntil" >= ${NOW}`,
    kinds,
  );
}
