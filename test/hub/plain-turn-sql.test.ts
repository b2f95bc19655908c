// The two statements of a plain turn (src/hub/turn-sql.ts) against a real database: the
// optimistic lock, a conversation created twice, a redelivered message and hostile text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { isUniqueViolation } from '../../src/db/client.js';
import { commitPlainTurn, openTurn, type MessageRow, type TurnSender } from '../../src/hub/turn-sql.js';
import { createTestDatabase } from '../support/db.js';

let db: Database;
const now = new Date('2026-12-04T07:00:00.000Z');
const sender = (over: Partial<TurnSender> = {}): TurnSender => ({
  integrationId: 'web', chatId: 'chat-1', externalId: 'citizen-1', displayName: null, phone: null,
  language: 'id', platformMessageId: null, now, ...over,
});
let n = 0;
const row = (over: Partial<MessageRow> = {}): MessageRow => ({
  id: `m-${++n}`, integrationId: 'web', chatId: 'chat-1', direction: 'in', platformMessageId: null, text: 'halo',
  body: {}, complaintId: null, deliveredAt: null, createdAt: now, ...over,
});

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.agency.create({ data: { id: 'kota-bandung', name: 'Pemkot Bandung' } });
  await db.prisma.integration.create({ data: { id: 'web', agencyId: 'kota-bandung', type: 'webchat', name: 'Web chat' } });
}, 60_000);
afterAll(async () => db?.close());

describe('plain turn statements', () => {
  it('creates the conversation once; a second creation of the same chat writes nothing', async () => {
    const first = await openTurn(db.sql, sender());
    expect(first.conversation).toBeNull();
    const owner = { citizenId: first.citizen.id, integrationId: 'web', chatId: 'chat-1' };
    const created = await commitPlainTurn(db.sql, { conversation: owner, state: { step: 1 }, reportsStarted: 1, rows: [row()] });
    expect(await commitPlainTurn(db.sql, { conversation: owner, state: { step: 9 }, reportsStarted: 0, rows: [row()] })).toBeNull();
    const again = await openTurn(db.sql, sender());
    expect(again.citizen.id).toBe(first.citizen.id);
    expect(again.conversation).toMatchObject({ state: { step: 1 }, version: 0 });
    // what the commit says it stored is what a read gives back
    expect(created).toEqual(again.conversation);
    expect(await db.prisma.message.count({ where: { chatId: 'chat-1' } })).toBe(1);
    expect((await db.prisma.conversation.findFirstOrThrow({ where: { chatId: 'chat-1' } })).reportsStarted).toBe(1);
  });

  it('writes at the version read only: a stale writer changes nothing', async () => {
    const { conversation } = await openTurn(db.sql, sender());
    const written = await commitPlainTurn(db.sql, { conversation: conversation!, state: { step: 2 }, reportsStarted: 0, rows: [row(), row({ direction: 'out' })] });
    expect(await commitPlainTurn(db.sql, { conversation: conversation!, state: { step: 3 }, reportsStarted: 0, rows: [row()] })).toBeNull();
    const after = await openTurn(db.sql, sender());
    expect(after.conversation).toMatchObject({ state: { step: 2 }, version: 1 });
    expect(written).toEqual(after.conversation);
    expect(await db.prisma.message.count({ where: { chatId: 'chat-1' } })).toBe(3);
  });

  it('sees a redelivered platform message, and a racing second insert fails as a unique violation', async () => {
    const { conversation } = await openTurn(db.sql, sender({ platformMessageId: 'p-1' }));
    expect(await commitPlainTurn(db.sql, { conversation: conversation!, state: {}, reportsStarted: 0, rows: [row({ platformMessageId: 'p-1' })] })).not.toBeNull();
    expect((await openTurn(db.sql, sender({ platformMessageId: 'p-1' }))).seen).toBe(true);
    const current = (await openTurn(db.sql, sender())).conversation!;
    const error = await commitPlainTurn(db.sql, { conversation: current, state: {}, reportsStarted: 0, rows: [row({ platformMessageId: 'p-1' })] }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    // the statement is atomic: the state was not written either
    expect((await openTurn(db.sql, sender())).conversation!.version).toBe(current.version);
  });

  it('stores text with NUL and an unpaired surrogate, cleaned', async () => {
    const { conversation } = await openTurn(db.sql, sender({ displayName: 'Bu\u0000di\uD800' }));
    const text = 'lampu\u0000 mati \uDC00';
    const written = await commitPlainTurn(db.sql, { conversation: conversation!, state: { note: text }, reportsStarted: 0, rows: [row({ text, body: { caption: text } })] });
    expect(written?.state).toEqual({ note: 'lampu mati \uFFFD' });
    const stored = await db.prisma.message.findFirstOrThrow({ where: { text: { startsWith: 'lampu' } } });
    expect(stored.text).toBe('lampu mati \uFFFD');
    expect((await openTurn(db.sql, sender())).conversation!.state).toEqual({ note: 'lampu mati \uFFFD' });
    expect((await openTurn(db.sql, sender())).citizen.displayName).toBe('Budi\uFFFD');
  });
});
