// The channel registry with a channel added by one line (HubOptions.channelFactories): its
// integration row, routes, readiness, start/stop, and the ChannelContext it gets (webhook
// inbox through the real queue, state store, delivery receipts, status) on a real hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/app.js';
import { newMessageId } from '../../src/core/ids.js';
import { ChannelError } from '../../src/core/channel.js';
import { IntegrationStatus } from '../../src/hub/channel-status.js';
import { JobDeferred } from '../../src/queue/index.js';
import { channelWebhookHandler } from '../../src/hub/jobs/channel-webhook.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { FakeChannelProbe, fakeChannel } from './fake-channel.js';

const hook = new FakeChannelProbe();
const once = new FakeChannelProbe();
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({}, {
    channelFactories: [...CHANNELS, fakeChannel(hook), fakeChannel(once, { id: 'fake-once', type: 'whatsapp-web', runOnce: true })],
    queue: { policy: { baseDelayMs: 50, maxDelayMs: 200 } },
  });
});
afterAll(async () => hub?.close());

const readyz = async () => {
  const res = await fetch(`${hub.url}/readyz`);
  return { status: res.status, checks: (await res.json()).checks as Record<string, { ok: boolean; detail?: string }> };
};
const postHook = async (body: { id: string; chatId: string; text: string }) => {
  const res = await fetch(`${hub.url}/webhooks/fake-1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { duplicate: boolean };
};

describe('a channel added by one line', () => {
  it('gets its integration row in the default agency, its routes, and is started', async () => {
    const row = await hub.prisma.integration.findUnique({ where: { id: 'fake-1' } });
    expect(row).toMatchObject({ type: 'whatsapp-cloud', agencyId: 'default', name: 'Fake channel' });
    expect(hub.integrations['whatsapp-cloud']).toBe('fake-1');
    const res = await fetch(`${hub.url}/webhooks/fake-1/status`);
    expect(await res.json()).toEqual({ integrationId: 'fake-1' });
    expect(hook.starts).toBe(1);
    expect(hook.running).toBe(true);
    // alone on its database (PGlite: without a lock) the hub runs the run-once channel
    await eventually(async () => once.running);
    expect(hub.channels.adapter('fake-once')).toBe(once.adapter);
  });

  it('keeps the existing channels and their ids: the web chat page and API still answer', async () => {
    expect(hub.integrations.webchat).toBe('webchat');
    expect(hub.integrations.console).toBe('console');
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const history = await fetch(`${hub.url}/api/v1/webchat/sessions/${'a'.repeat(20)}/messages`);
    expect(history.status).toBe(200);
  });

  it('shows in /readyz with its health: not ready when disconnected', async () => {
    expect((await readyz()).checks['fake-1']).toEqual({ ok: true });
    expect((await readyz()).checks['fake-once']).toEqual({ ok: true });
    hook.health = { status: 'disconnected', detail: 'logged out' };
    try {
      const down = await readyz();
      expect(down.status).toBe(503);
      expect(down.checks['fake-1']).toEqual({ ok: false, detail: 'logged out' });
      hook.health = { status: 'degraded', detail: 'slow' };
      expect((await readyz()).checks['fake-1']).toEqual({ ok: true, detail: 'slow' });
    } finally {
      hook.health = { status: 'connected' };
    }
    expect((await readyz()).status).toBe(200);
  });
});

describe('webhook inbox', () => {
  it('stores a webhook, processes it once from the queue into the conversation, and the reply goes out through send()', async () => {
    expect(await postHook({ id: 'wamid.A1', chatId: 'chat-a', text: 'halo' })).toEqual({ duplicate: false });
    await eventually(async () => hook.sent.some((s) => s.chatId === 'chat-a'));
    const row = await eventually(() => hub.prisma.inboundWebhook.findFirst({ where: { integrationId: 'fake-1', dedupeKey: 'wamid.A1', processedAt: { not: null } } }));
    expect(row.payload).toEqual({}); // processed: only the key is kept, no chat id or text
    expect(hook.processed.filter((id) => id === 'wamid.A1')).toHaveLength(1);
  });

  it('stores nothing and queues nothing for a redelivered key', async () => {
    const jobsBefore = await hub.prisma.outboxJob.count({ where: { kind: 'channel_webhook' } });
    expect(await postHook({ id: 'wamid.A1', chatId: 'chat-a', text: 'halo' })).toEqual({ duplicate: true });
    expect(await hub.prisma.inboundWebhook.count({ where: { dedupeKey: 'wamid.A1' } })).toBe(1);
    expect(await hub.prisma.outboxJob.count({ where: { kind: 'channel_webhook' } })).toBe(jobsBefore);
    // a later webhook is processed: had the duplicate been queued, it would have run by then
    await postHook({ id: 'wamid.A2', chatId: 'chat-b', text: 'halo' });
    await eventually(async () => hook.processed.includes('wamid.A2'));
    await eventually(() => hub.prisma.outboxJob.count({ where: { kind: 'channel_webhook', status: { not: 'done' } } }).then((n) => n === 0));
    expect(hook.processed.filter((id) => id === 'wamid.A1')).toHaveLength(1);
  });

  it('processes a webhook again after processing failed, and marks it processed only then', async () => {
    hook.failNextProcessing = 1;
    await postHook({ id: 'wamid.A3', chatId: 'chat-c', text: 'halo' });
    await eventually(async () => hook.processed.includes('wamid.A3'));
    const row = await eventually(() => hub.prisma.inboundWebhook.findFirst({ where: { dedupeKey: 'wamid.A3', processedAt: { not: null } } }));
    expect(hook.processed.filter((id) => id === 'wamid.A3')).toHaveLength(2);
    expect(row.processedAt).toBeInstanceOf(Date);
    await eventually(async () => hook.sent.some((s) => s.chatId === 'chat-c'));
  });

  it('processes one chat\'s webhooks one at a time in the order received; another chat meanwhile', async () => {
    hook.slowProcessing.set('wamid.O1', 1500);
    await postHook({ id: 'wamid.O1', chatId: 'chat-o', text: 'foto dulu' });
    await postHook({ id: 'wamid.O2', chatId: 'chat-o', text: 'selesai' });
    await postHook({ id: 'wamid.P1', chatId: 'chat-p', text: 'halo' });
    await eventually(async () => hook.finished.includes('wamid.O2'));
    const order = hook.finished.filter((id) => ['wamid.O1', 'wamid.O2', 'wamid.P1'].includes(id));
    expect(order.indexOf('wamid.O1')).toBeLessThan(order.indexOf('wamid.O2'));
    expect(order.indexOf('wamid.P1')).toBeLessThan(order.indexOf('wamid.O1')); // not held up by chat-o
  });
});

describe('the channel_webhook job', () => {
  it('defers (never dead-letters) a webhook whose adapter does not run in this process, and leaves it unprocessed', async () => {
    const row = await hub.prisma.inboundWebhook.create({ data: { integrationId: 'fake-1', dedupeKey: 'wamid.elsewhere', payload: { id: 'wamid.elsewhere' } } });
    const elsewhere = channelWebhookHandler({ prisma: hub.prisma, adapter: () => undefined, now: () => new Date() });
    const error = await elsewhere({ webhookId: row.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobDeferred); // never dead-lettered while the channel runs elsewhere
    expect((await hub.prisma.inboundWebhook.findUniqueOrThrow({ where: { id: row.id } })).processedAt).toBeNull();
    expect(hook.processed).not.toContain('wamid.elsewhere');
  });

  it('does nothing for a webhook already processed (a job run twice)', async () => {
    const row = await hub.prisma.inboundWebhook.create({ data: { integrationId: 'fake-1', dedupeKey: 'wamid.done', payload: { id: 'wamid.done' }, processedAt: new Date() } });
    await channelWebhookHandler({ prisma: hub.prisma, adapter: () => hook.adapter, now: () => new Date() })({ webhookId: row.id });
    expect(hook.processed).not.toContain('wamid.done');
  });
});

describe('channel state store', () => {
  it('gets, sets and deletes keys of its own integration', async () => {
    const state = hook.context!.state;
    await state.setMany({ 'creds': '{"me":1}', 'pre-key-1': 'a', 'pre-key-2': 'b' });
    expect(await state.get('creds')).toBe('{"me":1}');
    expect(await state.get('missing')).toBeUndefined();
    expect(await state.getMany(['pre-key-1', 'pre-key-2', 'pre-key-3'])).toEqual(new Map([['pre-key-1', 'a'], ['pre-key-2', 'b']]));
    await state.setMany({ 'pre-key-1': null, 'pre-key-2': 'B' });
    expect(await state.getMany(['pre-key-1', 'pre-key-2'])).toEqual(new Map([['pre-key-2', 'B']]));
    // the other integration's state is its own
    expect(await once.context!.state.get('creds')).toBeUndefined();
  });

  it('writes a batch in one transaction: a failing entry leaves every key as it was', async () => {
    const state = hook.context!.state;
    await state.setMany({ 'session-1': 'old' });
    // the second entry is not a string: the write fails after the first entry was written
    await expect(state.setMany({ 'session-1': 'new', 'session-2': 42 as unknown as string })).rejects.toThrow();
    expect(await state.getMany(['session-1', 'session-2'])).toEqual(new Map([['session-1', 'old']]));
  });

  it('deletes by exact prefix (an underscore is no wildcard), and "" deletes all of its own state only', async () => {
    const state = hook.context!.state;
    await state.setMany({ 'app_1': 'x', 'appX1': 'y', 'apple': 'z' });
    await once.context!.state.setMany({ 'app_1': 'kept' });
    await state.deletePrefix('app_');
    expect(await state.getMany(['app_1', 'appX1', 'apple'])).toEqual(new Map([['appX1', 'y'], ['apple', 'z']]));
    await state.deletePrefix('');
    expect(await hub.prisma.channelState.count({ where: { integrationId: 'fake-1' } })).toBe(0);
    expect(await once.context!.state.get('app_1')).toBe('kept');
  });
});

describe('delivery receipts', () => {
  async function outbound(platformMessageId: string) {
    const id = newMessageId();
    await hub.prisma.message.create({ data: { id, integrationId: 'fake-1', chatId: 'chat-r', direction: 'out', text: 'x', platformMessageId } });
    return async () => hub.prisma.message.findUniqueOrThrow({ where: { id }, select: { deliveryStatus: true, deliveryStatusAt: true, deliveryError: true } });
  }

  it('never go backwards: a late delivered after read is ignored', async () => {
    const row = await outbound('wamid.R1');
    const deliveries = hook.context!.deliveries;
    await deliveries.record('wamid.R1', 'delivered');
    expect((await row()).deliveryStatus).toBe('delivered');
    await deliveries.record('wamid.R1', 'sent');
    expect((await row()).deliveryStatus).toBe('delivered');
    await deliveries.record('wamid.R1', 'read');
    const read = await row();
    expect(read.deliveryStatus).toBe('read');
    expect(read.deliveryStatusAt).toBeInstanceOf(Date);
    await deliveries.record('wamid.R1', 'delivered');
    await deliveries.record('wamid.R1', 'failed', '131026');
    expect(await row()).toEqual(read);
  });

  it('records failed with its error, and nothing replaces failed', async () => {
    const row = await outbound('wamid.R2');
    const deliveries = hook.context!.deliveries;
    await deliveries.record('wamid.R2', 'sent');
    await deliveries.record('wamid.R2', 'failed', '131026');
    expect(await row()).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'failed:131026' });
    await deliveries.record('wamid.R2', 'delivered');
    expect((await row()).deliveryStatus).toBe('failed');
  });

  it('ignores unknown ids and touches only its own integration outbound rows', async () => {
    await hook.context!.deliveries.record('wamid.unknown', 'read');
    const row = await outbound('wamid.R3');
    await once.context!.deliveries.record('wamid.R3', 'read'); // another integration's receipt
    expect((await row()).deliveryStatus).toBeNull();
  });
});

describe('integration status', () => {
  it('keeps status, reason and connectedSince on the row as the adapter reports them', async () => {
    const before = await hub.prisma.integration.findUniqueOrThrow({ where: { id: 'fake-1' } });
    hook.context!.reportStatus({ status: 'degraded', detail: 'connection replaced' });
    await eventually(() => hub.prisma.integration.findFirst({ where: { id: 'fake-1', status: 'degraded' } }));
    expect((await hub.prisma.integration.findUniqueOrThrow({ where: { id: 'fake-1' } })).statusReason).toBe('connection replaced');
    const turned = Date.now();
    hook.context!.reportStatus({ status: 'connected' });
    const row = await eventually(() => hub.prisma.integration.findFirst({ where: { id: 'fake-1', status: 'connected' } }));
    expect(row.statusReason).toBeNull();
    expect(row.connectedSince.getTime()).toBeGreaterThanOrEqual(turned - 5);
    expect(row.connectedSince.getTime()).toBeGreaterThan(before.connectedSince.getTime());
    expect(row.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(turned - 5);
  });
});

describe('lastSeenAt', () => {
  it('is written at most once a minute while connected, and not while degraded', async () => {
    let clock = Date.parse('2026-12-03T08:00:00Z');
    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    const status = new IntegrationStatus({ prisma: hub.prisma, integrationId: 'fake-1', now: () => new Date(clock), logger: silent });
    const lastSeen = async () => (await hub.prisma.integration.findUniqueOrThrow({ where: { id: 'fake-1' } })).lastSeenAt?.toISOString();
    status.report({ status: 'connected' });
    await status.flush();
    expect(await lastSeen()).toBe('2026-12-03T08:00:00.000Z');
    clock += 59_000;
    status.report({ status: 'connected' });
    await status.flush();
    expect(await lastSeen()).toBe('2026-12-03T08:00:00.000Z');
    clock += 1_000;
    status.report({ status: 'connected' });
    await status.flush();
    expect(await lastSeen()).toBe('2026-12-03T08:01:00.000Z');
    clock += 120_000;
    status.report({ status: 'degraded', detail: 'reconnecting' });
    await status.flush();
    expect(await lastSeen()).toBe('2026-12-03T08:01:00.000Z');
    const row = await hub.prisma.integration.findUniqueOrThrow({ where: { id: 'fake-1' } });
    expect(row).toMatchObject({ status: 'degraded', statusReason: 'reconnecting' });
    expect(row.connectedSince.toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });
});

describe('channelTypes', () => {
  it('builds and runs only the channel types a command asks for', async () => {
    const only = new FakeChannelProbe();
    const other = new FakeChannelProbe();
    const single = await startTestHub({}, {
      db: hub.db,
      workers: false,
      channelFactories: [...CHANNELS, fakeChannel(only, { id: 'fake-only', type: 'whatsapp-web' }), fakeChannel(other, { id: 'fake-other' })],
      channelTypes: ['whatsapp-web'],
    });
    try {
      expect(only.running).toBe(true);
      expect(other.adapter).toBeUndefined();
      expect(single.integrations).toEqual({ 'whatsapp-web': 'fake-only', console: 'console' });
      expect((await fetch(`${single.url}/api/v1/webchat/sessions/${'a'.repeat(20)}/messages`)).status).toBe(404);
      expect((await fetch(`${single.url}/webhooks/fake-only/status`)).status).toBe(200);
    } finally {
      await single.close();
    }
    expect(only.running).toBe(false);
  });
});

describe('stop', () => {
  it('stops every adapter it started', async () => {
    await hub.close();
    expect(hook).toMatchObject({ running: false, stops: 1 });
    expect(once).toMatchObject({ running: false, stops: 1 });
    hub = undefined as never;
  });
});
