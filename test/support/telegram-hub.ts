// A whole hub with Telegram on, talking to a fresh Bot API double: no per-chat throttle and
// short long-polls, so tests see the bot's answers at once.
import type { HubOptions } from '../../src/app.js';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { startTestHub, type TestHub } from './hub.js';

export const NO_THROTTLE = { out: { maxConcurrent: 1, minTime: 0 }, group: { maxConcurrent: 1, minTime: 0 }, global: {} };
export const FAST_TELEGRAM = { throttle: NO_THROTTLE, pollTimeoutSeconds: 1 };

export async function startTelegramHub(env: Record<string, string> = {}, options: HubOptions = {}): Promise<{ fake: FakeTelegramBotApi; hub: TestHub }> {
  const fake = await FakeTelegramBotApi.start();
  const hub = await startTestHub(
    { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...env },
    { ...options, channelTuning: { telegram: FAST_TELEGRAM, ...options.channelTuning } },
  );
  return { fake, hub };
}
