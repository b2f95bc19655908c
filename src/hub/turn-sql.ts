// The statements of an inbound turn in SQL, where Prisma's query builder would take several
// round trips (the citizen's upsert), one statement per row (a turn's messages) or its query
// compiler per call (the hot path's reads and writes; see issue 12's profile). Prisma stays
// the schema, the migrations and the client everywhere else. Timestamps are UTC, as Prisma
// writes them (TIMESTAMP(3) without a zone).
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import { storableArgs } from '../db/text-guard.js';

type Db = Prisma.TransactionClient | PrismaClient;

// JSON.stringify writes NUL and unpaired surrogates as \u escapes, which jsonb refuses: clean
// the value first, as the client's guard does for every other argument (src/db/text-guard.ts)
const jsonb = (value: unknown) => Prisma.sql`${JSON.stringify(storableArgs(value))}::jsonb`;
const utc = (at: Date) => Prisma.sql`${at.toISOString()}::timestamp(3)`;
const NOW = Prisma.raw(`(now() AT TIME ZONE 'UTC')`);

export interface TurnCitizen {
  id: string;
  displayName: string | null;
  phone: string | null;
}

/**
 * The sender's row, created on their first message; a name or phone the platform now gives
 * replaces the stored one. One statement: the update runs only when something changed.
 */
export async function upsertCitizen(db: Db, c: {
  integrationId: string; externalId: string; displayName: string | null; phone: string | null; language: string; now: Date;
}): Promise<TurnCitizen> {
  const rows = await db.$queryRaw<TurnCitizen[]>`
    WITH written AS (
      INSERT INTO "Citizen" ("id", "integrationId", "externalId", "displayName", "phone", "language", "createdAt")
      VALUES (${randomUUID()}, ${c.integrationId}, ${c.externalId}, ${c.displayName}, ${c.phone}, ${c.language}, ${utc(c.now)})
      ON CONFLICT ("integrationId", "externalId") DO UPDATE
        SET "displayName" = COALESCE(EXCLUDED."displayName", "Citizen"."displayName"),
            "phone" = COALESCE(EXCLUDED."phone", "Citizen"."phone")
        WHERE (EXCLUDED."displayName" IS NOT NULL AND EXCLUDED."displayName" IS DISTINCT FROM "Citizen"."displayName")
           OR (EXCLUDED."phone" IS NOT NULL AND EXCLUDED."phone" IS DISTINCT FROM "Citizen"."phone")
      RETURNING "id", "displayName", "phone")
    SELECT "id", "displayName", "phone" FROM written
    UNION ALL
    SELECT "id", "displayName", "phone" FROM "Citizen"
    WHERE "integrationId" = ${c.integrationId} AND "externalId" = ${c.externalId} AND NOT EXISTS (SELECT 1 FROM written)`;
  if (rows[0]) return rows[0];
  // another transaction inserted the row after this statement's snapshot: it is there now
  const [row] = await db.$queryRaw<TurnCitizen[]>`
    SELECT "id", "displayName", "phone" FROM "Citizen" WHERE "integrationId" = ${c.integrationId} AND "externalId" = ${c.externalId}`;
  return row!;
}

export interface TurnConversation {
  id: string;
  state: unknown;
  version: number;
}

export async function findConversation(db: Db, integrationId: string, chatId: string): Promise<TurnConversation | null> {
  const [row] = await db.$queryRaw<TurnConversation[]>`
    SELECT "id", "state", "version" FROM "Conversation" WHERE "integrationId" = ${integrationId} AND "chatId" = ${chatId}`;
  return row ?? null;
}

/** Writes the state if the row is still at `version` (optimistic lock); false if another write came first. */
export async function writeState(db: Db, conversation: { id: string; version: number }, state: unknown): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Conversation" SET "state" = ${jsonb(state)}, "version" = "version" + 1, "updatedAt" = ${NOW}
    WHERE "id" = ${conversation.id} AND "version" = ${conversation.version}`;
  return count === 1;
}

export interface MessageRow {
  id: string;
  integrationId: string;
  chatId: string;
  direction: 'in' | 'out';
  platformMessageId: string | null;
  text: string | null;
  body: Prisma.InputJsonObject;
  complaintId: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A turn's messages (what the citizen said, what the bot answered) in one statement. */
export async function insertMessages(db: Db, rows: MessageRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((m) => Prisma.sql`(${m.id}, ${m.integrationId}, ${m.chatId}, ${m.direction}, ${m.platformMessageId}, ${m.text},
    ${jsonb(m.body)}, ${m.complaintId}, ${m.deliveredAt?.toISOString() ?? null}::timestamp(3), ${utc(m.createdAt)})`);
  await db.$executeRaw`
    INSERT INTO "Message" ("id", "integrationId", "chatId", "direction", "platformMessageId", "text", "body", "complaintId", "deliveredAt", "createdAt")
    VALUES ${Prisma.join(values)}`;
}
