// One channel's outage does not stop the hub: Telegram's Bot API unreachable at start-up
// (connection refused), or answering errors without description or error_code (as some
// emulators do), leaves the web chat working and Telegram marked not ready in /readyz; the
// adapter keeps trying with backoff and serves once the API answers.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { freePort } from '../support/process.js';
import { WebchatClient } from '../support/webchat-client.js';

const BUDI = { id: 7301, first_name: 'Budi', language_code: 'id' };
const TOKEN = '123456:TEST-token';
const TUNING = {
  throttle: { out: { maxConcurrent: 1, minTime: 0 }, group: { maxConcurrent: 1, minTime: 0 }, global: {} },
  pollTimeoutSeconds: 1,
  startRetry: { minDelayMs: 100, maxDelayMs: 400 },
};

async function readiness(hub: TestHub) {
  const res = await fetch(`${hub.url}/readyz`);
  return { status: res.status, checks: (await res.json()).checks as Record<string, { ok: boolean; detail?: string }> };
}

let hub: TestHub | undefined;
let fake: FakeTelegramBotApi | undefined;
afterEach(async () => {
  await hub?.close();
  await fake?.stop();
  hub = fake = undefined;
});

describe('Telegram down at start-up', () => {
  it('starts the hub with the web chat serving and Telegram not ready, then serves Telegram once its API is up', async () => {
    const port = await freePort(); // nothing listens there yet: connection refused
    hub = await startTestHub({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` }, { channelTuning: { telegram: TUNING } });

    const replies = await new WebchatClient(hub.url).say({ text: 'halo' });
    expect(replies.length).toBeGreaterThan(0);
    const down = await readiness(hub);
    expect(down.status).toBe(503);
    expect(down.checks[hub.integrations.telegram!]).toMatchObject({ ok: false, detail: expect.stringMatching(/getMe/) });
    expect(down.checks.database?.ok).toBe(true);

    fake = await FakeTelegramBotApi.start(TOKEN, { port });
    fake.pushText(BUDI, '/start');
    await fake.waitForSent(BUDI.id, 1, 5000);
    await eventually(async () => (await readiness(hub!)).checks[hub!.integrations.telegram!]?.ok, 2000);
  });

  it('survives Bot API errors without description or error_code, at start-up and when sending', async () => {
    fake = await FakeTelegramBotApi.start(TOKEN);
    fake.bareErrors = true;
    fake.failNext('getMe', { error_code: 500, description: 'unused' }, 2);
    hub = await startTestHub({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }, { channelTuning: { telegram: TUNING } });
    expect((await readiness(hub)).checks[hub.integrations.telegram!]?.ok).toBe(false);

    fake.failNext('sendMessage', { error_code: 500, description: 'unused' }, 1);
    fake.pushText(BUDI, '/start');
    // the failed send goes back to the outbox and is delivered on its retry
    await fake.waitForSent(BUDI.id, 1, 8000);
    expect(fake.callsOf('sendMessage').length).toBeGreaterThanOrEqual(2);
    expect((await readiness(hub)).checks[hub.integrations.telegram!]?.ok).toBe(true);
  });
});
