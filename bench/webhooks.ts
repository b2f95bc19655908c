// npm run bench:webhooks: Telegram and WhatsApp Cloud webhooks into the hub (verified,
// stored, deduplicated, acknowledged; processed from the queue), beside the baseline
// (node:http + one INSERT per request), the same closed-loop load on each in one run.
// Bot API and Graph API are local doubles (test/doubles/) in this process. C (default 50),
// D (default 15), warm-up (default 5 s), --db postgres|embedded, --json. See docs/benchmarks.md.
import { createHmac } from 'node:crypto';
import { FakeGraphApi } from '../test/doubles/graph-api.js';
import { FakeTelegramBotApi } from '../test/doubles/telegram-bot-api.js';
import { runLoop, type Request, type Result } from './support/loop.js';
import { benchOptions } from './support/options.js';
import { cleanup, createDatabase, freeRedisDatabase, reachable, startBaseline, startHub } from './support/processes.js';
import { report } from './support/report.js';

const TELEGRAM_SECRET = 'bench-webhook-secret';
const USERS = 5_000;
const TEXTS = ['halo', 'Jalan di depan rumah saya rusak parah', 'Lampu jalan mati sudah seminggu', 'kemarin', 'Jl. Merdeka, Kota Bandung'];

const options = benchOptions();
const serversUp = (await reachable('postgres')) && (await reachable('redis'));
const db = options.db ?? (serversUp ? 'postgres' : 'embedded');
const concurrency = options.c ?? 50;
const seconds = options.d ?? 15;
const warmupSeconds = options.warmup ?? 5;

// every request unique (no update or message id repeats), from one of many citizens
let sequence = 0;
const user = () => 100_000 + Math.floor(Math.random() * USERS);
const text = () => TEXTS[sequence % TEXTS.length]!;

function telegramUpdate(): Request {
  const id = user();
  const update = {
    update_id: ++sequence,
    message: {
      message_id: sequence, date: Math.floor(Date.now() / 1000), text: text(),
      from: { id, is_bot: false, first_name: 'Warga', language_code: 'id' },
      chat: { id, type: 'private', first_name: 'Warga' },
    },
  };
  return { path: '/webhooks/telegram', body: JSON.stringify(update), headers: { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET } };
}

function whatsappWebhook(graph: FakeGraphApi): Request {
  const from = `62812${user()}`;
  const raw = JSON.stringify(graph.envelope(graph.phoneNumberId, {
    contacts: [{ profile: { name: 'Warga' }, wa_id: from }],
    messages: [{ from, id: `wamid.bench${++sequence}${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text() } }],
  }));
  // Meta signs the raw body with the app secret
  const signature = `sha256=${createHmac('sha256', graph.appSecret).update(raw).digest('hex')}`;
  return { path: '/webhooks/whatsapp', body: raw, headers: { 'x-hub-signature-256': signature } };
}

/** Resolves once `count` (calls the hub made to a double) has not grown for 2 s; at most 60 s. */
async function settled(count: () => number): Promise<void> {
  for (let last = -1, waited = 0; count() !== last && waited < 60_000; waited += 2000) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

const results: Result[] = [];
const telegram = await FakeTelegramBotApi.start();
const graph = await FakeGraphApi.start();
try {
  const loop = { concurrency, seconds, warmupSeconds };
  if (await reachable('postgres')) {
    const baseline = await startBaseline(await createDatabase('webhooks_baseline'));
    results.push(await runLoop({ target: 'baseline', url: baseline, ...loop, next: () => telegramUpdate() }));
  }
  const hub = await startHub({
    ...(db === 'postgres' ? { DATABASE_URL: await createDatabase('webhooks_hub'), REDIS_URL: await freeRedisDatabase() } : {}),
    TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    ...graph.env(),
  });
  const name = db === 'postgres' ? 'PostgreSQL + Redis' : 'embedded';
  results.push(await runLoop({ target: `hub telegram (${name})`, url: hub, ...loop, next: () => telegramUpdate() }));
  // the queue works off the Telegram updates before WhatsApp is measured, not during it
  await settled(() => telegram.calls.length);
  results.push(await runLoop({ target: `hub whatsapp-cloud (${name})`, url: hub, ...loop, next: () => whatsappWebhook(graph) }));
} finally {
  await cleanup();
  await telegram.stop();
  await graph.stop();
}
report('bench:webhooks (acknowledged webhooks)', { concurrency, seconds, warmupSeconds, db }, results, options.json);
