// The officers' chat with Telegram in webhook mode: an officer's reply posted by Telegram is
// handled once, even when Telegram posts it again, or when the bot's answer in the group fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { freePort } from '../support/process.js';
import { NO_THROTTLE } from '../support/telegram-hub.js';
import { ADMIN_KEY, AGENCY, answerTo, confirmReport, OFFICERS, postIn, sleep } from './support.js';

const ANI = { id: 9401, first_name: 'Ani' };
let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  const port = await freePort();
  fake = await FakeTelegramBotApi.start();
  fake.addGroup({ id: OFFICERS, title: 'Petugas' });
  hub = await startTestHub({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: 'webhook-secret_123',
    TELEGRAM_OFFICER_CHAT_ID: String(OFFICERS),
    ADMIN_API_KEY: ADMIN_KEY,
    AGENCY_NAME: AGENCY,
  }, { channelTuning: { telegram: { throttle: NO_THROTTLE } } });
  await fake.waitForCall('setWebhook');
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

describe('officers\' replies through the webhook', () => {
  it('are handled once when Telegram posts the same update again', async () => {
    const { chat, complaint } = await confirmReport(hub);
    const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { id: complaint.id, trackingId: { not: null } } }));
    const post = await postIn(fake, (m) => m.text?.startsWith('📢') === true && m.text.includes(filed.trackingId!));
    const update = fake.pushGroupText(OFFICERS, ANI, 'Petugas kami datang hari ini.', { replyTo: post.message_id });
    await answerTo(fake, update.message!.message_id);
    fake.redeliver(update);
    await eventually(async () => fake.webhookDeliveries.filter((d) => d.update_id === update.update_id).length === 2);
    expect(fake.webhookDeliveries.filter((d) => d.update_id === update.update_id).map((d) => d.status)).toEqual([200, 200]);
    await sleep(300);
    expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'officer_reply' } })).toBe(1);
    const told = (await chat.history()).filter((m) => m.text.includes('Petugas kami datang hari ini.'));
    expect(told).toHaveLength(1);
  });

  it('reach the citizen once even when the bot\'s answer in the group fails', async () => {
    const { chat, complaint } = await confirmReport(hub);
    const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { id: complaint.id, trackingId: { not: null } } }));
    const post = await postIn(fake, (m) => m.text?.startsWith('📢') === true && m.text.includes(filed.trackingId!));
    fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const update = fake.pushGroupText(OFFICERS, ANI, 'Kami sudah ke lokasi.', { replyTo: post.message_id });
    await eventually(async () => fake.webhookDeliveries.find((d) => d.update_id === update.update_id));
    expect(fake.webhookDeliveries.find((d) => d.update_id === update.update_id)!.status).toBe(200);
    await eventually(async () => (await chat.history()).find((m) => m.text.includes('Kami sudah ke lokasi.')));
    fake.redeliver(update);
    await sleep(500);
    expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'officer_reply' } })).toBe(1);
  });
});
