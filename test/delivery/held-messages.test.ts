// Held messages (WhatsApp's 24-hour window): a message the channel cannot send now is kept as
// undelivered (deliveryError 'held', its job done), and goes out when the citizen next writes,
// ahead of the replies to what they wrote. And a batch whose channel runs in another process
// waits for it, however long, without becoming a dead letter; a joined message the channel
// refuses goes out in its parts. The hub's conversations, the real engine, database
// and in-process runner with the real deliver handler; the channel is a fake with a window
// that closes 24 h after the citizen's last message, by an injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError, type ChannelAdapter, type SendContext } from '../../src/core/channel.js';
import type { InboundMessage, OutboundMessage } from '../../src/core/messages.js';
import { DEFAULT_AGENCY_ID } from '../../src/hub/bootstrap.js';
import { deliverMessageHandler } from '../../src/hub/jobs/deliver-message.js';
import { chatOrderKey, storeReplies } from '../../src/hub/outbound.js';
import { createQueueRunner, enqueue, type QueueRunner } from '../../src/queue/index.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { quietLogger, testPolicy } from '../queue/support.js';

const INTEGRATION = 'wa-held-test';
const CHAT = '628111222333';
const HOUR = 3_600_000;
const T0 = new Date('2026-12-01T03:00:00Z');

/** A push channel that, like WhatsApp Cloud without a template, cannot write 24 h after the citizen. */
class WindowedChannel implements ChannelAdapter {
  readonly integrationId = INTEGRATION;
  readonly type = 'whatsapp-cloud' as const;
  readonly displayName = 'test number';
  maxTextLength: number | undefined = undefined;
  /** texts the platform refuses for good (a bad request) */
  refuses: ((text: string) => boolean) | undefined;
  clock = T0;
  readonly sent: { message: OutboundMessage; context: SendContext | undefined }[] = [];
  readonly held: string[] = [];
  /** runs while a send is under way, before the channel answers (the citizen writing meanwhile) */
  duringSend: (() => Promise<void>) | undefined;
  async start() {}
  async stop() {}
  /** false: the platform cannot be reached (a number logged out, a refused token) */
  connected = true;
  health() {
    return { status: this.connected ? 'connected' as const : 'disconnected' as const };
  }
  async send(_chatId: string, message: OutboundMessage, context?: SendContext) {
    if (!this.connected) throw new ChannelError('retry', 'not connected');
    const during = this.duringSend;
    this.duringSend = undefined;
    await during?.();
    if (this.refuses?.(message.text)) throw new ChannelError('permanent', 'Bad Request');
    const last = context?.lastInboundAt;
    if (!last || this.clock.getTime() - last.getTime() > 24 * HOUR) {
      this.held.push(message.text);
      throw new ChannelError('held', 'outside the 24-hour window and no template configured');
    }
    this.sent.push({ message, context });
    return { platformMessageId: `wamid.${this.sent.length}` };
  }
}

