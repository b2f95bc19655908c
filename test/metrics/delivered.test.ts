// lapor_hub_messages_delivered_total counts what the platform accepted: every message the Bot
// API double received from the bot for a citizen, and nothing it did not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { eventually, type TestHub } from '../support/hub.js';
import { startTelegramHub } from '../support/telegram-hub.js';
import { scrape } from './scrape.js';

let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  ({ fake, hub } = await startTelegramHub());
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

describe('messages delivered', () => {
  it('moves by the messages Telegram accepted for the citizen', async () => {
    const labels = { channel: 'telegram', integration: hub.integrations.telegram! };
    const before = await scrape(hub.url);
    const citizen = { id: 6101, first_name: 'Sari' };
    fake.pushText(citizen, '/start');
    await fake.waitForSent(citizen.id, 1, 10_000);
    fake.pushText(citizen, 'bantuan');
    await fake.waitForSent(citizen.id, 2, 10_000);
    const sent = await eventually(async () => {
      const s = await scrape(hub.url);
      const delivered = s.value('lapor_hub_messages_delivered_total', labels) - before.value('lapor_hub_messages_delivered_total', labels);
      return delivered === fake.sentTo(citizen.id).length && delivered;
    });
    expect(sent).toBeGreaterThanOrEqual(2);
  });
});
