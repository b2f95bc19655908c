// A chat's first turn in one statement (commitFirstTurn): a chat this process has never seen,
// in a message without a platform id, is taken for a new one. When it is not new (another
// process's chat, a citizen stored before), the try writes nothing of the turn and the turn runs
// again on the stored rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { KnownChats } from '../../src/hub/known-chats.js';
import { createTestDatabase, testDbKind } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient, newSessionId } from '../support/webchat-client.js';

describe('KnownChats', () => {
  it('drops the least recently seen chat beyond its capacity', () => {
    const known = new KnownChats(2);
    known.add('a');
    known.add('b');
    known.add('a');
    known.add('c');
    expect([known.has('a'), known.has('b'), known.has('c'), known.size]).toEqual([true, false, true, 2]);
  });
});

describe("a chat's first turn", () => {
  let db: Database & { url?: string };
  let second: Database;
  let statements: string[] = [];
  const hubs: TestHub[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    second = testDbKind() === 'postgres' ? await openDatabase({ url: db.url }) : db;
    const counted: Database = { ...db, sql: { ...db.sql, query: (text, params) => (statements.push(text), db.sql.query(text, params)) } };
    hubs.push(await startTestHub({}, { db: counted }), await startTestHub({}, { db: second }));
  }, 60_000);
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    if (second !== db) await second?.close();
    await db?.close();
  });

  const inbound = (chatId: string) => db.prisma.message.count({ where: { chatId, direction: 'in' } });

  it('is one statement for a new chat: its citizen, its conversation and the messages', async () => {
    const chat = new WebchatClient(hubs[0]!.url);
    statements = [];
    const replies = await chat.say({ text: 'halo' });
    expect(replies.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(1);
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { chatId: chat.sessionId }, include: { citizen: true } });
    expect(conversation).toMatchObject({ version: 0, citizen: { externalId: chat.sessionId, language: 'id' } });
    expect(await db.prisma.message.count({ where: { chatId: chat.sessionId } })).toBe(1 + replies.length);
  });

  it("takes another process's chat for what it is: the turn again on its rows, once", async () => {
    const chat = new WebchatClient(hubs[1]!.url);
    await chat.say({ text: 'halo' });
    const onOther = new WebchatClient(hubs[0]!.url, chat.sessionId);
    statements = [];
    const replies = await onOther.say({ payload: 'PENGADUAN' });
    // the first-turn try (nothing written), the read, the commit
    expect(statements).toHaveLength(3);
    expect(replies.at(-1)?.expects?.slot).toBe('description');
    statements = [];
    await onOther.say({ text: 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.' });
    expect(statements).toHaveLength(1);
    expect(await inbound(chat.sessionId)).toBe(3);
    expect(await db.prisma.conversation.count({ where: { chatId: chat.sessionId } })).toBe(1);
    expect((await db.prisma.conversation.findFirstOrThrow({ where: { chatId: chat.sessionId } })).version).toBe(2);
  });

  it('keeps a citizen stored before: the chat opens on that row, not a new one', async () => {
    const first = new WebchatClient(hubs[0]!.url);
    await first.say({ text: 'halo' });
    const { integrationId } = await db.prisma.citizen.findFirstOrThrow({ where: { externalId: first.sessionId } });
    const sessionId = newSessionId();
    const stored = await db.prisma.citizen.create({ data: { integrationId, externalId: sessionId, displayName: 'Sari' } });

    await new WebchatClient(hubs[0]!.url, sessionId).say({ text: 'halo' });
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { chatId: sessionId } });
    expect(conversation.citizenId).toBe(stored.id);
    expect(await db.prisma.citizen.count({ where: { externalId: sessionId } })).toBe(1);
    expect(await inbound(sessionId)).toBe(1);
  });
});
