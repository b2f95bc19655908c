// The /admin page over plain HTTP: sign-in and its cookie, CSRF and Origin refusals that change
// nothing, wrong keys and their throttle, sign-out, session expiry, the officer actions with
// redirect-after-POST, one agency never seeing another's complaints or channels, and no
// contact of an anonymous reporter on any page.
import { createHash, randomUUID } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminPage } from '../../src/http/admin-page/index.js';
import { hashApiKey } from '../../src/hub/officers/principal.js';
import { confirmComplaint, fileComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient } from '../support/webchat-client.js';
import { ADMIN_KEY, agencyWithOfficer, PageClient } from './support.js';

const B_KEY = 'officer-key-of-agency-b-0123456789';
const ANON_PHONE = '0812-3456-7890';
const ANON_NIK = '3273012345678901';

let hub: TestHub;
let publicComplaint: { id: string; trackingId: string };
let anonymousId: string;

/** an anonymous citizen who writes their phone number and NIK into the report anyway */
async function fileAnonymous(chat: WebchatClient): Promise<string> {
  await confirmComplaint(chat, {
    privacy: 'anonymous',
    description: `Saya dimintai uang di kantor kelurahan untuk surat pindah. Hubungi saya ${ANON_PHONE}, NIK ${ANON_NIK}.`,
  });
  const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }));
  return complaint.id;
}

beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
  const filed = await fileComplaint(hub);
  publicComplaint = { id: filed.complaint.id, trackingId: filed.trackingId };
  anonymousId = await fileAnonymous(new WebchatClient(hub.url));
  await agencyWithOfficer(hub, 'agency-b', B_KEY);
});
afterAll(async () => {
  await hub?.close();
});

/** what an action could have changed, to show a refused one changed nothing */
async function footprint(complaintId: string) {
  const [events, audits, outbound, complaint] = await Promise.all([
    hub.prisma.complaintEvent.count({ where: { complaintId } }),
    hub.prisma.auditEntry.count(),
    hub.prisma.message.count({ where: { direction: 'out' } }),
    hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } }),
  ]);
  return { events, audits, outbound, status: complaint.status, claimedBy: complaint.claimedBy };
}

