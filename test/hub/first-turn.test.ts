// A chat's first turn in one statement (commitFirstTurn): a chat this process has never seen,
// in a message without a platform id, is taken for a new one. When it is not new (another
// process's chat, a citizen stored before), the try writes nothing of the turn and the turn runs
// again on the stored rows.
import { describe, expect, it } from 'vitest';
import { KnownChats } from '../../src/hub/known-chats.js';
import { twoHubsOnOneDatabase } from '../support/two-hubs.js';
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
  const two = twoHubsOnOneDatabase();
  const { hubs } = two;

  const inbound = (chatId: string) => two.db.prisma.message.count({ where: { chatId, direction: 'in' } });

  it('is one statement for a new chat: its citizen, its conversation and the messages', async () => {
    const chat = new WebchatClient(hubs[0]!.url);
    two.statements.length = 0;
    const replies = await chat.say({ text: 'halo' });
    expect(replies.length).toBeGreaterThan(0);
    expect(two.statements).toHaveLength(1);
    const conversation = await two.db.prisma.conversation.findFirstOrThrow({ where: { chatId: chat.sessionId }, include: { citizen: true } });
    expect(conversation).toMatchObject({ version: 0, citizen: { externalId: chat.sessionId, language: 'id' } });
    expect(await two.db.prisma.message.count({ where: { chatId: chat.sessionId } })).toBe(1 + replies.length);
  });

  it("takes another process's chat for what it is: the turn again on its rows, once", async () => {
    const chat = new WebchatClient(hubs[1]!.url);
    await chat.say({ text: 'halo' });
    const onOther = new WebchatClient(hubs[0]!.url, chat.sessionId);
    two.statements.length = 0;
    const replies = await onOther.say({ payload: 'PENGADUAN' });
    // the first-turn try (nothing written), the read, the commit
    expect(two.statements).toHaveLength(3);
    expect(replies.at(-1)?.expects?.slot).toBe('description');
    two.statements.length = 0;
    await onOther.say({ text: 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.' });
    expect(two.statements).toHaveLength(1);
    expect(await inbound(chat.sessionId)).toBe(3);
    expect(await two.db.prisma.conversation.count({ where: { chatId: chat.sessionId } })).toBe(1);
    expect((await two.db.prisma.conversation.findFirstOrThrow({ where: { chatId: chat.sessionId } })).version).toBe(2);
  });

  it('keeps a citizen stored before: the chat opens on that row, not a new one', async () => {
    const first = new WebchatClient(hubs[0]!.url);
    await first.say({ text: 'halo' });
    const { integrationId } = await two.db.prisma.citizen.findFirstOrThrow({ where: { externalId: first.sessionId } });
    const sessionId = newSessionId();
    const stored = await two.db.prisma.citizen.create({ data: { integrationId, externalId: sessionId, displayName: 'Sari' } });

    await new WebchatClient(hubs[0]!.url, sessionId).say({ text: 'halo' });
    const conversation = await two.db.prisma.conversation.findFirstOrThrow({ where: { chatId: sessionId } });
    expect(conversation.citizenId).toBe(stored.id);
    expect(await two.db.prisma.citizen.count({ where: { externalId: sessionId } })).toBe(1);
    expect(await inbound(sessionId)).toBe(1);
  });
});
