// Integrations added, changed and removed through IntegrationAdmin while the hub runs: the new
// bot serves at once (no restart), its secrets are sealed in the row and never shown, a second
// hub on the same database picks the change up by itself, and a removed bot stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN_ID, type Principal } from '../../src/hub/officers/principal.js';
import { IntegrationAdminError } from '../../src/hub/integrations/integration-input.js';
import { FakeGraphApi } from '../doubles/graph-api.js';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { confirmComplaint } from '../support/citizen.js';
import { createTestDatabase } from '../support/db.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { FAST_TELEGRAM } from '../support/telegram-hub.js';
import { WebchatClient } from '../support/webchat-client.js';

const SECRET_KEY = 'a-hub-secret-key-for-tests-0123456789abcdef';
const TOKEN = `7000001:${'A'.repeat(20)}bcdefghij_KLMNOP-qrs`;
const ADMIN: Principal = { agencyId: 'default', officerId: BOOTSTRAP_ADMIN_ID, role: 'admin', name: 'Admin', actorKey: BOOTSTRAP_ADMIN_ID };
const CITIZEN = { id: 4242, first_name: 'Sari' };

describe('integrations at run time', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let other: TestHub;
  let telegram: FakeTelegramBotApi;
  let graph: FakeGraphApi;

  beforeAll(async () => {
    telegram = await FakeTelegramBotApi.start(TOKEN);
    graph = await FakeGraphApi.start({ phoneNumberId: '555000111' });
    db = await createTestDatabase();
    const options = { db, channelTuning: { telegram: FAST_TELEGRAM }, integrationSyncMs: 100 };
    hub = await startTestHub({ HUB_SECRET_KEY: SECRET_KEY, ADMIN_API_KEY: 'admin-key-for-tests-0123456789', TELEGRAM_API_ROOT: telegram.apiRoot, WHATSAPP_CLOUD_API_ROOT: graph.apiRoot }, options);
    // a second process on the same database (web only: it must not poll the same bot too)
    other = await startTestHub({ HUB_SECRET_KEY: SECRET_KEY, WHATSAPP_CLOUD_API_ROOT: graph.apiRoot }, { ...options, channelTypes: ['whatsapp-cloud', 'webchat'] });
  }, 60_000);

  afterAll(async () => {
    await other?.close();
    await hub?.close();
    await db?.close();
    await telegram?.stop();
    await graph?.stop();
  });

  it('an officer cannot point a bot at another Bot API server', async () => {
    const view = await hub.integrationAdmin.create(ADMIN, {
      type: 'telegram', name: '@lapor_kota_bot', connector: 'agency',
      settings: { token: TOKEN, mode: 'polling', apiRoot: telegram.apiRoot } as never,
    }, 'api 127.0.0.1').catch((e: unknown) => e);
    // apiRoot is not a setting an officer may give (the hub's own TELEGRAM_API_ROOT is used)
    expect(view).toBeInstanceOf(IntegrationAdminError);
    expect((view as IntegrationAdminError).kind).toBe('invalid');
  });

  it('adds, changes and removes a bot without a restart', async () => {
    const created = await hub.integrationAdmin.create(ADMIN, {
      type: 'telegram', name: '@lapor_kota_bot', connector: 'agency', settings: { token: TOKEN, mode: 'polling' },
    }, 'api 127.0.0.1');
    expect(created).toMatchObject({ id: 'telegram-7000001', agencyId: 'default', source: 'api', secretsSet: ['token'] });
    expect(JSON.stringify(created)).not.toContain(TOKEN.split(':')[1]);
    const row = await hub.prisma.integration.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(TOKEN.split(':')[1]);
    expect(row.secrets).toMatch(/^v1\./);

    // it runs in this process now and talks to the Bot API it was given (the env's API root)
    expect(hub.channels.adapter(created.id)).toBeDefined();
    telegram.pushText(CITIZEN, '/start');
    const [answer] = await telegram.waitForSent(CITIZEN.id, 1, 10_000);
    expect(answer!.text).toBeTruthy();

    const renamed = await hub.integrationAdmin.update(ADMIN, created.id, { name: '@lapor_kota_bot (Kota)' }, 'api 127.0.0.1');
    expect(renamed.name).toBe('@lapor_kota_bot (Kota)');
    await expect(hub.integrationAdmin.update(ADMIN, created.id, { settings: { token: `7000002:${'B'.repeat(35)}` } }, 'api 127.0.0.1'))
      .rejects.toMatchObject({ kind: 'invalid' });
    await expect(hub.integrationAdmin.create(ADMIN, {
      type: 'telegram', name: 'again', connector: 'agency', settings: { token: TOKEN, mode: 'polling' },
    }, 'api 127.0.0.1')).rejects.toMatchObject({ kind: 'conflict' });

    await hub.integrationAdmin.remove(ADMIN, created.id, 'api 127.0.0.1');
    expect(hub.channels.adapter(created.id)).toBeUndefined();
    const removed = await hub.prisma.integration.findUniqueOrThrow({ where: { id: created.id } });
    expect(removed).toMatchObject({ secrets: null, status: 'disconnected' });
    expect(removed.removedAt).not.toBeNull();
    expect(await hub.integrationAdmin.list('default')).not.toContainEqual(expect.objectContaining({ id: created.id }));
    const before = telegram.sentTo(CITIZEN.id).length;
    telegram.pushText(CITIZEN, 'halo');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(telegram.sentTo(CITIZEN.id)).toHaveLength(before);

    const actions = await hub.prisma.auditEntry.findMany({ where: { target: `integration:${created.id}` }, orderBy: { at: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['integration.create', 'integration.update', 'integration.remove']);
    expect(JSON.stringify(actions)).not.toContain(TOKEN.split(':')[1]);
  }, 30_000);

  it('another process serves a Cloud API number added here within its sync interval, and drops it when removed', async () => {
    const created = await hub.integrationAdmin.create(ADMIN, {
      type: 'whatsapp-cloud', name: 'WhatsApp Kota', connector: 'agency',
      settings: { token: graph.token, phoneNumberId: graph.phoneNumberId, appSecret: graph.appSecret, verifyToken: 'verify-kota' },
    }, 'api 127.0.0.1');
    expect(created.secretsSet.sort()).toEqual(['appSecret', 'token', 'verifyToken']);
    expect(created.settings).toEqual({ phoneNumberId: graph.phoneNumberId });
    const verify = (base: string) => fetch(`${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-kota&hub.challenge=42`);
    expect((await verify(hub.url)).status).toBe(200);
    await eventually(async () => (await verify(other.url)).status === 200, 5000);
    expect(await (await verify(other.url)).text()).toBe('42');

    await hub.integrationAdmin.remove(ADMIN, created.id, 'api 127.0.0.1');
    expect((await verify(hub.url)).status).toBe(404);
    await eventually(async () => (await verify(other.url)).status === 404, 5000);
  }, 30_000);

  it('refuses a webhook without its secret, a route chosen by an admin, and another agency\'s removed bot', async () => {
    await expect(hub.integrationAdmin.create(ADMIN, {
      type: 'telegram', name: 'x', connector: 'agency', settings: { token: `7000003:${'C'.repeat(35)}`, mode: 'webhook' },
    }, 'api 127.0.0.1')).rejects.toMatchObject({ kind: 'invalid', fields: { 'settings.webhookSecret': expect.any(String) } });
    const { integrationUpdate } = await import('../../src/hub/integrations/integration-input.js');
    expect(integrationUpdate.safeParse({ settings: { webhookPath: '/admin' } }).success).toBe(false);
    expect(integrationUpdate.safeParse({ settings: { apiRoot: 'http://127.0.0.1:5432' } }).success).toBe(false);

    const token = `7000004:${'D'.repeat(35)}`;
    const added = await hub.integrationAdmin.create(ADMIN, { type: 'telegram', name: 'x', connector: 'agency', settings: { token, mode: 'polling' } }, 'api 127.0.0.1');
    await hub.integrationAdmin.remove(ADMIN, added.id, 'api 127.0.0.1');
    await hub.prisma.agency.upsert({ where: { id: 'kab-garut' }, create: { id: 'kab-garut', name: 'Pemkab Garut' }, update: {} });
    const outsider: Principal = { agencyId: 'kab-garut', officerId: 'o-garut', role: 'admin', name: 'Asep', actorKey: 'o-garut' };
    await expect(hub.integrationAdmin.create(outsider, { type: 'telegram', name: 'mine now', connector: 'agency', settings: { token, mode: 'polling' } }, 'api 127.0.0.1'))
      .rejects.toMatchObject({ kind: 'conflict' });
    expect((await hub.prisma.integration.findUniqueOrThrow({ where: { id: added.id } })).agencyId).toBe('default');
  }, 30_000);

  it('refuses secrets without HUB_SECRET_KEY, and settings of the wrong shape with the field named', async () => {
    const bare = await startTestHub({}, { channelTypes: ['webchat'] });
    try {
      await expect(bare.integrationAdmin.create(ADMIN, {
        type: 'telegram', name: 'x', connector: 'agency', settings: { token: TOKEN, mode: 'polling' },
      }, 'api 127.0.0.1')).rejects.toMatchObject({ kind: 'unavailable' });
    } finally {
      await bare.close();
    }
    await expect(hub.integrationAdmin.create(ADMIN, {
      type: 'whatsapp-cloud', name: 'x', connector: 'agency',
      settings: { token: 't', phoneNumberId: 'not-a-number', appSecret: 's', verifyToken: 'v' },
    }, 'api 127.0.0.1')).rejects.toMatchObject({ kind: 'invalid', fields: { 'settings.phoneNumberId': expect.any(String) } });
  }, 30_000);
});

describe('an integration\'s connector choice', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({});
  });
  afterAll(async () => hub?.close());

  it('sends the web chat\'s reports to officers (manual) while the agency files the rest through LAPOR!', async () => {
    const before = new WebchatClient(hub.url);
    await confirmComplaint(before);
    await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: before.sessionId, trackingId: { not: null } } }));

    const view = await hub.integrationAdmin.update(ADMIN, 'webchat', { connector: 'manual' }, 'api 127.0.0.1');
    expect(view).toMatchObject({ id: 'webchat', connector: 'manual', source: 'env' });
    await expect(hub.integrationAdmin.update(ADMIN, 'webchat', { settings: { x: 'y' } }, 'api 127.0.0.1')).rejects.toMatchObject({ kind: 'conflict' });
    const filedBefore = hub.simulator!.control.reports().length;
    const after = new WebchatClient(hub.url);
    await confirmComplaint(after);
    const waiting = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: after.sessionId, status: 'WAITING_MANUAL' } }));
    expect(waiting.trackingId).toBeNull();
    expect(hub.simulator!.control.reports()).toHaveLength(filedBefore);
  }, 30_000);
});
