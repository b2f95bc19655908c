// /admin: the officers' page (contracts/interfaces.md). Sign in with an officer's API key, then
// an httpOnly SameSite=Strict session cookie scoped to /admin; inbox, one complaint with reply,
// status, tracking number and claim, the agency's channels (WhatsApp Web's pairing QR) and the
// updates that could not be delivered. Everything is read and done within the session's
// agency: another agency's complaint is the same 404 page as a missing one. Plain HTML forms,
// redirect after every POST; off (404) without ADMIN_API_KEY, as the admin API.
// Mounted after the channels' routes, so /admin/whatsapp-web (the Bearer pairing page) stays theirs.
import type { PrismaClient } from '@prisma/client';
import express, { type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { ChannelAdapter } from '../../core/channel.js';
import { CATEGORIES, LAPOR_STATUSES } from '../../core/taxonomy.js';
import { maskContacts } from '../../core/pseudonym.js';
import { dueDates, isFollowUpOverdue } from '../../core/sla.js';
import type { WorkingCalendar } from '../../core/working-calendar.js';
import {
  complaintDetail, inboxCounts, listComplaints, undeliveredMessages, UnknownCursor, type ComplaintFilter,
} from '../../hub/officers/complaint-queries.js';
import { OfficerDeskError, type OfficerDesk } from '../../hub/officers/officer-desk.js';
import { principalForApiKey } from '../../hub/officers/principal.js';
import { csrfMatches, PageSessions, type PageSession } from '../../hub/officers/sessions.js';
import {
  clearSessionCookie, COOKIE_PATH, LANG_COOKIE, originAllowed, readCookie, SESSION_COOKIE, setSessionCookie, SignInThrottle,
} from './guard.js';
import { page, type Frame } from './html.js';
import { flashFrom, t, type PageLanguage } from './i18n.js';
import {
  channelsView, COMPLAINT_CHANNELS, complaintView, inboxView, INBOX_STATUSES, messageView, signInView, undeliveredView,
  type ChannelRow,
} from './views.js';

const ASSETS_DIR = new URL('./assets', import.meta.url).pathname;
const PAGE_SIZE = 25;
/** the pairing QR changes about every 20 s: the channels page follows while one is shown */
const QR_REFRESH_S = 10;

export interface AdminPageDeps {
  /** ADMIN_API_KEY: without it the page is off */
  apiKey?: string;
  prisma: PrismaClient;
  desk: OfficerDesk;
  statusLabel(language: PageLanguage, status: string): string;
  /** the channel registry: `adapter` only where this process runs it, `get` wherever it is built */
  channels: { adapter(id: string): ChannelAdapter | undefined; get(id: string): ChannelAdapter | undefined };
  /** PUBLIC_URL: https makes the cookie Secure; its origin is accepted on POSTs */
  publicUrl: string;
  /** the SLA clocks' working days */
  calendar: WorkingCalendar;
  now?: () => Date;
}

type Signed = { session: PageSession; token: string };

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const inboxQuery = z.object({
  status: z.preprocess(blankToUndefined, z.enum(INBOX_STATUSES).optional()),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORIES).optional()),
  channel: z.preprocess(blankToUndefined, z.enum(COMPLAINT_CHANNELS).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  overdue: z.preprocess(blankToUndefined, z.literal('1').optional()),
  mine: z.preprocess(blankToUndefined, z.literal('1').optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  ok: z.unknown().optional(),
  err: z.unknown().optional(),
});
const idParam = z.string().min(1).max(64);
const signInBody = z.object({ key: z.string().trim().min(1).max(200) });
const replyBody = z.object({ message: z.string().trim().min(1).max(4000) });
const statusBody = z.object({
  status: z.enum(LAPOR_STATUSES),
  institution: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
});
const trackingBody = z.object({
  trackingId: z.string().trim().regex(/^\d{7}$/),
  url: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).max(2000).optional()),
});

/** a redirect target inside the page only (the language switch comes back to it) */
const localPath = (value: unknown): string =>
  typeof value === 'string' && /^\/admin(\/[^\\\s]*)?(\?[^\\\s]*)?$/.test(value) && !value.startsWith('//') ? value : '/admin/';

