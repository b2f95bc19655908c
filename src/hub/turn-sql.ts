// The statements of an inbound turn in SQL, where Prisma's query builder would take several
// round trips (the citizen's upsert), one statement per row (a turn's messages) or its query
// compiler and transaction per call (the hot path; see issue 12's profile). A plain turn is
// two statements straight to the driver: openTurn reads, commitPlainTurn writes. Prisma stays
// the schema, the migrations and the client everywhere else, and runs turns with effects. Timestamps are UTC, as Prisma
// writes them (TIMESTAMP(3) without a zone).
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../db/client.js';
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

export interface TurnConversation {
  id: string;
  state: unknown;
  version: number;
}

export interface OpenedTurn {
  /** the platform's id of this message is stored already: a redelivery */
  seen: boolean;
  citizen: TurnCitizen;
  conversation: TurnConversation | null;
}

export interface TurnSender {
  integrationId: string;
  chatId: string;
  externalId: string;
  displayName: string | null;
  phone: string | null;
  language: string;
  platformMessageId: string | null;
  now: Date;
}

// the sender's row, created on their first message; a name or phone the platform now gives
// replaces the stored one (the update runs only when something changed)
const UPSERT_CITIZEN = `
  written AS (
    INSERT INTO "Citizen" ("id", "integrationId", "externalId", "displayName", "phone", "language", "createdAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7::timestamp(3))
    ON CONFLICT ("integrationId", "externalId") DO UPDATE
      SET "displayName" = COALESCE(EXCLUDED."displayName", "Citizen"."displayName"),
          "phone" = COALESCE(EXCLUDED."phone", "Citizen"."phone")
      WHERE (EXCLUDED."displayName" IS NOT NULL AND EXCLUDED."displayName" IS DISTINCT FROM "Citizen"."displayName")
         OR (EXCLUDED."phone" IS NOT NULL AND EXCLUDED."phone" IS DISTINCT FROM "Citizen"."phone")
    RETURNING "id", "displayName", "phone"),
  citizen AS (
    SELECT "id", "displayName", "phone" FROM written
    UNION ALL
    SELECT "id", "displayName", "phone" FROM "Citizen"
    WHERE "integrationId" = $2 AND "externalId" = $3 AND NOT EXISTS (SELECT 1 FROM written))`;

const OPEN_TURN = `
  WITH ${UPSERT_CITIZEN}
  SELECT c."id" AS "citizenId", c."displayName", c."phone",
         v."id" AS "conversationId", v."state", v."version",
         EXISTS (SELECT 1 FROM "Message" m
                 WHERE m."integrationId" = $2 AND m."direction" = 'in' AND m."platformMessageId" = $9) AS "seen"
  FROM (SELECT 1) AS one
  LEFT JOIN citizen c ON true
  LEFT JOIN "Conversation" v ON v."integrationId" = $2 AND v."chatId" = $8`;

interface OpenTurnRow {
  citizenId: string | null;
  displayName: string | null;
  phone: string | null;
  conversationId: string | null;
  state: unknown;
  version: number | null;
  seen: boolean;
}

/**
 * Everything a turn reads before the engine runs, in one statement: the sender's row
 * (upserted), the chat's conversation and whether this platform message was seen before.
 */
export async function openTurn(sql: SqlRunner, s: TurnSender): Promise<OpenedTurn> {
  const [row] = await query<OpenTurnRow>(sql, OPEN_TURN, [
    randomUUID(), s.integrationId, s.externalId, s.displayName, s.phone, s.language, s.now.toISOString(), s.chatId, s.platformMessageId,
  ]);
  let citizen: TurnCitizen | undefined = row?.citizenId ? { id: row.citizenId, displayName: row.displayName, phone: row.phone } : undefined;
  if (!citizen) {
    // another transaction inserted the row after this statement's snapshot: it is there now
    [citizen] = await query<TurnCitizen>(sql,
      `SELECT "id", "displayName", "phone" FROM "Citizen" WHERE "integrationId" = $1 AND "externalId" = $2`, [s.integrationId, s.externalId]);
  }
  const conversation = row?.conversationId
    ? { id: row.conversationId, state: parseJson(row.state), version: Number(row.version) }
    : null;
  return { seen: Boolean(row?.seen), citizen: citizen!, conversation };
}

/** A turn that changes nothing but the conversation and its messages (most turns). */
export interface PlainTurn {
  /** the conversation as read (optimistic lock), or the new one's owner */
  conversation: TurnConversation | { citizenId: string; integrationId: string; chatId: string };
  state: unknown;
  /** reports started in this turn (0 or 1) */
  reportsStarted: number;
  rows: MessageRow[];
}

/**
 * Commits a plain turn in one statement (atomic by itself): the state written at the version
 * read (or the conversation created), and only then the turn's messages. Returns the
 * conversation as stored now (its state as cleaned for storage); null: another write came
 * first (the version moved, or another process created the conversation). A unique violation
 * is thrown: the inbound message was stored before.
 */
export async function commitPlainTurn(sql: SqlRunner, turn: PlainTurn): Promise<TurnConversation | null> {
  const state = storableArgs(turn.state);
  const c = turn.conversation;
  const stored: TurnConversation = 'id' in c ? { id: c.id, state, version: c.version + 1 } : { id: randomUUID(), state, version: 0 };
  const params: unknown[] = [JSON.stringify(state), turn.reportsStarted];
  if ('id' in c) params.push(c.id, c.version);
  else params.push(stored.id, c.integrationId, c.chatId, c.citizenId);
  pushMessages(params, turn.rows);
  const inserted = await query(sql, commitStatement('id' in c ? 'update' : 'insert', turn.rows.length), params);
  return inserted.length > 0 ? stored : null;
}

