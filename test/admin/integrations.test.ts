// Channel integrations through the admin API: an admin connects a Telegram bot (it answers at
// once, its token sealed and never shown), renames and removes it, each audited; officers read;
// another agency sees none of it; without HUB_SECRET_KEY a bot cannot be stored (409 saying why).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { createTestDatabase } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { FAST_TELEGRAM } from '../support/telegram-hub.js';
import { admin, ADMIN_KEY, as } from './support.js';

const SECRET_KEY = 'a-hub-secret-key-for-tests-0123456789abcdef';
const TOKEN = `7100001:${'C'.repeat(20)}defghijkl_MNOPQR-stu`;
const TOKEN_SECRET = TOKEN.split(':')[1]!;
const CITIZEN = { id: 5151, first_name: 'Wati' };

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: TestHub;
let bare: TestHub;
let telegram: FakeTelegramBotApi;
let officerKey: string;
let keyB: string;
beforeAll(async () => {
  telegram = await FakeTelegramBotApi.start(TOKEN);
  db = await createTestDatabase();
  hub = await startTestHub({ HUB_SECRET_KEY: SECRET_KEY, ADMIN_API_KEY: ADMIN_KEY, TELEGRAM_API_ROOT: telegram.apiRoot }, { db, channelTuning: { telegram: FAST_TELEGRAM } });
  // the same database served without HUB_SECRET_KEY
  bare = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY }, { db, channelTypes: ['webchat'], workers: false });
  officerKey = (await admin(hub, 'POST', '/officers', { name: 'Petugas', apiKey: true })).body.apiKey;
  keyB = (await admin(hub, 'POST', '/agencies', { id: 'pemkab-sumedang', name: 'Pemkab Sumedang' })).body.apiKey;
}, 60_000);
afterAll(async () => {
  await bare?.close();
  await hub?.close();
  await db?.close();
  await telegram?.stop();
});

describe('integrations through the admin API', () => {
  it('an admin connects a bot that answers at once; the token is never shown; rename and removal are audited', async () => {
    const created = await admin(hub, 'POST', '/integrations', { type: 'telegram', name: '@lapor_sumber_bot', settings: { token: TOKEN } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'telegram-7100001', agencyId: 'default', type: 'telegram', source: 'api', secretsSet: ['token'] });
    telegram.pushText(CITIZEN, '/start');
    const [answer] = await telegram.waitForSent(CITIZEN.id, 1, 10_000);
    expect(answer!.text).toBeTruthy();

    const id = created.body.id as string;
    const officer = as(hub, officerKey);
    const list = await officer('GET', '/integrations');
    expect(list.body.integrations.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['webchat', id]));
    expect((await officer('GET', `/integrations/${id}`)).body.name).toBe('@lapor_sumber_bot');
    // officers read, admins change
    expect((await officer('PATCH', `/integrations/${id}`, { name: 'x' })).status).toBe(403);
    expect((await officer('DELETE', `/integrations/${id}`)).status).toBe(403);
    expect((await officer('POST', '/integrations', { type: 'whatsapp-web', name: 'x' })).status).toBe(403);
    // another agency: as missing
    const b = as(hub, keyB);
    expect((await b('GET', '/integrations')).body).toEqual({ integrations: [] });
    expect((await b('GET', `/integrations/${id}`)).body).toEqual({ error: `no integration ${id}` });
    expect((await b('GET', '/integrations/telegram-0')).body).toEqual({ error: 'no integration telegram-0' });

    const renamed = await admin(hub, 'PATCH', `/integrations/${id}`, { name: '@lapor_sumber_bot (Kota)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('@lapor_sumber_bot (Kota)');
    const twice = await admin(hub, 'POST', '/integrations', { type: 'telegram', name: 'lagi', settings: { token: TOKEN } });
    expect(twice.status).toBe(409);
    expect((await admin(hub, 'DELETE', `/integrations/${id}`)).status).toBe(204);
    expect((await admin(hub, 'GET', `/integrations/${id}`)).status).toBe(404);
    expect((await admin(hub, 'DELETE', `/integrations/${id}`)).status).toBe(404);

    const audit = (await admin(hub, 'GET', '/audit?limit=200')).body.entries.filter((e: { target: string }) => e.target === `integration:${id}`);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['integration.remove', 'integration.update', 'integration.create']);
    expect(audit.every((e: { source: string }) => /^api /.test(e.source))).toBe(true);
    const everything = JSON.stringify([created.body, list.body, renamed.body, audit]);
    expect(everything).not.toContain(TOKEN_SECRET);
  }, 30_000);

  it('keeps both of two changes made to one integration at the same moment', async () => {
    for (let round = 0; round < 4; round++) {
      const connector = round % 2 === 0 ? 'manual' : 'agency';
      const [named, routed] = await Promise.all([
        admin(hub, 'PATCH', '/integrations/webchat', { name: `Web chat ${round}` }),
        admin(hub, 'PATCH', '/integrations/webchat', { connector }),
      ]);
      expect([named.status, routed.status]).toEqual([200, 200]);
      const now = await admin(hub, 'GET', '/integrations/webchat');
      expect(now.body).toMatchObject({ name: `Web chat ${round}`, connector });
    }
    await admin(hub, 'PATCH', '/integrations/webchat', { name: 'Web chat', connector: 'agency' });
  });

  it('refuses bad settings with the fields named, env settings (409), and bots without HUB_SECRET_KEY (409 saying why)', async () => {
    const bad = await admin(hub, 'POST', '/integrations', { type: 'telegram', name: '', settings: { token: 'nope' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['name', 'settings.token']);
    const type = await admin(hub, 'POST', '/integrations', { type: 'fax', name: 'x' });
    expect(type.status).toBe(400);
    expect(type.body.error).toMatch(/type must be one of/);
    const cloud = await admin(hub, 'POST', '/integrations', {
      type: 'whatsapp-cloud', name: 'x', settings: { token: 't', phoneNumberId: '123', appSecret: 's', verifyToken: 'v', apiRoot: 'ftp://x' },
    });
    expect(cloud.status).toBe(400);
    expect(Object.keys(cloud.body.fields)).toEqual(['settings.apiRoot']);
    const env = await admin(hub, 'PATCH', '/integrations/webchat', { settings: { anything: 'x' } });
    expect(env.status).toBe(409);
    expect(env.body.error).toMatch(/environment/);

    const unavailable = await admin(bare, 'POST', '/integrations', { type: 'telegram', name: 'x', settings: { token: TOKEN } });
    expect(unavailable.status).toBe(409);
    expect(unavailable.body.error).toMatch(/HUB_SECRET_KEY/);
    expect(await db.sql.query(`SELECT id FROM "Integration" WHERE id = 'telegram-7100001' AND "removedAt" IS NULL`)).toEqual([]);
  });
});
