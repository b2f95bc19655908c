// GET /metrics over HTTP while a real hub takes a web chat conversation to a filed report, with
// LAPOR! failing twice first: every counter moves by exactly what the citizen and the simulator
// did (counted here from the client's side and the faults injected), and the queue shows the backlog.
// With Redis at hand, the same again on the BullMQ runner.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint } from '../support/citizen.js';
import { createTestDatabase } from '../support/db.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { WebchatClient } from '../support/webchat-client.js';
import { scrape } from './scrape.js';

const runners = [{ name: 'in-process', redis: false }, ...((await redisAvailable()) ? [{ name: 'bullmq', redis: true }] : [])];

describe.each(runners)('metrics ($name queue)', ({ redis }) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(redis ? { REDIS_URL: TEST_REDIS_URL } : {}, {
      db,
      queue: {
        policy: { baseDelayMs: 50, maxDelayMs: 200 },
        ...(redis ? { bullmq: { prefix: `lapor-metrics-${randomBytes(4).toString('hex')}`, sweepIntervalMs: 200 } } : {}),
      },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await db?.close();
  });

  it('counts one conversation to a filed report exactly, and the LAPOR! errors before it', { timeout: 60_000 }, async () => {
    const webchat = hub.integrations.webchat!;
    const labels = { channel: 'webchat', integration: webchat };
    const before = await scrape(hub.url);
    // LAPOR! answers the first two filings 503 (Retry-After 1 s): the report waits in the queue
    hub.simulator!.control.failNext(2, { status: 503, retryAfter: '1', path: 'POST /complaints' });

    const chat = new WebchatClient(hub.url);
    let sent = 0;
    let replies = 0;
    const counting = { say: async (content: Parameters<WebchatClient['say']>[0]) => {
      const messages = await chat.say(content);
      sent += 1;
      replies += messages.length;
      return messages;
    } } as WebchatClient;
    await confirmComplaint(counting);

    // while LAPOR! refuses: the forward job is a backlog of one, and an error is counted
    const during = await eventually(async () => {
      const s = await scrape(hub.url);
      return s.value('lapor_hub_lapor_api_errors_total', { operation: 'submit', status: '503' })
        > before.value('lapor_hub_lapor_api_errors_total', { operation: 'submit', status: '503' }) && s;
    }, 20_000, 50);
    expect(during.value('lapor_queue_depth', { kind: 'forward_complaint' })).toBe(1);
    expect(during.value('lapor_queue_oldest_job_age_seconds', { kind: 'forward_complaint' })).toBeGreaterThan(0);

    await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }), 20_000);
    const complaint = await hub.prisma.complaint.findFirstOrThrow({ where: { chatId: chat.sessionId } });
    // the filing's confirmation reply is stored after the filing: wait until it is counted
    const after = await eventually(async () => {
      const s = await scrape(hub.url);
      return s.value('lapor_hub_reports_filed_total', { channel: 'webchat' }) > before.value('lapor_hub_reports_filed_total', { channel: 'webchat' }) && s;
    }, 10_000, 50);

    const moved = (name: string, l: Record<string, string> = {}) => after.value(name, l) - before.value(name, l);
    expect(moved('lapor_hub_messages_in_total', labels)).toBe(sent);
    expect(moved('lapor_hub_messages_out_total', labels)).toBe(replies);
    expect(moved('lapor_hub_inbound_messages_total', { channel: 'webchat', outcome: 'handled' })).toBe(sent);
    expect(moved('lapor_hub_conversations_started_total', labels)).toBe(1);
    expect(moved('lapor_hub_conversations_completed_total', labels)).toBe(1);
    expect(moved('lapor_hub_complaints_confirmed_total', { channel: 'webchat' })).toBe(1);
    expect(moved('lapor_hub_reports_filed_total', { channel: 'webchat' })).toBe(1);
    expect(moved('lapor_hub_lapor_api_errors_total', { operation: 'submit', status: '503' })).toBe(2);
    expect(moved('lapor_hub_lapor_api_errors_total')).toBe(2);
    // one latency observed, at least the two Retry-After seconds, at most confirmation → now
    expect(moved('lapor_hub_forwarding_latency_seconds_count', { channel: 'webchat' })).toBe(1);
    const latency = moved('lapor_hub_forwarding_latency_seconds_sum', { channel: 'webchat' });
    expect(latency).toBeGreaterThanOrEqual(2);
    expect(latency).toBeLessThanOrEqual((Date.now() - complaint.confirmedAt.getTime()) / 1000);
    expect(after.value('lapor_hub_forwarding_latency_seconds_bucket', { channel: 'webchat', le: '1' })).toBe(before.value('lapor_hub_forwarding_latency_seconds_bucket', { channel: 'webchat', le: '1' }));
    // the backlog drains (the job's row is marked done just after the filing commits)
    await eventually(async () => (await scrape(hub.url)).value('lapor_queue_depth', { kind: 'forward_complaint' }) === 0, 10_000, 50);
    // no chat id, no text of the citizen in the metrics
    expect(after.text).not.toContain(chat.sessionId);
    expect(after.text).not.toMatch(/Merdeka|Budi|081298765432/);
  });

  it('shows dead letters and each running integration\'s health', async () => {
    await hub.prisma.outboxJob.createMany({
      data: [
        { kind: 'post_response', payload: {}, status: 'dead', attempts: 9, lastError: 'x' },
        { kind: 'post_response', payload: {}, status: 'dead', attempts: 9, lastError: 'x' },
        { kind: 'deliver_message', payload: { messageIds: [] }, status: 'dead', attempts: 9, lastError: 'x' },
      ],
    });
    const s = await scrape(hub.url);
    expect(s.value('lapor_queue_dead_letters', { kind: 'post_response' })).toBe(2);
    expect(s.value('lapor_queue_dead_letters', { kind: 'deliver_message' })).toBe(1);
    expect(s.value('lapor_queue_dead_letters', { kind: 'forward_complaint' })).toBe(0);
    // the web chat has nothing to lose its connection to: connected
    const health = s.samples.filter((x) => x.name === 'lapor_hub_integration_health');
    expect(health).toContainEqual({ name: 'lapor_hub_integration_health', labels: { integration: hub.integrations.webchat!, type: 'webchat' }, value: 1 });
    for (const h of health) expect([0, 0.5, 1]).toContain(h.value);
  });
});