export function createAdminPage(deps: AdminPageDeps): express.Router {
  const router = express.Router();
  const now = deps.now ?? (() => new Date());
  const sessions = new PageSessions(deps.prisma, now);
  const clock = () => ({ now: now(), calendar: deps.calendar });
  const throttle = new SignInThrottle();
  const secure = deps.publicUrl.startsWith('https:');

  const langOf = (req: Request): PageLanguage => (readCookie(req, LANG_COOKIE) === 'en' ? 'en' : 'id');
  const send = (res: Response, status: number, frame: Omit<Frame, 'lang'> & { lang: PageLanguage }) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(page(frame));
  };
  const plain = (req: Request, res: Response, status: number, title: string, text: string, who?: Frame['who']) =>
    send(res, status, { lang: langOf(req), title, here: '/admin/', body: messageView(text), ...(who ? { who } : {}) });
  const notFound = (req: Request, res: Response, who?: Frame['who']) =>
    plain(req, res, 404, t(langOf(req), 'notFound'), t(langOf(req), 'notFoundHelp'), who);
  const refused = (req: Request, res: Response) =>
    plain(req, res, 403, t(langOf(req), 'forbidden'), t(langOf(req), 'forbiddenHelp'));

  // same-origin, not the hub's no-referrer: under no-referrer Chromium sends `Origin: null` with
  // the page's own form posts, and the Origin check could not tell them from a foreign site's.
  // Links to other sites (lapor.go.id) still carry no referrer.
  router.use((_req, res, next) => {
    res.set('Referrer-Policy', 'same-origin');
    next();
  });
  router.use('/assets', express.static(ASSETS_DIR, { index: false, maxAge: '1h' }));

  if (!deps.apiKey) {
    router.use((req, res) => plain(req, res, 404, t(langOf(req), 'off'), t(langOf(req), 'offHelp')));
    return router;
  }

  router.get('/lang/:lang', (req, res) => {
    const lang = req.params.lang === 'en' ? 'en' : 'id';
    res.cookie(LANG_COOKIE, lang, { sameSite: 'strict', secure, path: COOKIE_PATH, maxAge: 365 * 24 * 3600 * 1000 });
    res.redirect(303, localPath(req.query.next));
  });

  // the page's forms are urlencoded and small
  router.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 20 }));

  const signInPage = (req: Request, res: Response, status: number, error?: string) =>
    send(res, status, { lang: langOf(req), title: t(langOf(req), 'signIn'), here: '/admin/login', body: signInView(langOf(req), error) });

  router.get('/login', async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token && (await sessions.resolve(token))) return res.redirect(303, '/admin/');
    signInPage(req, res, 200);
  });

  router.post('/login', async (req, res) => {
    if (!originAllowed(req, deps.publicUrl)) return refused(req, res);
    const lang = langOf(req);
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = await throttle.blockedFor(address);
    const tooMany = (ms: number) => {
      const seconds = Math.max(1, Math.ceil(ms / 1000));
      res.set('Retry-After', String(seconds));
      signInPage(req, res, 429, t(lang, 'tooMany', { s: seconds }));
    };
    if (wait) return tooMany(wait);
    const body = signInBody.safeParse(req.body ?? {});
    if (!body.success) return signInPage(req, res, 400, t(lang, 'missingKey'));
    const principal = await principalForApiKey(deps.prisma, body.data.key);
    if (!principal?.officerId) {
      const last = await throttle.fail(address);
      if (last) return tooMany(last);
      return signInPage(req, res, 401, t(lang, 'wrongKey'));
    }
    // a session the browser had before is ended: one sign-in, one session
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await sessions.destroy(previous);
    const { token } = await sessions.create(principal.officerId);
    setSessionCookie(res, token, secure);
    res.redirect(303, '/admin/');
  });

  // every other page needs a session; every POST its CSRF token (and a same-site Origin)
  router.use(async (req, res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await sessions.resolve(token) : null;
    if (!session || !token) {
      if (token) clearSessionCookie(res, secure);
      return res.redirect(303, '/admin/login');
    }
    if (req.method === 'POST') {
      if (!originAllowed(req, deps.publicUrl)) return refused(req, res);
      if (!csrfMatches(session.csrfToken, (req.body as Record<string, unknown> | undefined)?._csrf)) return refused(req, res);
    }
    res.locals.signed = { session, token } satisfies Signed;
    next();
  });

  const signed = (res: Response): Signed => res.locals.signed as Signed;
  const whoOf = (res: Response) => ({ name: signed(res).session.principal.name, csrfToken: signed(res).session.csrfToken });
  const source = (req: Request) => `page ${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;

  router.post('/logout', async (req, res) => {
    await sessions.destroy(signed(res).token);
    clearSessionCookie(res, secure);
    res.redirect(303, '/admin/login');
  });

  router.get('/', async (req, res) => {
    const lang = langOf(req);
    const who = signed(res).session.principal;
    const parsed = inboxQuery.safeParse(req.query);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return plain(req, res, 400, t(lang, 'inbox'), reasons, whoOf(res));
    }
    const q = parsed.data;
    const filter: ComplaintFilter = {
      ...(q.status && { status: q.status }),
      ...(q.category && { category: q.category }),
      ...(q.channel && { channel: q.channel }),
      ...(q.q && { text: q.q }),
      ...(q.overdue && { overdue: true }),
      ...(q.mine && { claimedBy: who.actorKey }),
    };
    let result;
    try {
      result = await listComplaints(deps.prisma, who.agencyId, filter, { limit: PAGE_SIZE, ...(q.cursor && { cursor: q.cursor }) }, clock());
    } catch (error) {
      if (error instanceof UnknownCursor) return plain(req, res, 400, t(lang, 'inbox'), 'cursor: unknown', whoOf(res));
      throw error;
    }
    const counts = await inboxCounts(deps.prisma, who.agencyId, clock());
    const keep = new URLSearchParams();
    for (const key of ['status', 'category', 'channel', 'q', 'overdue', 'mine'] as const) if (q[key]) keep.set(key, q[key]!);
    const withCursor = (cursor: string) => {
      const params = new URLSearchParams(keep);
      params.set('cursor', cursor);
      return `/admin/?${params}`;
    };
    send(res, 200, {
      lang, title: t(lang, 'inbox'), nav: 'inbox', here: q.cursor ? withCursor(q.cursor) : `/admin/${keep.size ? `?${keep}` : ''}`, who: whoOf(res), flash: flashFrom(lang, req.query),
      body: inboxView({
        lang, counts, statusLabel: deps.statusLabel, items: result.items,
        filter: { status: q.status, category: q.category, channel: q.channel, q: q.q, overdue: !!q.overdue, mine: !!q.mine },
        nextHref: result.nextCursor ? withCursor(result.nextCursor) : null,
        firstHref: q.cursor ? `/admin/${keep.size ? `?${keep}` : ''}` : null,
      }),
    });
  });

  router.get('/complaints/:id', async (req, res) => {
    const lang = langOf(req);
    const who = signed(res).session.principal;
    const id = idParam.safeParse(req.params.id);
    const detail = id.success ? await complaintDetail(deps.prisma, who.agencyId, id.data) : null;
    if (!detail) return notFound(req, res, whoOf(res));
    send(res, 200, {
      lang, title: detail.complaint.isAnonymous || detail.complaint.isSecret ? maskContacts(detail.complaint.title) : detail.complaint.title,
      nav: 'inbox', here: `/admin/complaints/${detail.complaint.id}`, who: whoOf(res), flash: flashFrom(lang, req.query),
      body: complaintView({
        lang, ...detail, csrfToken: signed(res).session.csrfToken, actorKey: who.actorKey, statusLabel: deps.statusLabel,
        due: dueDates(deps.calendar, detail.complaint), overdue: isFollowUpOverdue(deps.calendar, detail.complaint, now()),
      }),
    });
  });

  /** One officer action from a form: validated, done through the desk, then back to the complaint (PRG). */
  const action = <T extends z.ZodType>(what: string, schema: T, run: (id: string, input: z.output<T>, req: Request, res: Response) => Promise<unknown>) =>
    router.post(`/complaints/:id/${what}`, async (req, res) => {
      const id = idParam.safeParse(req.params.id);
      if (!id.success) return notFound(req, res, whoOf(res));
      const back = `/admin/complaints/${encodeURIComponent(id.data)}`;
      const input = schema.safeParse(req.body ?? {});
      // the complaint must be the agency's before a refusal says anything about it
      const who = signed(res).session.principal;
      try {
        await deps.desk.find(who, { id: id.data });
        if (!input.success) return res.redirect(303, `${back}?err=${what}`);
        await run(id.data, input.data, req, res);
      } catch (error) {
        if (error instanceof OfficerDeskError) {
          if (error.kind === 'not_found') return notFound(req, res, whoOf(res));
          return res.redirect(303, `${back}?err=conflict`);
        }
        throw error;
      }
      const done = { reply: 'replied', status: 'status', tracking: 'tracking', claim: 'claimed' }[what];
      res.redirect(303, `${back}?ok=${done}`);
    });

  action('reply', replyBody, (id, input, req, res) => deps.desk.reply(signed(res).session.principal, { id }, input.message, source(req)));
  action('status', statusBody, (id, input, req, res) =>
    deps.desk.setStatus(signed(res).session.principal, { id }, { status: input.status, institution: input.institution ?? null }, source(req)));
  action('tracking', trackingBody, (id, input, req, res) =>
    deps.desk.setTracking(signed(res).session.principal, { id }, { trackingId: input.trackingId, url: input.url ?? null }, source(req)));
  action('claim', z.object({}), (id, _input, req, res) => deps.desk.claim(signed(res).session.principal, { id }, source(req)));

  router.get('/channels', async (req, res) => {
    const lang = langOf(req);
    const who = signed(res).session.principal;
    const integrations = await deps.prisma.integration.findMany({
      where: { agencyId: who.agencyId, removedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const rows: ChannelRow[] = [];
    for (const i of integrations) {
      const running = deps.channels.adapter(i.id);
      const row: ChannelRow = {
        id: i.id, type: i.type, name: i.name, status: i.status, statusReason: i.statusReason, lastSeenAt: i.lastSeenAt,
        live: running ? running.health() : deps.channels.get(i.id) ? 'elsewhere' : null,
      };
      // the pairing is read from the channel's stored state, so any process can show it. Whoever
      // scans the QR owns the agency's number: only its admins see it, officers that it waits
      const pairing = await deps.channels.get(i.id)?.pairing?.();
      if (pairing && who.role !== 'admin') row.pairingPending = true;
      else {
        if (pairing?.qr) row.qrImage = await QRCode.toDataURL(pairing.qr, { margin: 2, width: 280 });
        if (pairing?.pairingCode) row.pairingCode = pairing.pairingCode;
      }
      rows.push(row);
    }
    const pairingShown = rows.some((r) => r.qrImage || r.pairingCode);
    send(res, 200, {
      lang, title: t(lang, 'channels'), nav: 'channels', here: '/admin/channels', who: whoOf(res),
      ...(pairingShown ? { refresh: QR_REFRESH_S } : {}),
      body: channelsView(lang, rows),
    });
  });

  router.get('/undelivered', async (req, res) => {
    const lang = langOf(req);
    const who = signed(res).session.principal;
    const messages = await undeliveredMessages(deps.prisma, who.agencyId);
    const names = new Map((await deps.prisma.integration.findMany({
      where: { agencyId: who.agencyId }, select: { id: true, name: true },
    })).map((i) => [i.id, i.name]));
    send(res, 200, {
      lang, title: t(lang, 'undelivered'), nav: 'undelivered', here: '/admin/undelivered', who: whoOf(res),
      body: undeliveredView(lang, messages.map((m) => ({
        id: m.id, complaintId: m.complaintId, channelName: names.get(m.integrationId) ?? m.integrationId,
        // what the hub said may quote the citizen: always masked here
        text: maskContacts(m.text ?? ''), deliveryError: m.deliveryError, createdAt: m.createdAt,
      }))),
    });
  });

  router.use((req, res) => notFound(req, res, whoOf(res)));
  return router;
}