describe('held messages, and a channel running elsewhere', () => {
  let hub: TestHub;
  let runner: QueueRunner;
  const channel = new WindowedChannel();
  /** false: the channel runs in another process (a run-once channel held elsewhere) */
  let runsHere = true;
  const inbound = (text: string, at: Date, id: string): InboundMessage => ({
    integrationId: INTEGRATION, channel: 'whatsapp-cloud', chatId: CHAT, platformMessageId: id,
    sender: { externalId: CHAT, displayName: 'Dewi' }, content: { kind: 'text', text }, receivedAt: at,
  });

  beforeAll(async () => {
    // the hub's conversations and database; its own runner and channels stay off (this test runs them)
    hub = await startTestHub({}, { http: false, workers: false, channels: false });
    await hub.prisma.integration.create({ data: { id: INTEGRATION, agencyId: DEFAULT_AGENCY_ID, type: 'whatsapp-cloud', name: 'test number' } });
    runner = createQueueRunner({
      prisma: hub.prisma, logger: quietLogger, pollIntervalMs: 30,
      // a failure would be dead after 300 ms: a deferral is none
      policy: testPolicy({ maxAgeMs: 300 }),
      handlers: {
        deliver_message: deliverMessageHandler({
          prisma: hub.prisma, adapter: (id) => (id === INTEGRATION && runsHere ? channel : undefined), logger: quietLogger,
          elsewhereRetryMs: 50, notConnectedRetryMs: 50,
        }),
      },
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await hub?.close();
  });

  const outRows = () => hub.prisma.message.findMany({
    where: { integrationId: INTEGRATION, chatId: CHAT, direction: 'out' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });

  it('keeps a message the window does not allow, and sends it first when the citizen writes again', async () => {
    // the citizen writes; the answer goes out within the window, with the time of their message
    await hub.conversations.handleInbound(inbound('halo', T0, 'wamid.in.1'));
    await eventually(async () => (await outRows()).every((r) => r.deliveredAt) && channel.sent.length > 0);
    expect(channel.sent[0]!.context).toEqual({ lastInboundAt: T0 });
    const answered = channel.sent.length;
    const firstReplies = await outRows();
    expect(firstReplies.at(-1)!.platformMessageId).toBe(`wamid.${answered}`);

    // 25 hours later a status change is stored for the chat: the channel holds it
    channel.clock = new Date(T0.getTime() + 25 * HOUR);
    const [update] = await hub.prisma.$transaction((tx) => storeReplies(tx, enqueue, { integrationId: INTEGRATION, channel: 'whatsapp-cloud', chatId: CHAT },
      [{ text: 'Laporan 4829301 sudah diverifikasi admin LAPOR!.' }], { now: channel.clock }));
    runner.notify();
    const held = await eventually(async () => {
      const row = await hub.prisma.message.findUniqueOrThrow({ where: { id: update!.id } });
      return row.deliveryError === 'held' ? row : null;
    });
    expect(held.deliveredAt).toBeNull(); // undelivered, as officers see it
    // the row says held before the job's own row is finished (two statements): wait for the job
    const jobs = await eventually(async () => {
      const rows = await hub.prisma.outboxJob.findMany({ where: { orderKey: chatOrderKey({ integrationId: INTEGRATION, chatId: CHAT }) }, orderBy: { seq: 'asc' } });
      return rows.every((j) => j.status !== 'running') ? rows : null;
    });
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done']); // held is an outcome, not a failure
    expect(channel.sent).toHaveLength(answered);

    // the citizen writes again (the window opens): the held update first, then the new answer
    const again = new Date(channel.clock.getTime() + 60_000);
    channel.clock = again;
    await hub.conversations.handleInbound(inbound('menu', again, 'wamid.in.2'));
    await eventually(async () => (await outRows()).every((r) => r.deliveredAt));
    const later = channel.sent.slice(answered);
    expect(later[0]!.message.text).toBe('Laporan 4829301 sudah diverifikasi admin LAPOR!.');
    expect(later.length).toBeGreaterThan(1);
    expect(later.every((s) => s.context?.lastInboundAt?.getTime() === again.getTime())).toBe(true);
    const rows = await outRows();
    expect(rows.find((r) => r.id === update!.id)).toMatchObject({ deliveryError: null, deliveredAt: expect.any(Date) });
    expect(channel.held).toEqual(['Laporan 4829301 sudah diverifikasi admin LAPOR!.']);
  });

  it('a batch for a channel running in another process comes back until it is delivered, never dead, order kept', async () => {
    runsHere = false;
    const address = { integrationId: INTEGRATION, channel: 'whatsapp-cloud' as const, chatId: CHAT };
    channel.clock = new Date(Date.now()); // the window is open from here on
    await hub.conversations.handleInbound(inbound('halo lagi', channel.clock, 'wamid.in.3'));
    await hub.prisma.$transaction((tx) => storeReplies(tx, enqueue, address, [{ text: 'Pesan kedua.' }], { now: new Date() }));
    runner.notify();
    const key = chatOrderKey(address);
    const before = channel.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 800)); // beyond the failure window, many deferrals
    const waiting = await hub.prisma.outboxJob.findMany({ where: { orderKey: key, status: { in: ['pending', 'running'] } }, orderBy: { seq: 'asc' } });
    expect(waiting).toHaveLength(2);
    expect(waiting[0]!.attempts).toBeGreaterThan(3);
    expect(waiting[1]!.attempts).toBe(0); // behind the first: never claimed
    expect(await hub.prisma.outboxJob.count({ where: { orderKey: key, status: 'dead' } })).toBe(0);
    expect(channel.sent).toHaveLength(before);

    runsHere = true; // the channel is here now (this process took it over)
    await eventually(async () => (await hub.prisma.outboxJob.count({ where: { orderKey: key, status: { not: 'done' } } })) === 0);
    expect(channel.sent.slice(before).at(-1)!.message.text).toBe('Pesan kedua.');
    expect((await outRows()).every((r) => r.deliveredAt)).toBe(true);
  });

  it('a batch for a channel that is not connected waits for it beyond the failure window, never dead', async () => {
    runsHere = true;
    channel.connected = false;
    const address = { integrationId: INTEGRATION, channel: 'whatsapp-cloud' as const, chatId: CHAT };
    channel.clock = new Date(Date.now());
    await hub.conversations.handleInbound(inbound('halo, masih di sana?', channel.clock, 'wamid.in.5'));
    const [update] = await hub.prisma.$transaction((tx) => storeReplies(tx, enqueue, address, [{ text: 'Laporan 4829301 selesai.' }], { now: new Date() }));
    runner.notify();
    const key = chatOrderKey(address);
    await new Promise((resolve) => setTimeout(resolve, 800)); // beyond the 300 ms failure window
    expect(await hub.prisma.outboxJob.count({ where: { orderKey: key, status: 'dead' } })).toBe(0);
    expect(await hub.prisma.outboxJob.count({ where: { orderKey: key, status: { in: ['pending', 'running'] } } })).toBe(2);

    channel.connected = true; // paired again
    await eventually(async () => (await hub.prisma.outboxJob.count({ where: { orderKey: key, status: { not: 'done' } } })) === 0);
    expect(channel.sent.at(-1)!.message.id).toBe(update!.id);
  });

  it('a message held while the citizen writes is sent in the window their message opened, not left held', async () => {
    runsHere = true;
    const address = { integrationId: INTEGRATION, channel: 'whatsapp-cloud' as const, chatId: CHAT };
    channel.clock = new Date(Date.now() + 30 * HOUR); // the window has closed
    const writes = new Date(channel.clock.getTime() + 1_000);
    // the citizen's message arrives (and its turn commits) while the update is being sent
    channel.duringSend = async () => {
      channel.clock = writes;
      await hub.conversations.handleInbound(inbound('masih ada?', writes, 'wamid.in.4'));
    };
    const [update] = await hub.prisma.$transaction((tx) => storeReplies(tx, enqueue, address, [{ text: 'Laporan 4829301 sedang ditindaklanjuti.' }], { now: new Date() }));
    runner.notify();
    await eventually(async () => (await outRows()).every((r) => r.deliveredAt));
    const row = await hub.prisma.message.findUniqueOrThrow({ where: { id: update!.id } });
    expect(row).toMatchObject({ deliveryError: null, deliveredAt: expect.any(Date) });
    const sent = channel.sent.find((s) => s.message.id === update!.id)!;
    expect(sent.context?.lastInboundAt?.getTime()).toBe(writes.getTime());
    // sent again at once, as no failure: nothing of the chat is dead or waiting
    expect(await hub.prisma.outboxJob.count({ where: { orderKey: chatOrderKey(address), status: { not: 'done' } } })).toBe(0);
  });

  it('a joined message the channel refuses is sent again as its parts', async () => {
    const address = { integrationId: INTEGRATION, channel: 'whatsapp-cloud' as const, chatId: CHAT };
    channel.clock = new Date(Date.now());
    await hub.conversations.handleInbound(inbound('tes', channel.clock, 'wamid.in.5'));
    await eventually(async () => (await outRows()).every((r) => r.deliveredAt));
    channel.maxTextLength = 4096;
    channel.refuses = (text) => text.includes('Catatan.\n\n');
    const before = channel.sent.length;
    const stored = await hub.prisma.$transaction((tx) => storeReplies(tx, enqueue, address, [
      { text: 'Catatan.' }, { text: 'Lanjut?', quickReplies: [{ title: 'Ya', payload: 'yes' }] },
    ], { now: new Date() }));
    runner.notify();
    await eventually(async () => (await outRows()).every((r) => r.deliveredAt));
    expect(channel.sent.slice(before).map((s) => s.message.text)).toEqual(['Catatan.', 'Lanjut?']);
    const rows = await hub.prisma.message.findMany({ where: { id: { in: stored.map((m) => m.id) } } });
    expect(rows.every((r) => r.deliveryError === null)).toBe(true);
    channel.maxTextLength = undefined;
    channel.refuses = undefined;
  });
});
