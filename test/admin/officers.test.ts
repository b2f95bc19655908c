// Officers, managed by the agency's admins: a new key is shown once and works at once, only its
// hash is kept; a rotated key replaces the old one; the last admin stays; nobody removes
// themselves; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/hub/officers/principal.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { admin, ADMIN_KEY, as } from './support.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
}, 60_000);
afterAll(async () => hub?.close());

describe('officers', () => {
  it('adds an officer whose key is shown once, stored as its hash only, and usable at once', async () => {
    const made = await admin(hub, 'POST', '/officers', { name: 'Rina Petugas', apiKey: true, telegramId: '7001' });
    expect(made.status).toBe(201);
    const { officer, apiKey } = made.body;
    expect(apiKey).toMatch(/^lh_[A-Za-z0-9_-]{43}$/);
    expect(officer).toEqual({
      id: expect.any(String), agencyId: 'default', name: 'Rina Petugas', role: 'officer', telegramId: '7001',
      hasApiKey: true, bootstrap: false, createdAt: expect.any(String),
    });
    const row = await hub.prisma.officer.findUniqueOrThrow({ where: { id: officer.id } });
    expect(row.apiKeyHash).toBe(hashApiKey(apiKey));

    expect((await as(hub, apiKey)('GET', '/me')).body).toMatchObject({ officerId: officer.id, name: 'Rina Petugas', role: 'officer' });
    const list = await admin(hub, 'GET', '/officers');
    expect(list.body.officers.map((o: { id: string }) => o.id)).toEqual(['bootstrap-admin', officer.id]);
    const json = JSON.stringify(list.body);
    expect(json).not.toContain(apiKey);
    expect(json).not.toContain(row.apiKeyHash);
    expect(json).not.toContain('apiKeyHash');
    expect((await admin(hub, 'GET', '/audit?action=officer.create')).body.entries[0]).toMatchObject({
      actor: 'Admin', target: `officer:${officer.id}`, detail: { role: 'officer', apiKey: true, telegram: true },
    });
    expect(JSON.stringify((await admin(hub, 'GET', '/audit')).body)).not.toContain(apiKey);
  });

  it('refuses an officer without a key or Telegram account, and a Telegram account linked already', async () => {
    const none = await admin(hub, 'POST', '/officers', { name: 'Tanpa Akses' });
    expect(none.status).toBe(400);
    expect(none.body.fields).toEqual({ apiKey: expect.stringMatching(/API key/) });
    const bad = await admin(hub, 'POST', '/officers', { name: '', role: 'boss', telegramId: '@rina', apiKey: 'yes' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['apiKey', 'name', 'role', 'telegramId']);
    const twice = await admin(hub, 'POST', '/officers', { name: 'Rina Lagi', telegramId: '7001' });
    expect(twice.status).toBe(409);
    // also from another agency: a Telegram account acts for one officer only
    const b = await admin(hub, 'POST', '/agencies', { id: 'pemkab-bogor', name: 'Pemkab Bogor' });
    const elsewhere = await as(hub, b.body.apiKey)('POST', '/officers', { name: 'Rina Bogor', telegramId: '7001' });
    expect(elsewhere.status).toBe(409);
    expect(await hub.prisma.officer.count({ where: { telegramId: '7001' } })).toBe(1);
  });

  it('rotates a key (the old one stops working), changes role and Telegram account, audited', async () => {
    const { body: { officer, apiKey: first } } = await admin(hub, 'POST', '/officers', { name: 'Dedi', apiKey: true });
    const rotated = await admin(hub, 'PATCH', `/officers/${officer.id}`, { rotateKey: true, name: 'Dedi Kurniawan' });
    expect(rotated.status).toBe(200);
    const second = rotated.body.apiKey;
    expect(second).toMatch(/^lh_/);
    expect(second).not.toBe(first);
    expect(rotated.body.officer.name).toBe('Dedi Kurniawan');
    expect((await as(hub, first)('GET', '/me')).status).toBe(401);
    expect((await as(hub, second)('GET', '/me')).body.name).toBe('Dedi Kurniawan');

    // an officer cannot manage officers; made admin, they can
    expect((await as(hub, second)('GET', '/officers')).status).toBe(403);
    const promoted = await admin(hub, 'PATCH', `/officers/${officer.id}`, { role: 'admin', telegramId: '7002' });
    expect(promoted.body).toEqual({ officer: expect.objectContaining({ role: 'admin', telegramId: '7002' }) });
    expect((await as(hub, second)('GET', '/officers')).status).toBe(200);
    const unlinked = await admin(hub, 'PATCH', `/officers/${officer.id}`, { telegramId: null });
    expect(unlinked.body.officer.telegramId).toBeNull();

    const entries = (await admin(hub, 'GET', '/audit?action=officer.update')).body.entries.filter((e: { target: string }) => e.target === `officer:${officer.id}`);
    expect(entries.map((e: { detail: { changed: string[] } }) => e.detail.changed.sort())).toEqual([['telegramId'], ['role', 'telegramId'], ['name', 'rotateKey']]);
    expect(entries[1].detail.role).toEqual({ from: 'officer', to: 'admin' });
    expect(JSON.stringify(entries)).not.toContain(second);

    expect((await admin(hub, 'PATCH', `/officers/${officer.id}`, {})).status).toBe(400);
    expect((await admin(hub, 'PATCH', `/officers/${officer.id}`, { rotateKey: false })).status).toBe(400);
  });

  it('keeps the agency\'s last admin, refuses removing oneself and the bootstrap admin', async () => {
    const b = await admin(hub, 'POST', '/agencies', { id: 'pemkot-depok', name: 'Pemkot Depok' });
    const first = as(hub, b.body.apiKey);
    const firstId = b.body.admin.id;
    expect((await first('PATCH', `/officers/${firstId}`, { role: 'officer' })).status).toBe(409);
    expect((await first('DELETE', `/officers/${firstId}`)).status).toBe(409);
    const { body: { officer: second, apiKey } } = await first('POST', '/officers', { name: 'Admin Dua', role: 'admin', apiKey: true });
    // now the first may step down, and the second may remove the first
    expect((await first('PATCH', `/officers/${firstId}`, { role: 'officer' })).status).toBe(200);
    expect((await as(hub, apiKey)('PATCH', `/officers/${second.id}`, { role: 'officer' })).status).toBe(409);
    const removed = await as(hub, apiKey)('DELETE', `/officers/${firstId}`);
    expect(removed.status).toBe(204);
    expect((await first('GET', '/me')).status).toBe(401);
    expect((await as(hub, apiKey)('DELETE', `/officers/${second.id}`)).body.error).toMatch(/yourself/);
    expect((await as(hub, apiKey)('GET', '/audit?action=officer.delete')).body.entries).toEqual([
      expect.objectContaining({ actor: 'Admin Dua', target: `officer:${firstId}`, detail: { role: 'officer' } }),
    ]);

    // the bootstrap admin comes from ADMIN_API_KEY: changed there, never here
    const { body: { officer: other } } = await admin(hub, 'POST', '/officers', { name: 'Admin Tiga', role: 'admin', apiKey: true });
    expect(other.role).toBe('admin');
    expect((await admin(hub, 'PATCH', '/officers/bootstrap-admin', { rotateKey: true })).status).toBe(409);
    expect((await admin(hub, 'PATCH', '/officers/bootstrap-admin', { role: 'officer' })).status).toBe(409);
    expect((await admin(hub, 'DELETE', '/officers/bootstrap-admin')).status).toBe(409);
    expect((await admin(hub, 'GET', '/me')).body.officerId).toBe('bootstrap-admin');
    expect((await admin(hub, 'DELETE', '/officers/no-such-officer')).status).toBe(404);
  });

  it('two admins removing each other at once leave one admin: the agency is never without one', async () => {
    for (let round = 0; round < 3; round++) {
      const b = await admin(hub, 'POST', '/agencies', { id: `pemkot-race-${round}`, name: 'Pemkot Balapan' });
      const first = { id: b.body.admin.id as string, key: b.body.apiKey as string };
      const made = await as(hub, first.key)('POST', '/officers', { name: 'Admin Kedua', role: 'admin', apiKey: true });
      const second = { id: made.body.officer.id as string, key: made.body.apiKey as string };
      const answers = await Promise.all([
        as(hub, first.key)('DELETE', `/officers/${second.id}`),
        as(hub, second.key)('DELETE', `/officers/${first.id}`),
      ]);
      expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
      expect(await hub.prisma.officer.count({ where: { agencyId: `pemkot-race-${round}`, role: 'admin' } })).toBe(1);
    }
  });
});
