// Webhook mode: the fake Bot API POSTs updates to the hub's express route, as Telegram does;
// the route stores them (the harness's inbox) and answers, the queue hands them over later.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDI, harness, type Harness } from './helpers.js';

const SECRET = 'rahasia_webhook-123';

describe('telegram adapter, webhook', () => {
  let h: Harness;
  let server: Server;
  let app: express.Express;
  let failNextInbound = false;

  beforeAll(async () => {
    app = express();
    // the hub mounts the handler as is; it parses the JSON body itself when needed
    app.post('/webhooks/telegram', (req, res, next) => h.adapter.webhookHandler()(req, res, next));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/telegram`;
    h = await harness({ mode: 'webhook', webhookUrl: url, webhookSecret: SECRET });
    await h.adapter.start();
  });
  afterAll(async () => {
    await h.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('start registers the webhook with the secret and never polls', () => {
    const [call] = h.fake.callsOf('setWebhook');
    expect(call).toMatchObject({ url: expect.stringContaining('/webhooks/telegram'), secret_token: SECRET });
    expect(call!.allowed_updates).toEqual(['message', 'edited_message', 'callback_query']);
    expect(h.fake.callsOf('getUpdates')).toHaveLength(0);
    expect(h.fake.callsOf('deleteWebhook')).toHaveLength(0);
    expect(h.adapter.health().status).toBe('connected');
  });

  it('rejects a missing or wrong secret with 401 and hands nothing over', async () => {
    const update = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'X' }, text: 'palsu' } };
    await request(app).post('/webhooks/telegram').send(update).expect(401);
    await request(app).post('/webhooks/telegram').set('X-Telegram-Bot-Api-Secret-Token', 'salah').send(update).expect(401);
    expect(h.received).toHaveLength(0);
  });

  it('accepts the right secret with 200, stores the update and hands it over afterwards', async () => {
    const n = h.received.length;
    const update = { update_id: 2, message: { message_id: 2, date: 1, chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: 'Sari' }, text: 'halo' } };
    await request(app).post('/webhooks/telegram').set('X-Telegram-Bot-Api-Secret-Token', SECRET).send(update).expect(200, { ok: true });
    expect(h.stored.at(-1)).toBe('2');
    await h.waitForInbound(n + 1);
    expect(h.received.at(-1)).toMatchObject({ chatId: '4242', platformMessageId: 'm4242:2', content: { kind: 'text', text: 'halo' } });
  });

  it('works behind a hub-wide express.json() too', async () => {
    const parsed = express();
    parsed.use(express.json());
    parsed.post('/webhooks/telegram', h.adapter.webhookHandler());
    const update = { update_id: 3, message: { message_id: 3, date: 1, chat: { id: 4243, type: 'private' }, from: { id: 4243, is_bot: false, first_name: 'Dewi' }, text: 'tes' } };
    await request(parsed).post('/webhooks/telegram').send(update).expect(401);
    const n = h.received.length;
    await request(parsed).post('/webhooks/telegram').set('X-Telegram-Bot-Api-Secret-Token', SECRET).send(update).expect(200);
    await h.waitForInbound(n + 1);
    expect(h.received.at(-1)).toMatchObject({ chatId: '4243', platformMessageId: 'm4243:3' });
  });

  it('an update posted by Telegram is handed over and answered; a redelivery stores nothing', async () => {
    const n = h.received.length;
    const update = h.fake.pushText(BUDI, 'Lampu jalan mati');
    await h.waitForInbound(n + 1);
    await h.fake.waitForSent(BUDI.id, 1);
    h.fake.redeliver(update);
    await waitFor(() => h.fake.webhookDeliveries.filter((d) => d.update_id === update.update_id).length === 2);
    expect(h.fake.webhookDeliveries.filter((d) => d.update_id === update.update_id).map((d) => d.status)).toEqual([200, 200]);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.received.slice(n).map((m) => m.platformMessageId)).toEqual([`m${BUDI.id}:${update.message!.message_id}`]);
    expect(h.stored.filter((key) => key === String(update.update_id))).toHaveLength(1);
    expect(h.fake.sentTo(BUDI.id)).toHaveLength(1);
  });

  it('an update with fields of the wrong types is answered 200 and neither stored nor handed over', async () => {
    const n = h.received.length;
    const stored = h.stored.length;
    const update = { update_id: 7001, message: { message_id: 'satu', chat: { id: 7001, type: 'private' }, text: 'x' } };
    await request(app).post('/webhooks/telegram').set('X-Telegram-Bot-Api-Secret-Token', SECRET).send(update).expect(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.stored).toHaveLength(stored);
    expect(h.received).toHaveLength(n);
  });

  it('an update nested a thousand levels deep is refused with 400 and not stored', async () => {
    const stored = h.stored.length;
    let deep: unknown = 'x';
    for (let i = 0; i < 1_000; i++) deep = { a: deep };
    const update = { update_id: 7002, message: { message_id: 1, date: 1, chat: { id: 7002, type: 'private' }, text: 'x' }, extra: deep };
    const res = await request(app).post('/webhooks/telegram').set('X-Telegram-Bot-Api-Secret-Token', SECRET).set('content-type', 'application/json').send(JSON.stringify(update)).expect(400);
    expect(res.body.error).toMatch(/nests deeper than 32/);
    expect(h.stored).toHaveLength(stored);
  });

  it('when the hub fails to take the update, Telegram still gets 200 and the queue hands it over again', async () => {
    const original = h.replyWith;
    h.replyWith = () => {
      if (!failNextInbound) return { text: 'ok' };
      failNextInbound = false;
      throw new Error('database down');
    };
    failNextInbound = true;
    try {
      const update = h.fake.pushText({ id: 6001, first_name: 'Rina' }, 'tolong');
      await h.fake.waitForSent(6001, 1);
      expect(failNextInbound).toBe(false); // the first hand-over did fail
      expect(h.fake.webhookDeliveries.filter((d) => d.update_id === update.update_id).map((d) => d.status)).toEqual([200]);
      expect(h.received.filter((m) => m.chatId === '6001')).toHaveLength(2);
    } finally {
      h.replyWith = original;
    }
  });

  it('when the update cannot be stored, the webhook answers 500 so Telegram posts it again', async () => {
    h.failNextStore = true;
    const update = h.fake.pushText({ id: 6002, first_name: 'Yusuf' }, 'jalan berlubang');
    await waitFor(() => h.fake.webhookDeliveries.some((d) => d.update_id === update.update_id));
    const first = h.fake.webhookDeliveries.find((d) => d.update_id === update.update_id)!;
    expect(first.status).toBe(500);
    expect(h.stored).not.toContain(String(update.update_id));
    h.fake.redeliver(update);
    await h.fake.waitForSent(6002, 1);
    expect(h.stored.filter((key) => key === String(update.update_id))).toHaveLength(1);
  });
});

async function waitFor(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
