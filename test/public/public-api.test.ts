// The public endpoints: one report's history without identity (a secret report is a 404 like an
// unknown one), and the list of integrations with their forwarded-report counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: TestHub;
const get = async (path: string) => {
  const res = await fetch(`${hub.url}/api/public${path}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
};

beforeAll(async () => {
  db = await createTestDatabase();
  hub = await startTestHub({}, { db, workers: false });
  const p = hub.prisma;
  await p.agency.create({ data: { id: 'other', name: 'Pemkot Lain' } }).catch(() => undefined);
  await p.integration.create({ data: { id: 'tg-other', agencyId: 'other', type: 'telegram', name: '@lain_bot', status: 'degraded', source: 'api' } });
  await p.integration.create({ data: { id: 'tg-gone', agencyId: 'other', type: 'telegram', name: '@gone_bot', source: 'api', removedAt: new Date() } });
  const citizen = await p.citizen.create({ data: { integrationId: 'tg-other', externalId: '99887766', displayName: 'Budi Santoso', phone: '+6281234567890' } });
  const base = { agencyId: 'other', integrationId: 'tg-other', citizenId: citizen.id, chatId: '99887766', channel: 'telegram', classification: 'pengaduan', title: 'Jalan rusak', content: 'NIK 3273012345678901', category: 'infrastruktur', reporterName: 'Budi Santoso', reporterPhone: '+6281234567890' };
  const open = await p.complaint.create({ data: { ...base, status: 'DITINDAKLANJUTI', trackingId: '1111111', filedAt: new Date('2026-11-02T01:00:00Z') } });
  await p.complaintEvent.create({ data: { complaintId: open.id, type: 'filed', status: 'BELUM_TERVERIFIKASI', at: new Date('2026-11-02T01:00:00Z') } });
  await p.complaintEvent.create({ data: { complaintId: open.id, type: 'response', status: 'DITINDAKLANJUTI', data: { message: 'Sedang diperbaiki, hubungi 081234567890', author: 'Petugas Siti Aminah', role: 'instansi' }, at: new Date('2026-11-03T01:00:00Z') } });
  // the citizen's own answer (LAPOR! echoes it as a pelapor response) is theirs, not open data
  await p.complaintEvent.create({ data: { complaintId: open.id, type: 'response', status: 'DITINDAKLANJUTI', data: { message: 'Terima kasih, saya Budi di RT 3', author: 'Budi Santoso', role: 'pelapor' }, at: new Date('2026-11-03T02:00:00Z') } });
  await p.complaintEvent.create({ data: { complaintId: open.id, type: 'officer_reply', data: { message: 'Tim kami datang besok pagi.', author: 'Pemkot', officer: 'Rina Lestari', officerId: 'o-1' }, at: new Date('2026-11-03T03:00:00Z') } });
  await p.complaint.create({ data: { ...base, isSecret: true, status: 'BELUM_TERVERIFIKASI', trackingId: '2222222', filedAt: new Date('2026-11-04T01:00:00Z') } });
  await p.complaint.create({ data: { ...base, status: 'CONFIRMED' } });
});
afterAll(async () => {
  await hub?.close();
  await db?.close();
});

const PERSONAL = [/Budi/, /Santoso/, /6281234567890/, /081234567890/, /3273012345678901/, /99887766/, /Siti/, /Rina/, /RT 3/];

describe('GET /api/public/complaints/:trackingId', () => {
  it('gives status history and agency responses, without identity, as open data', async () => {
    const res = await get('/complaints/1111111');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ trackingId: '1111111', agency: 'Pemkot Lain', status: 'DITINDAKLANJUTI', channel: 'telegram' });
    expect(body.history).toEqual([{ status: 'BELUM_TERVERIFIKASI', at: '2026-11-02T01:00:00.000Z' }]);
    expect(body.responses).toHaveLength(2);
    expect(body.responses[0].text).toMatch(/^Sedang diperbaiki/);
    expect(body.responses[1].text).toBe('Tim kami datang besok pagi.');
    for (const re of PERSONAL) expect(res.text).not.toMatch(re);
  });

  it('answers a secret report exactly as an unknown one (404), and a bad id with 400', async () => {
    const secret = await get('/complaints/2222222');
    const unknown = await get('/complaints/3333333');
    expect(secret.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(secret.text).toBe(unknown.text);
    const bad = await get('/complaints/' + encodeURIComponent('x y;'));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatch(/tracking/);
  });
});

describe('GET /api/public/integrations', () => {
  it('lists every integration not removed, with status and reports forwarded; total is the number listed', async () => {
    const res = await get('/integrations');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.total).toBe(body.integrations.length);
    const ids = body.integrations.map((i: { id: string }) => i.id);
    expect(ids).toContain('tg-other');
    expect(ids).not.toContain('tg-gone');
    const other = body.integrations.find((i: { id: string }) => i.id === 'tg-other');
    // both filed reports count (the secret one too: a count, nothing of it); the unfiled one does not
    expect(other).toMatchObject({ type: 'telegram', agency: 'Pemkot Lain', name: '@lain_bot', status: 'degraded', reportsForwarded: 2, lastSeenAt: null });
    for (const i of body.integrations) {
      expect(['telegram', 'whatsapp-web', 'whatsapp-cloud', 'webchat']).toContain(i.type);
      expect(['connected', 'degraded', 'disconnected']).toContain(i.status);
      expect(Object.keys(i).sort()).toEqual(['agency', 'connectedSince', 'id', 'lastSeenAt', 'name', 'reportsForwarded', 'status', 'type']);
    }
  });

  it('refuses other methods and unknown paths with JSON', async () => {
    const post = await fetch(`${hub.url}/api/public/integrations`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect((await get('/nothing')).status).toBe(404);
  });
});

describe('GET /api/public/stats', () => {
  it('counts filed reports per agency and Jakarta month, without personal data', async () => {
    const p = hub.prisma;
    const citizen = await p.citizen.findFirstOrThrow({ where: { integrationId: 'tg-other' } });
    const base = { agencyId: 'other', integrationId: 'tg-other', citizenId: citizen.id, chatId: '99887766', channel: 'telegram', classification: 'pengaduan', title: 't', content: 'c', category: 'kesehatan' };
    await p.complaint.create({ data: { ...base, status: 'SELESAI', trackingId: '4444444', filedAt: new Date('2026-10-31T23:30:00Z'), closedAt: new Date('2026-11-01T23:30:00Z') } });
    await p.complaint.create({ data: { ...base, status: 'REJECTED', filedAt: new Date('2026-10-15T01:00:00Z') } });
    const res = await get('/stats?agency=other');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.totals).toEqual({ reports: 3, open: 2, closed: 1, resolved: 1 });
    expect(body.byMonth).toEqual([{ month: '2026-11', reports: 3, byChannel: { telegram: 3 } }]);
    expect(body.medianHours.toClose).toBe(24);
    for (const re of PERSONAL) expect(res.text).not.toMatch(re);
    const oct = JSON.parse((await get('/stats?agency=other&from=2026-10-01&to=2026-10-31')).text);
    expect(oct.totals.reports).toBe(0);
    const nov1 = JSON.parse((await get('/stats?agency=other&from=2026-11-01&to=2026-11-01')).text);
    expect(nov1.totals.reports).toBe(1);
  });
  it('answers bad parameters with 400 and a reason', async () => {
    for (const q of ['from=2026-13-01', 'from=2026-11-05&to=2026-11-01', 'colour=red', 'from=yesterday']) {
      const res = await get(`/stats?${q}`);
      expect(res.status, q).toBe(400);
      expect(JSON.parse(res.text).error).toMatch(/invalid/);
    }
  });
});
