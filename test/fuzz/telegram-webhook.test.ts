// Property-based: POST /webhooks/telegram in webhook mode (the Bot API double answers the
// bot's calls) with generated and mutated Update JSON never answers 5xx, explains every
// 4xx in JSON, stores nothing it rejects; without the secret nothing is handed over. An
// accepted update is processed from the queue after its 200: counts are taken once it settled.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import {
  expectAlive, expectClientSafe, fuzzParams, FUZZ_TIMEOUT_MS, mutated, queueSettled, rawJsonText, rawRequest, recordUnhandledRejections, stored,
} from '../support/fuzz.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { NO_THROTTLE } from '../support/telegram-hub.js';
import { validUpdateBody } from '../support/telegram-updates.js';

const SECRET = 'fuzz_webhook-secret-42';
const unhandled = recordUnhandledRejections();
let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  fake = await FakeTelegramBotApi.start();
  hub = await startTestHub(
    { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET },
    { channelTuning: { telegram: { throttle: NO_THROTTLE } } },
  );
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

let nextUpdateId = 1;
const update = validUpdateBody.map((body) => ({ update_id: nextUpdateId++, ...body }));
const body = mutated(update).chain(rawJsonText);
const contentType = fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', '');

const post = (raw: string, headers: Record<string, string>) =>
  rawRequest(hub.url, { method: 'POST', path: '/webhooks/telegram', body: raw, headers });

describe('POST /webhooks/telegram with the secret, generated and mutated updates', () => {
  it('never answers 5xx, explains every 4xx in JSON, and stores nothing it rejects', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, async (raw, type) => {
        await queueSettled(hub.db);
        const before = await stored(hub.db, hub.config.DATA_DIR);
        const res = await post(raw, { 'x-telegram-bot-api-secret-token': SECRET, ...(type && { 'content-type': type }) });
        expectClientSafe(res, `POST /webhooks/telegram ${type} ${raw.slice(0, 300)}`);
        if (res.status >= 400) expect(await stored(hub.db, hub.config.DATA_DIR), raw.slice(0, 300)).toEqual(before);
      }),
      fuzzParams('telegram webhook, with secret'),
    );
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);
});

describe('POST /webhooks/telegram without the right secret', () => {
  it('answers a JSON 401 and stores nothing', async () => {
    const secret = fc.oneof(fc.constant(undefined), fc.stringMatching(/^[\x21-\x7e]{0,80}$/).filter((s) => s !== SECRET), fc.constant(SECRET.slice(1)));
    await fc.assert(
      fc.asyncProperty(body, secret, async (raw, given) => {
        await queueSettled(hub.db);
        const before = await stored(hub.db, hub.config.DATA_DIR);
        const res = await post(raw, { 'content-type': 'application/json', ...(given !== undefined && { 'x-telegram-bot-api-secret-token': given }) });
        expectClientSafe(res, `POST /webhooks/telegram secret=${JSON.stringify(given)}`);
        expect(res.status).toBe(401);
        expect(await stored(hub.db, hub.config.DATA_DIR)).toEqual(before);
      }),
      fuzzParams('telegram webhook, wrong secret'),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('the run as a whole', () => {
  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