/** The first plain turn of a chat nothing is stored of yet: the sender becomes a new citizen. */
export interface FirstTurn {
  sender: TurnSender;
  /** the new citizen's id */
  citizenId: string;
  state: unknown;
  reportsStarted: number;
  rows: MessageRow[];
}

/**
 * Commits a chat's first turn in one statement: the citizen, the conversation and the turn's
 * messages, each only if the one before it was inserted. Null, with nothing written, when the
 * sender's citizen row is there already; null, with the citizen written (as openTurn would have),
 * when the chat's conversation is. Either way the turn must run again on the stored rows.
 */
export async function commitFirstTurn(sql: SqlRunner, turn: FirstTurn): Promise<TurnConversation | null> {
  const state = storableArgs(turn.state);
  const stored: TurnConversation = { id: randomUUID(), state, version: 0 };
  const s = turn.sender;
  const params: unknown[] = [JSON.stringify(state), turn.reportsStarted,
    stored.id, s.integrationId, s.chatId, turn.citizenId, s.externalId, s.displayName, s.phone, s.language, s.now.toISOString()];
  pushMessages(params, turn.rows);
  const inserted = await query(sql, commitStatement('create', turn.rows.length), params);
  return inserted.length > 0 ? stored : null;
}

function pushMessages(params: unknown[], rows: MessageRow[]): void {
  for (const m of rows) {
    params.push(m.id, m.integrationId, m.chatId, m.direction, m.platformMessageId, m.text, JSON.stringify(storableArgs(m.body)),
      m.complaintId, m.deliveredAt?.toISOString() ?? null, m.createdAt.toISOString());
  }
}

// One text per shape (how the conversation is written, number of messages), built once: the
// driver names it by its text (a prepared statement), and a string built anew would be hashed
// anew for that. A turn has a few messages; a longer one is built each time rather than kept.
const commitStatements = new Map<string, string>();
const KEPT_UP_TO_ROWS = 12;

function commitStatement(write: 'update' | 'insert' | 'create', rows: number): string {
  const key = `${write}:${rows}`;
  let text = commitStatements.get(key);
  if (text) return text;
  // $1 the state, $2 reports started; then the write's own, then MESSAGE_COLUMNS per message
  let n = 2;
  const p = () => `$${++n}`;
  const written = write === 'update'
    ? `written AS (
       UPDATE "Conversation" SET "state" = $1::jsonb, "version" = "version" + 1, "reportsStarted" = "reportsStarted" + $2::int,
         "updatedAt" = ${NOW_SQL}
       WHERE "id" = ${p()} AND "version" = ${p()}::int RETURNING "id")`
    : write === 'insert'
      ? `written AS (
       INSERT INTO "Conversation" ("id", "integrationId", "chatId", "citizenId", "state", "version", "reportsStarted", "createdAt", "updatedAt")
       VALUES (${p()}, ${p()}, ${p()}, ${p()}, $1::jsonb, 0, $2::int, ${NOW_SQL}, ${NOW_SQL})
       ON CONFLICT ("integrationId", "chatId") DO NOTHING RETURNING "id")`
      // $3 conversation, $4 integration, $5 chat, $6 citizen, $7 external id, $8 name, $9 phone, $10 language, $11 now
      : `citizen AS (
       INSERT INTO "Citizen" ("id", "integrationId", "externalId", "displayName", "phone", "language", "createdAt")
       VALUES ($6, $4, $7, $8, $9, $10, $11::timestamp(3))
       ON CONFLICT ("integrationId", "externalId") DO NOTHING RETURNING "id"),
     written AS (
       INSERT INTO "Conversation" ("id", "integrationId", "chatId", "citizenId", "state", "version", "reportsStarted", "createdAt", "updatedAt")
       SELECT $3, $4, $5, citizen."id", $1::jsonb, 0, $2::int, ${NOW_SQL}, ${NOW_SQL} FROM citizen
       ON CONFLICT ("integrationId", "chatId") DO NOTHING RETURNING "id")`;
  if (write === 'create') n = 11;
  const values = Array.from({ length: rows }, () => `(${p()}, ${p()}, ${p()}, ${p()}, ${p()},
    ${p()}, ${p()}::jsonb, ${p()}, ${p()}::timestamp(3), ${p()}::timestamp(3))`);
  text = `
    WITH ${written}
    INSERT INTO "Message" (${MESSAGE_COLUMNS})
    SELECT v.* FROM (VALUES ${values.join(', ')}) AS v (${MESSAGE_COLUMNS})
    WHERE EXISTS (SELECT 1 FROM written)
    RETURNING 1 AS one`;
  if (rows <= KEPT_UP_TO_ROWS) commitStatements.set(key, text);
  return text;
}

const NOW_SQL = `(now() AT TIME ZONE 'UTC')`;
const MESSAGE_COLUMNS = `"id", "integrationId", "chatId", "direction", "platformMessageId", "text", "body", "complaintId", "deliveredAt", "createdAt"`;

// the statements above go to the driver directly, past the client's guard: clean them here
const query = <T,>(sql: SqlRunner, text: string, params: unknown[]) => sql.query<T>(text, params.map(storableArgs));

// the drivers give jsonb back parsed; PGlite's older paths may give text
const parseJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

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
