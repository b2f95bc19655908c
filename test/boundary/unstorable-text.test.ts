// Finding 2: text PostgreSQL cannot store (U+0000, an unpaired surrogate) never gives a 500.
// A client's request is refused with 400 and a reason, storing nothing; a platform's update
// (signed LAPOR! push, Telegram webhook) is stored with NUL removed and U+FFFD for the surrogate.
// Runs on PGlite, and on PostgreSQL with LAPOR_TEST_DB=postgres.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { newSessionId } from '../support/webchat-client.js';

const ADMIN_KEY = 'admin-key-for-unstorable-text-tests';
const PUSH_SECRET = 'lapor-push-secret-for-tests';
const TG_SECRET = 'telegram_webhook-secret';
const REASON = /contains a NUL character or an unpaired surrogate/;

let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  fake = await FakeTelegramBotApi.start();
  hub = await startTestHub({
    ADMIN_API_KEY: ADMIN_KEY,
    LAPOR_WEBHOOK_SECRET: PUSH_SECRET,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    PUBLIC_URL: 'http://127.0.0.1:9',
  });
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

async function expectRefused(res: Response, where: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/json/);
  const { error } = await res.json();
  expect(error).toMatch(REASON);
  expect(error.startsWith(`${where}:`)).toBe(true);
}

describe('a web chat client', () => {
  const post = (body: unknown) =>
    fetch(`${hub.url}/api/v1/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it.each([
    ['a NUL in text', { text: 'a\u0000b' }, 'body.text'],
    ['a lone surrogate in text', { text: 'laporan \ud800' }, 'body.text'],
    ['a NUL in payload', { payload: 'PENGADUAN\u0000' }, 'body.payload'],
    ['a lone low surrogate in payload', { payload: '\udc00' }, 'body.payload'],
    ['a NUL in a key', { text: 'halo', ['x\u0000']: 1 }, 'body key'],
  ])('is refused with 400 for %s, and nothing is stored', async (_name, fields, where) => {
    const sessionId = newSessionId();
    await expectRefused(await post({ sessionId, ...fields }), where);
    expect(await hub.prisma.message.count({ where: { chatId: sessionId } })).toBe(0);
    expect(await hub.prisma.conversation.count({ where: { chatId: sessionId } })).toBe(0);
  });

  it('is refused with 400 for %00 in ?after=', async () => {
    await expectRefused(await fetch(`${hub.url}/api/v1/webchat/sessions/${newSessionId()}/messages?after=%00`), 'query.after');
  });

  it('keeps text with paired surrogates (emoji) and answers it', async () => {
    const sessionId = newSessionId();
    const res = await post({ sessionId, text: 'halo 👋' });
    expect(res.status).toBeLessThan(300);
    expect((await hub.prisma.message.findFirst({ where: { chatId: sessionId, direction: 'in' } }))?.text).toBe('halo 👋');
  });
});

describe('an admin client', () => {
  const admin = (path: string) => fetch(`${hub.url}/api/v1/admin${path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  const adminPost = (path: string, body: unknown) =>
    fetch(`${hub.url}/api/v1/admin${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    ['a complaint id', '/complaints/ab%00cd', 'path'],
    ['a cursor', '/complaints?cursor=%00', 'query.cursor'],
    ['a status filter', '/complaints?status=DIPROSES%00', 'query.status'],
    ['an agency filter', '/complaints?agency=%00', 'query.agency'],
    ['a dead letter id', '/dead-letters?cursor=x%00', 'query.cursor'],
  ])('is refused with 400 for %00 in %s', async (_name, path, where) => {
    await expectRefused(await admin(path), where);
  });

  it('is refused with 400 for a NUL in a POST body and in an id to retry', async () => {
    await expectRefused(await adminPost('/complaints/c1/responses', { message: 'a\u0000b', author: 'Dinas' }), 'body.message');
    await expectRefused(await adminPost('/dead-letters/%00/retry', {}), 'path');
    expect(await hub.prisma.complaintEvent.count()).toBe(0);
  });
});

describe('a platform', () => {
  it('LAPOR!: a signed push with NUL in id and institution is kept, stripped (never a 500)', async () => {
    const raw = Buffer.from(JSON.stringify({
      id: 'u\u00007', tracking_id: '99000001', type: 'status', status: 'TERDISPOSISI',
      institution: 'Dinas\u0000 PUPR \ud800', at: '2026-11-28T09:00:00Z',
    }));
    const res = await fetch(`${hub.url}/webhooks/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Lapor-Signature': `sha256=${createHmac('sha256', PUSH_SECRET).update(raw).digest('hex')}` },
      body: raw,
    });
    expect(res.status).toBe(404); // not filed yet: kept until it is
    const kept = await hub.prisma.pendingUpdate.findMany({ where: { trackingId: '99000001' } });
    expect(kept).toHaveLength(1);
    expect(kept[0]!.id.endsWith(':u7')).toBe(true);
    expect(kept[0]!.update).toMatchObject({ id: 'u7', institution: 'Dinas PUPR \ufffd' });
  });

  it('Telegram: a webhook update with NUL and a lone surrogate in its text is answered 200 and stored stripped', async () => {
    const chatId = 880_001;
    const update = {
      update_id: 555_001,
      message: { message_id: 1, date: 1, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Sari' }, text: 'jalan\u0000 rusak \ud83d' },
    };
    const res = await fetch(`${hub.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    const stored = await eventually(() => hub.prisma.message.findFirst({ where: { chatId: String(chatId), direction: 'in' } }));
    expect(stored.text).toBe('jalan rusak \ufffd');
  });
});
