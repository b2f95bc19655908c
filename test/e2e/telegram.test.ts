// A citizen files a complaint in Telegram and hears of its status changes: the whole hub
// (engine, database, queue, simulator) with grammY talking to a Bot API double over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, type SentMessage } from '../doubles/telegram-bot-api.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import type { TelegramTuning } from '../../bots/telegram/index.js';
import { NO_THROTTLE, startTelegramHub } from '../support/telegram-hub.js';

const BUDI = { id: 7001, first_name: 'Budi', last_name: 'Santoso', language_code: 'id' };
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 7)]);

let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  ({ fake, hub } = await startTelegramHub());
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

/** What the bot sent to the chat since the last call, once it has gone quiet. */
function conversation(chatId: number) {
  let seen = 0;
  return async function botSays(): Promise<SentMessage[]> {
    await fake.waitForSent(chatId, seen + 1, 10_000);
    let count = -1;
    while (count !== fake.sentTo(chatId).length) {
      count = fake.sentTo(chatId).length;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const fresh = fake.sentTo(chatId).slice(seen);
    seen = count;
    return fresh;
  };
}

const buttons = (message: SentMessage): string[] =>
  (message.reply_markup?.inline_keyboard ?? []).flat().map((b: { callback_data: string }) => b.callback_data);
const withButtons = (messages: SentMessage[]) => [...messages].reverse().find((m) => buttons(m).length > 0);

describe('a complaint in Telegram', () => {
  it('is filed through inline keyboards, a shared location and a photo, and its status changes reach the chat', async () => {
    const botSays = conversation(BUDI.id);
    fake.pushText(BUDI, '/start');
    const menu = withButtons(await botSays())!;
    expect(buttons(menu)).toContain('PENGADUAN');

    fake.pushTap(BUDI, menu.message_id, 'PENGADUAN');
    await fake.waitForCall('answerCallbackQuery');
    expect((await botSays()).map((m) => m.text).join('\n')).toMatch(/ceritakan|masalah/i);

    fake.pushText(BUDI, 'Jembatan kayu di dekat sekolah dasar sudah lapuk dan hampir roboh, anak-anak takut lewat.');
    const categories = withButtons(await botSays())!;
    expect(buttons(categories)).toHaveLength(13);

    fake.pushTap(BUDI, categories.message_id, 'infrastruktur');
    const askLocation = await botSays();
    const locationKeyboard = askLocation.find((m) => m.reply_markup?.keyboard);
    expect(locationKeyboard?.reply_markup.keyboard.flat()[0]).toMatchObject({ request_location: true });

    fake.pushMessage(BUDI, { location: { latitude: -6.9175, longitude: 107.5695 } });
    expect((await botSays()).map((m) => m.text).join('\n')).toMatch(/kapan/i);

    fake.pushText(BUDI, 'kemarin');
    expect((await botSays()).map((m) => m.text).join('\n')).toMatch(/foto|bukti/i);

    const photo = fake.addFile(JPEG);
    fake.pushMessage(BUDI, { photo: [{ ...photo, width: 64, height: 64 }] });
    let question = withButtons(await botSays())!;
    // after a photo the bot offers to continue; then the privacy choice
    while (!buttons(question).includes('public')) {
      const next = buttons(question).find((b) => ['done', 'skip'].includes(b));
      expect(next, `unexpected question: ${question.text}`).toBeDefined();
      fake.pushTap(BUDI, question.message_id, next!);
      question = withButtons(await botSays())!;
    }
    fake.pushTap(BUDI, question.message_id, 'public');
    // the name comes from the Telegram profile: only confirmed
    const askName = withButtons(await botSays())!;
    expect(askName.text).toContain('Budi Santoso');
    fake.pushTap(BUDI, askName.message_id, 'yes');
    expect((await botSays()).map((m) => m.text).join('\n')).toMatch(/HP|telepon|nomor/i);

    fake.pushText(BUDI, '0812 3456 7890');
    const summary = withButtons(await botSays())!;
    expect(buttons(summary)).toEqual(expect.arrayContaining(['confirm', 'edit', 'cancel']));
    fake.pushTap(BUDI, summary.message_id, 'confirm');

    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: String(BUDI.id), trackingId: { not: null } } }));
    expect(complaint).toMatchObject({
      channel: 'telegram', reporterName: 'Budi Santoso', reporterPhone: '+6281234567890', category: 'infrastruktur',
      latitude: -6.9175, longitude: 107.5695,
    });
    expect(complaint.attachments).toHaveLength(1);
    const filed = hub.simulator!.control.report(complaint.trackingId!)!.report as { attachments: { url: string }[]; channel: string };
    expect(filed.channel).toBe('telegram');
    const media = await fetch(filed.attachments[0]!.url.replace(/^http:\/\/localhost:0/, hub.url));
    expect(Buffer.from(await media.arrayBuffer())).toEqual(JPEG);

    await eventually(async () => fake.sentTo(BUDI.id).find((m) => m.text?.includes(complaint.trackingId!)));
    await botSays();

    hub.simulator!.control.setStatus(complaint.trackingId!, 'TERDISPOSISI', 'Dinas PUPR Kabupaten Garut');
    await hub.poller.pollOnce();
    expect((await botSays()).map((m) => m.text).join('\n')).toContain('Dinas PUPR Kabupaten Garut');
  });

  it('does nothing for a redelivered update', async () => {
    const user = { id: 7002, first_name: 'Sari' };
    const botSays = conversation(user.id);
    const update = fake.pushText(user, 'halo');
    const first = await botSays();
    fake.redeliver(update);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.sentTo(user.id)).toHaveLength(first.length);
    expect(await hub.prisma.message.count({ where: { chatId: String(user.id), direction: 'in' } })).toBe(1);
  });

  it('explains unsupported content politely', async () => {
    const user = { id: 7003, first_name: 'Rina' };
    const botSays = conversation(user.id);
    fake.pushMessage(user, { sticker: { file_id: 's1', file_unique_id: 'su1', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    const reply = (await botSays()).map((m) => m.text).join('\n');
    expect(reply.length).toBeGreaterThan(10);
  });

  it('stops sending to a chat that blocked the bot, and does not retry', async () => {
    const user = { id: 7004, first_name: 'Joko' };
    const botSays = conversation(user.id);
    fake.pushText(user, 'halo');
    await botSays();
    fake.blockNext('sendMessage', 5);
    fake.pushText(user, 'bantuan');
    const citizen = await eventually(() => hub.prisma.citizen.findFirst({ where: { externalId: String(user.id), blockedAt: { not: null } } }));
    expect(citizen.blockedAt).not.toBeNull();
    // the delivery job ends (no retry) once it has recorded the block
    await eventually(async () => (await hub.prisma.outboxJob.count({ where: { kind: 'deliver_message', status: { in: ['pending', 'running'] } } })) === 0);
    expect(await hub.prisma.outboxJob.count({ where: { kind: 'deliver_message', status: 'dead' } })).toBe(0);
    const attempts = fake.callsOf('sendMessage').filter((p) => String(p.chat_id) === String(user.id)).length;
    fake.pushText(user, 'halo lagi');
    await eventually(() => hub.prisma.message.findFirst({ where: { chatId: String(user.id), deliveryError: 'blocked', text: { not: null } }, orderBy: { createdAt: 'desc' } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.callsOf('sendMessage').filter((p) => String(p.chat_id) === String(user.id)).length).toBe(attempts);
  });
});

/** A hub of its own with the bot in webhook mode, Telegram posting to PUBLIC_URL on `port`. */
function startWebhookHub(api: FakeTelegramBotApi, port: number, tuning: TelegramTuning = {}): Promise<TestHub> {
  return startTestHub({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: 'webhook-secret_123',
  }, { channelTuning: { telegram: { throttle: NO_THROTTLE, ...tuning } } });
}

describe('Telegram in webhook mode', () => {
  it('registers the webhook with its secret and answers updates posted to /webhooks/telegram', async () => {
    const { freePort } = await import('../support/process.js');
    const port = await freePort();
    const api = await FakeTelegramBotApi.start();
    const webhookHub = await startWebhookHub(api, port);
    try {
      const registered = await api.waitForCall('setWebhook');
      expect(registered).toMatchObject({ url: `http://127.0.0.1:${port}/webhooks/telegram`, secret_token: 'webhook-secret_123' });
      const unsigned = await fetch(`http://127.0.0.1:${port}/webhooks/telegram`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ update_id: 1 }),
      });
      expect(unsigned.status).toBe(401);
      api.pushText({ id: 7100, first_name: 'Wati' }, '/start');
      const [welcome] = await api.waitForSent(7100);
      expect(welcome!.reply_markup?.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data)).toContain('PENGADUAN');
    } finally {
      await webhookHub.close();
      await api.stop();
    }
  });

  it('stores an update posted while the Bot API is unreachable, answers 200, and handles it once the bot connects', async () => {
    const { freePort } = await import('../support/process.js');
    const port = await freePort();
    const api = await FakeTelegramBotApi.start();
    api.failNext('getMe', { error_code: 502, description: 'Bad Gateway' }, 3);
    const webhookHub = await startWebhookHub(api, port, { startRetry: { minDelayMs: 300, maxDelayMs: 600 } });
    try {
      // Telegram still posts (the webhook was set by an earlier run) while getMe fails
      const update = { update_id: 42_001, message: { message_id: 1, date: 1, chat: { id: 7200, type: 'private' }, from: { id: 7200, is_bot: false, first_name: 'Tuti' }, text: '/start' } };
      const post = () => fetch(`http://127.0.0.1:${port}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 'webhook-secret_123' },
        body: JSON.stringify(update),
      });
      expect((await post()).status).toBe(200);
      expect(api.callsOf('setWebhook')).toHaveLength(0); // not connected yet: stored, not handled
      expect((await post()).status).toBe(200); // Telegram posting it again stores nothing
      expect(await webhookHub.prisma.inboundWebhook.count({ where: { dedupeKey: '42001' } })).toBe(1);
      await api.waitForCall('setWebhook');
      const [welcome] = await api.waitForSent(7200, 1, 10_000);
      expect(welcome!.reply_markup?.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data)).toContain('PENGADUAN');
      const row = await eventually(() => webhookHub.prisma.inboundWebhook.findFirst({ where: { dedupeKey: '42001', processedAt: { not: null } } }));
      expect(row.payload).toEqual({}); // the citizen's text does not stay in the intake table
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(api.sentTo(7200)).toHaveLength(1);
    } finally {
      await webhookHub.close();
      await api.stop();
    }
  });
});