describe('signing in', () => {
  it('sends a visitor without a session to the sign-in page, in Indonesian', async () => {
    const page = new PageClient(hub.url);
    const inbox = await page.get('/admin/');
    expect(inbox.status).toBe(303);
    expect(inbox.location).toBe('/admin/login');
    const login = await page.get('/admin/login');
    expect(login.status).toBe(200);
    expect(login.text).toContain('<html lang="id">');
    expect(login.text).toContain('Kunci API');
  });

  it('carries the hub\'s CSP and no framing, same-origin referrers, no caching; its assets are served without a session', async () => {
    const page = new PageClient(hub.url);
    const res = await fetch(`${hub.url}/admin/login`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const css = await fetch(`${hub.url}/admin/assets/admin.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect((await page.get('/admin/assets/admin.js')).status).toBe(200);
    expect((await page.get('/admin/assets/../index.ts')).status).not.toBe(200);
  });

  it('refuses a wrong key (401) and an empty one (400) without a cookie', async () => {
    const page = new PageClient(hub.url);
    const wrong = await page.post('/admin/login', { key: 'not-the-key-0123456789' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Kunci API salah');
    expect(wrong.setCookie.filter((c) => c.startsWith('lh_admin_session='))).toEqual([]);
    const empty = await page.post('/admin/login', { key: '' });
    expect(empty.status).toBe(400);
  });

  it('gives an httpOnly, SameSite=Strict cookie on /admin and keeps only the token\'s hash', async () => {
    const page = new PageClient(hub.url);
    const answer = await page.signIn(ADMIN_KEY);
    expect(answer.location).toBe('/admin/');
    const cookie = answer.setCookie.find((c) => c.startsWith('lh_admin_session='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/admin(;|$)/);
    expect(cookie).not.toMatch(/; Secure/i); // PUBLIC_URL is http here
    const token = page.token();
    const rows = await hub.prisma.officerSession.findMany();
    expect(rows.some((r) => r.tokenHash === createHash('sha256').update(token).digest('hex'))).toBe(true);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    const inbox = await page.get('/admin/');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Kotak masuk');
  });

  it('marks the cookie Secure when PUBLIC_URL is https, and refuses a POST from another origin', async () => {
    const app = express();
    app.use('/admin', createAdminPage({
      apiKey: ADMIN_KEY, prisma: hub.prisma, desk: hub.desk, statusLabel: hub.engine.statusLabel, channels: hub.channels, calendar: hub.calendar,
      publicUrl: 'https://lapor.example.go.id',
    }));
    const ok = await request(app).post('/admin/login').type('form').send({ key: ADMIN_KEY });
    expect(ok.status).toBe(303);
    expect(String(ok.headers['set-cookie'])).toMatch(/lh_admin_session=[^;]+;.*Secure/i);
    const sameSite = await request(app).post('/admin/login').set('Origin', 'https://lapor.example.go.id').type('form').send({ key: ADMIN_KEY });
    expect(sameSite.status).toBe(303);
    const crossSite = await request(app).post('/admin/login').set('Origin', 'https://evil.example').type('form').send({ key: ADMIN_KEY });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers['set-cookie']).toBeUndefined();
  });

  it('throttles failed sign-ins per address: 429 with Retry-After, even for the right key', async () => {
    // a router of its own, so this address's failures do not lock out the other tests
    const app = express();
    app.use('/admin', createAdminPage({
      apiKey: ADMIN_KEY, prisma: hub.prisma, desk: hub.desk, statusLabel: hub.engine.statusLabel, channels: hub.channels, calendar: hub.calendar,
      publicUrl: hub.url,
    }));
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await request(app).post('/admin/login').type('form').send({ key: `wrong-${i}-0123456789` })).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const right = await request(app).post('/admin/login').type('form').send({ key: ADMIN_KEY });
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.headers['set-cookie']).toBeUndefined();
  });

  it('is off, a clear 404 page, without ADMIN_API_KEY', async () => {
    const app = express();
    app.use('/admin', createAdminPage({
      prisma: hub.prisma, desk: hub.desk, statusLabel: hub.engine.statusLabel, channels: hub.channels, calendar: hub.calendar, publicUrl: hub.url,
    }));
    for (const path of ['/admin/', '/admin/login', '/admin/complaints/x']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
      expect(res.text).toContain('ADMIN_API_KEY');
    }
    expect((await request(app).post('/admin/login').type('form').send({ key: ADMIN_KEY })).status).toBe(404);
  });
});

describe('sessions', () => {
  it('signs out: the row is deleted and the old cookie no longer opens a page', async () => {
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    const hash = createHash('sha256').update(page.token()).digest('hex');
    const out = await page.send('/admin/logout');
    expect(out.status).toBe(303);
    expect(out.location).toBe('/admin/login');
    expect(out.setCookie.some((c) => /^lh_admin_session=;/.test(c))).toBe(true);
    expect(await hub.prisma.officerSession.findUnique({ where: { tokenHash: hash } })).toBeNull();
    const again = await page.get('/admin/');
    expect(again.status).toBe(303);
    expect(again.location).toBe('/admin/login');
  });

  it('ends after 12 idle hours and after 7 days in any case', async () => {
    const idle = new PageClient(hub.url);
    await idle.signIn(ADMIN_KEY);
    const idleHash = createHash('sha256').update(idle.token()).digest('hex');
    await hub.prisma.officerSession.update({ where: { tokenHash: idleHash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await idle.get('/admin/')).location).toBe('/admin/login');
    expect(await hub.prisma.officerSession.findUnique({ where: { tokenHash: idleHash } })).toBeNull();

    const old = new PageClient(hub.url);
    await old.signIn(ADMIN_KEY);
    const oldHash = createHash('sha256').update(old.token()).digest('hex');
    await hub.prisma.officerSession.update({ where: { tokenHash: oldHash }, data: { createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) } });
    expect((await old.get('/admin/')).location).toBe('/admin/login');
  });

  it('ends an officer\'s sessions when their key is revoked, and the old session when the browser signs in again', async () => {
    const key = 'officer-key-to-revoke-0123456789';
    const officer = await hub.prisma.officer.create({ data: { agencyId: 'default', name: 'Petugas Sementara', apiKeyHash: hashApiKey(key) } });
    const page = new PageClient(hub.url);
    await page.signIn(key);
    const first = createHash('sha256').update(page.token()).digest('hex');
    await page.signIn(key); // the cookie of the first session is sent along
    expect(await hub.prisma.officerSession.findUnique({ where: { tokenHash: first } })).toBeNull();
    expect((await page.get('/admin/')).status).toBe(200);
    await hub.prisma.officer.update({ where: { id: officer.id }, data: { apiKeyHash: null } });
    expect((await page.get('/admin/')).location).toBe('/admin/login');
    expect(await hub.prisma.officerSession.count({ where: { officerId: officer.id } })).toBe(0);
  });

  it('moves the idle deadline on while the officer works', async () => {
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    const hash = createHash('sha256').update(page.token()).digest('hex');
    const soon = new Date(Date.now() + 60_000);
    await hub.prisma.officerSession.update({ where: { tokenHash: hash }, data: { expiresAt: soon } });
    expect((await page.get('/admin/')).status).toBe(200);
    const row = await hub.prisma.officerSession.findUniqueOrThrow({ where: { tokenHash: hash } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * 3600 * 1000);
  });
});

describe('forms', () => {
  it('refuses a POST without the CSRF token, with a wrong one, or from another origin (403), and changes nothing', async () => {
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    const before = await footprint(publicComplaint.id);
    const path = `/admin/complaints/${publicComplaint.id}`;
    const attempts = [
      await page.post(`${path}/reply`, { message: 'Balasan palsu dari situs lain' }),
      await page.post(`${path}/reply`, { message: 'Balasan palsu dari situs lain', _csrf: 'x'.repeat(32) }),
      await page.send(`${path}/reply`, { message: 'Balasan palsu dari situs lain' }, { origin: 'https://evil.example' }),
      await page.send(`${path}/reply`, { message: 'Balasan palsu dari situs lain' }, { origin: 'null' }),
      await page.post(`${path}/claim`, {}),
      await page.post(`${path}/status`, { status: 'SELESAI' }),
      await page.post('/admin/logout', {}),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(attempts[0]!.text).toContain('Permintaan ditolak');
    expect(await footprint(publicComplaint.id)).toEqual(before);
    expect((await page.get('/admin/')).status).toBe(200); // the session is still there
  });

  it('sets a status, takes the report, refuses bad input by a redirect with a reason, all audited as from the page', async () => {
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    const path = `/admin/complaints/${publicComplaint.id}`;

    const empty = await page.send(`${path}/reply`, { message: '   ' });
    expect(empty.status).toBe(303);
    expect(empty.location).toBe(`${path}?err=reply`);
    expect((await page.get(empty.location!)).text).toContain('Balasan harus diisi');

    const badStatus = await page.send(`${path}/status`, { status: 'HILANG' });
    expect(badStatus.location).toBe(`${path}?err=status`);

    const status = await page.send(`${path}/status`, { status: 'DITINDAKLANJUTI', institution: 'Dinas PUPR' });
    expect(status.location).toBe(`${path}?ok=status`);
    const shown = await page.get(status.location!);
    expect(shown.text).toContain('Status disimpan');
    expect((await hub.prisma.complaint.findUniqueOrThrow({ where: { id: publicComplaint.id } })).status).toBe('DITINDAKLANJUTI');

    const claim = await page.send(`${path}/claim`);
    expect(claim.location).toBe(`${path}?ok=claimed`);
    const claimed = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: publicComplaint.id } });
    expect(claimed.claimedBy).toBe('bootstrap-admin');
    expect((await page.get(path)).text).toContain('Anda menangani laporan ini');
    const mine = await page.get('/admin/?mine=1');
    expect(mine.text).toContain(`/admin/complaints/${publicComplaint.id}`);

    // already filed through LAPOR!: entering a tracking number by hand is refused
    const tracking = await page.send(`${path}/tracking`, { trackingId: '1234567' });
    expect(tracking.location).toBe(`${path}?err=conflict`);

    const audit = await hub.prisma.auditEntry.findMany({ where: { target: `complaint:${publicComplaint.id}` }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['status', 'claim']));
    expect(audit.every((a) => a.source.startsWith('page ') && a.officerId === 'bootstrap-admin')).toBe(true);
  });

  it('shows the SLA deadlines of a report, marked overdue once the follow-up deadline has passed', async () => {
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    const before = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: publicComplaint.id } });
    // filed Thu 13 Aug 2026: verification by the end of Wed 19 (17 Aug is Independence Day),
    // follow-up (unverified: from the filing) by the end of Fri 21
    await hub.prisma.complaint.update({ where: { id: publicComplaint.id }, data: { filedAt: new Date('2026-08-13T10:00:00+07:00'), verifiedAt: null, firstResponseAt: null } });
    try {
      const shown = await page.get(`/admin/complaints/${publicComplaint.id}`);
      expect(shown.status).toBe(200);
      expect(shown.text).toMatch(/Batas verifikasi<\/th><td>[^<]*19[^<]*Agu[^<]*2026/);
      expect(shown.text).toMatch(/Batas tindak lanjut<\/th><td>[^<]*21[^<]*Agu[^<]*2026[^<]* <span class="bad">Terlambat<\/span>/);
    } finally {
      await hub.prisma.complaint.update({ where: { id: publicComplaint.id }, data: { filedAt: before.filedAt, verifiedAt: before.verifiedAt, firstResponseAt: before.firstResponseAt } });
    }
  });

  it('answers an invalid inbox filter with 400, not 500; unknown flash codes show nothing', async () => {
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    expect((await page.get('/admin/?status=HILANG')).status).toBe(400);
    expect((await page.get('/admin/?cursor=no-such-complaint')).status).toBe(400);
    const flash = await page.get('/admin/?err=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(flash.status).toBe(200);
    expect(flash.text).not.toContain('alert(1)');
  });

  it('switches to English and back only to a path of the page', async () => {
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    const en = await page.get('/admin/lang/en?next=%2Fadmin%2Fchannels');
    expect(en.status).toBe(303);
    expect(en.location).toBe('/admin/channels');
    page.cookie = `${page.cookie}; ${en.setCookie[0]!.split(';')[0]}`;
    const channels = await page.get('/admin/channels');
    expect(channels.text).toContain('<html lang="en">');
    expect(channels.text).toContain('Channels');
    const away = await page.get('/admin/lang/id?next=https%3A%2F%2Fevil.example%2F');
    expect(away.location).toBe('/admin/');
    expect((await page.get('/admin/lang/id?next=%2F%2Fevil.example')).location).toBe('/admin/');
  });
});

describe('undelivered updates', () => {
  it('lists what could not reach a citizen: which report, why, when, the text masked; never to another agency', async () => {
    const complaint = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: publicComplaint.id } });
    await hub.prisma.message.create({
      data: {
        id: randomUUID(), integrationId: complaint.integrationId, chatId: complaint.chatId, direction: 'out', complaintId: complaint.id,
        text: 'Status laporan #1234567 berubah; petugas menghubungi 0812-9876-5432 besok.', deliveryError: 'blocked: the chat blocked the bot',
      },
    });
    const a = new PageClient(hub.url);
    await a.signIn(ADMIN_KEY);
    const shown = await a.get('/admin/undelivered');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('blocked: the chat blocked the bot');
    expect(shown.text).toContain(`/admin/complaints/${complaint.id}`);
    expect(shown.text).toContain('[disembunyikan]');
    expect(shown.text.replace(/[\s.-]/g, '')).not.toContain('081298765432');
    const b = new PageClient(hub.url);
    await b.signIn(B_KEY);
    const none = await b.get('/admin/undelivered');
    expect(none.text).toContain('Semua pesan terkirim');
    expect(none.text).not.toContain('blocked: the chat blocked the bot');
  });
});

describe('agencies and personal data', () => {
  it('shows an officer of agency B none of agency A: complaints 404 like missing ones, no channels, empty inbox', async () => {
    const b = new PageClient(hub.url);
    await b.signIn(B_KEY);
    const foreign = await b.get(`/admin/complaints/${publicComplaint.id}`);
    const missing = await b.get('/admin/complaints/00000000-0000-4000-8000-000000000000');
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.text).toBe(missing.text);

    const before = await footprint(publicComplaint.id);
    const reply = await b.send(`/admin/complaints/${publicComplaint.id}/reply`, { message: 'Balasan dari instansi lain' });
    const claim = await b.send(`/admin/complaints/${publicComplaint.id}/claim`);
    expect([reply.status, claim.status]).toEqual([404, 404]);
    expect(reply.text).toBe(missing.text);
    expect(await footprint(publicComplaint.id)).toEqual(before);

    const inbox = await b.get('/admin/');
    expect(inbox.text).not.toContain(publicComplaint.id);
    expect(inbox.text).not.toContain(anonymousId);
    expect(inbox.text).toContain('Tidak ada laporan');
    const channels = await b.get('/admin/channels');
    expect(channels.text).toContain('Belum ada kanal');
    expect(channels.text).not.toContain(hub.integrations.webchat!);
    const undelivered = await b.get('/admin/undelivered');
    expect(undelivered.status).toBe(200);

    // agency A sees its own
    const a = new PageClient(hub.url);
    await a.signIn(ADMIN_KEY);
    expect((await a.get('/admin/')).text).toContain(`/admin/complaints/${publicComplaint.id}`);
    expect((await a.get('/admin/channels')).text).toContain('data-type="webchat"');
  });

  it('never shows the phone number or NIK of an anonymous reporter, on any page', async () => {
    const a = new PageClient(hub.url);
    await a.signIn(ADMIN_KEY);
    const stored = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: anonymousId } });
    expect(stored.isAnonymous).toBe(true);
    // what the citizen typed is kept in the conversation, as typed
    expect(await hub.prisma.message.count({ where: { chatId: stored.chatId, direction: 'in', text: { contains: ANON_PHONE } } })).toBe(1);
    const pages = await Promise.all(['/admin/', `/admin/complaints/${anonymousId}`, '/admin/undelivered', '/admin/channels',
      `/admin/?q=${encodeURIComponent('kelurahan')}`].map((p) => a.get(p)));
    for (const shown of pages) {
      expect(shown.status).toBe(200);
      const digits = shown.text.replace(/[\s.-]/g, '');
      expect(digits).not.toContain('081234567890');
      expect(digits).not.toContain(ANON_NIK);
    }
    const detail = pages[1]!.text;
    expect(detail).toContain('[disembunyikan]');
    expect(detail).toMatch(/Warga-[A-Z2-9]{5}/);
    expect(pages[4]!.text).toContain(`/admin/complaints/${anonymousId}`);
    // a public report's reporter is shown to the reporting agency
    expect((await a.get(`/admin/complaints/${publicComplaint.id}`)).text).toContain('Budi Santoso');
  });
});

describe('inbox paging', () => {
  it('pages 25 at a time, newest first, keeping the filters; each agency its own', async () => {
    await hub.prisma.integration.create({ data: { id: 'b-webchat', agencyId: 'agency-b', type: 'webchat', name: 'Web chat B' } });
    const citizen = await hub.prisma.citizen.create({ data: { integrationId: 'b-webchat', externalId: 'b-citizen' } });
    const base = Date.now() - 3600_000;
    for (let i = 0; i < 27; i++) {
      await hub.prisma.complaint.create({
        data: {
          agencyId: 'agency-b', integrationId: 'b-webchat', citizenId: citizen.id, chatId: 'b-chat', channel: 'webchat',
          classification: 'PENGADUAN', title: `Laporan B nomor ${String(i).padStart(2, '0')}`, content: 'Isi laporan yang cukup panjang untuk diuji.',
          category: i % 2 ? 'kesehatan' : 'lingkungan', status: 'WAITING_MANUAL', confirmedAt: new Date(base + i * 1000),
        },
      });
    }
    const b = new PageClient(hub.url);
    await b.signIn(B_KEY);
    const first = await b.get('/admin/');
    const titles = (text: string) => [...text.matchAll(/Laporan B nomor (\d\d)/g)].map((m) => Number(m[1]));
    expect(titles(first.text)).toEqual(Array.from({ length: 25 }, (_, i) => 26 - i));
    expect(first.text).toContain('<b>27</b> Semua');
    const next = /href="(\/admin\/\?cursor=[^"]+)" rel="next"/.exec(first.text)?.[1];
    expect(next).toBeTruthy();
    const second = await b.get(next!.replace(/&amp;/g, '&'));
    expect(titles(second.text)).toEqual([1, 0]);
    expect(second.text).not.toContain('rel="next"');

    const filtered = await b.get('/admin/?category=kesehatan');
    expect(titles(filtered.text)).toEqual([25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
    expect((await b.get('/admin/?q=nomor%2003')).text).toContain('Laporan B nomor 03');
    expect((await b.get('/admin/channels')).text).toContain('Web chat B');

    const a = new PageClient(hub.url);
    await a.signIn(ADMIN_KEY);
    expect((await a.get('/admin/')).text).not.toContain('Laporan B nomor');
    expect((await a.get('/admin/channels')).text).not.toContain('Web chat B');
    // A cannot page with B's complaint as the cursor either
    const cursor = /cursor=([^"&]+)/.exec(next!)![1]!;
    expect((await a.get(`/admin/?cursor=${cursor}`)).status).toBe(400);
  });
});
