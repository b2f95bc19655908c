// A later reply never reaches a chat before an earlier one: through the whole hub and grammY
// against the Bot API double, on both queue runners (in-process on the test database, BullMQ
// on PostgreSQL + Redis). The first turn's batch fails with a 502 and waits for its retry (a
// minute, cut short by expedite once the test has seen what happens meanwhile); the citizen's
// next turn is answered only after it, while another citizen is not held up.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { chatOrderKey } from '../../src/hub/outbound.js';
import { createTestDatabase, postgresAvailable } from '../support/db.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { NO_THROTTLE } from '../support/telegram-hub.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';

const bullmqReady = (await redisAvailable()) && (await postgresAvailable());
if (!bullmqReady) console.warn('Redis or PostgreSQL not reachable: the BullMQ variant is skipped');

const variants = [
  { name: 'in-process queue', redis: false },
  ...(bullmqReady ? [{ name: 'BullMQ on Redis + PostgreSQL', redis: true }] : []),
];
const RETRY_MS = 60_000;

describe.each(variants)('order of a chat\'s replies on the $name', ({ redis }) => {
  let fake: FakeTelegramBotApi;
  let hub: TestHub;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    fake = await FakeTelegramBotApi.start();
    db = await createTestDatabase(redis ? 'postgres' : undefined);
    hub = await startTestHub(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...(redis ? { REDIS_URL: TEST_REDIS_URL } : {}) },
      {
        db,
        channelTuning: { telegram: { throttle: NO_THROTTLE, pollTimeoutSeconds: 1 } },
        queue: {
          // the failed batch would come back after RETRY_MS: the test expedites it
          policy: { baseDelayMs: RETRY_MS, maxDelayMs: RETRY_MS, random: () => 0.999 },
          ...(redis ? { bullmq: { prefix: `lapor-test-${randomBytes(4).toString('hex')}` } } : {}),
        },
      },
    );
  });
  afterAll(async () => {
    await hub?.close();
    await db?.close();
    await fake?.stop();
  });

  it('a retried first batch is not overtaken by the next turn\'s batch; another chat is not held up', async () => {
    const budi = { id: 7201 + (redis ? 10 : 0), first_name: 'Budi', language_code: 'id' };
    const siti = { id: 7202 + (redis ? 10 : 0), first_name: 'Siti', language_code: 'id' };
    const callsTo = (chat: number) => fake.callsOf('sendMessage').filter((p) => Number(p.chat_id) === chat);

    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    fake.pushText(budi, '/start');
    await eventually(async () => callsTo(budi.id).length === 1); // the menu's send failed: its batch waits for the retry
    fake.pushText(budi, 'Jalan di depan pasar rusak parah, banyak lubang besar dan kemarin ada motor jatuh.');
    fake.pushText(siti, '/start');
    const key = chatOrderKey({ integrationId: hub.integrations.telegram!, chatId: String(budi.id) });

    // Siti is answered while Budi's first batch waits, and his second turn waits behind it
    await eventually(async () => fake.sentTo(siti.id).length >= 1, 15_000);
    await eventually(async () => (await hub.prisma.outboxJob.count({ where: { orderKey: key } })) === 2, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // time to overtake, were it possible
    expect(fake.sentTo(budi.id)).toEqual([]);
    expect((await hub.prisma.outboxJob.findMany({ where: { orderKey: key }, orderBy: { seq: 'asc' } })).map((j) => [j.status, j.attempts]))
      .toEqual([['pending', 1], ['pending', 0]]);

    await hub.queue.expedite('deliver_message'); // Budi's retry is due now
    await eventually(async () => fake.sentTo(budi.id).length >= 2, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything else of Budi's has arrived
    const toBudi = fake.sentTo(budi.id);
    // the platform's order of messages: Siti was answered while Budi's batch waited
    expect(fake.sentTo(siti.id)[0]!.message_id).toBeLessThan(toBudi[0]!.message_id);
    // what the hub stored for Budi is what he received, in the same order
    const stored = await hub.prisma.message.findMany({
      where: { chatId: String(budi.id), direction: 'out' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(stored.every((m) => m.deliveredAt)).toBe(true);
    // one batch per turn, in the order of the turns; the first one's send had failed
    const batches = await hub.prisma.outboxJob.findMany({ where: { orderKey: key }, orderBy: { seq: 'asc' } });
    expect(batches.map((b) => [b.status, b.attempts])).toEqual([['done', 2], ['done', 1]]);
    const firstTurn = (batches[0]!.payload as { messageIds: string[] }).messageIds;
    expect(toBudi[0]!.text).toBe(stored.find((m) => m.id === firstTurn[0])!.text); // his first turn's answer came first
    expect(toBudi.map((m) => m.text).join('\n\n')).toBe(stored.map((m) => m.text).join('\n\n'));
  });
});
