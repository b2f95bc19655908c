// Open data: read-only public endpoints. They never return a reporter's identity, chat ids,
// officer names or anything of a secret (rahasia) report.
import express from 'express';
import { z } from 'zod';
import type { PrismaClient } from '@prisma/client';
import { maskContacts } from '../../core/pseudonym.js';
import { dueDates } from '../../core/sla.js';
import type { WorkingCalendar } from '../../core/working-calendar.js';
import { publicStats, statsQuery } from '../../hub/stats/query.js';

const MAX_AGE_S = 10;
const trackingSchema = z.string().regex(/^[0-9A-Za-z-]{1,40}$/);

export function createPublicRouter(deps: { prisma: PrismaClient; calendar: WorkingCalendar; now?: () => Date }): express.Router {
  const { prisma } = deps;
  const router = express.Router();
  router.use((req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Cache-Control', `public, max-age=${MAX_AGE_S}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).json({ error: 'Hanya GET / only GET' });
      return;
    }
    next();
  });

  // a few seconds of in-process cache keyed by the query: open data is read often, changes slowly
  const cache = new Map<string, { until: number; body: unknown }>();
  router.get('/stats', async (req, res) => {
    const parsed = statsQuery.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ error: `Parameter tidak sah / invalid parameters: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}` });
      return;
    }
    const key = JSON.stringify([parsed.data.agency, parsed.data.from, parsed.data.to]);
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) {
      res.json(hit.body);
      return;
    }
    const body = await publicStats(prisma, parsed.data, deps.now?.() ?? new Date(), deps.calendar);
    if (cache.size > 500) cache.clear();
    cache.set(key, { until: Date.now() + MAX_AGE_S * 1000, body });
    res.json(body);
  });

  router.get('/integrations', async (_req, res) => {
    const rows = await prisma.integration.findMany({
      where: { removedAt: null, type: { not: 'console' } },
      include: { agency: { select: { name: true } } },
      orderBy: [{ agencyId: 'asc' }, { id: 'asc' }],
    });
    const counts = await prisma.complaint.groupBy({
      by: ['integrationId'],
      where: { OR: [{ trackingId: { not: null } }, { filedAt: { not: null } }] },
      _count: { _all: true },
    });
    const forwarded = new Map(counts.map((c) => [c.integrationId, c._count._all]));
    const integrations = rows.map((r) => ({
      id: r.id,
      type: r.type,
      agency: r.agency.name,
      name: r.name,
      status: r.status,
      connectedSince: r.connectedSince.toISOString(),
      lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
      reportsForwarded: forwarded.get(r.id) ?? 0,
    }));
    res.json({ total: integrations.length, integrations });
  });

  // the agencies' ids and names (public), for the stats' `agency` filter
  router.get('/agencies', async (_req, res) => {
    const agencies = await prisma.agency.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    res.json({ agencies });
  });

  router.get('/complaints/:trackingId', async (req, res) => {
    const parsed = trackingSchema.safeParse(req.params.trackingId);
    if (!parsed.success) {
      res.status(400).json({ error: 'Nomor pelacakan tidak sah / invalid tracking id' });
      return;
    }
    const c = await prisma.complaint.findUnique({
      where: { trackingId: parsed.data },
      include: { events: { orderBy: { at: 'asc' } }, agency: { select: { name: true } } },
    });
    // a secret report is indistinguishable from an unknown one
    if (!c || c.isSecret) {
      res.status(404).json({ error: 'Laporan tidak ditemukan / report not found' });
      return;
    }
    res.json({
      trackingId: c.trackingId,
      agency: c.agency.name,
      channel: c.channel,
      category: c.category,
      status: c.status,
      filedAt: c.filedAt?.toISOString() ?? null,
      verifiedAt: c.verifiedAt?.toISOString() ?? null,
      firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      // the service levels' deadlines in working days (exclusive instants), and whether it was escalated
      due: Object.fromEntries(Object.entries(dueDates(deps.calendar, c)).map(([k, v]) => [k, v?.toISOString() ?? null])),
      escalatedAt: c.escalatedAt?.toISOString() ?? null,
      history: c.events
        .filter((e) => e.type === 'filed' || e.type === 'status')
        .map((e) => ({ status: e.status ?? (e.type === 'filed' ? 'BELUM_TERVERIFIKASI' : null), at: e.at.toISOString() })),
      // the agency's answers only (from LAPOR!, or an officer's through the hub): never the citizen's own
      responses: c.events
        .filter((e) => (e.type === 'response' && (e.data as { role?: string } | null)?.role !== 'pelapor') || e.type === 'officer_reply')
        .map((e) => ({ at: e.at.toISOString(), text: responseText(e.data) })),
    });
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'Tidak ditemukan / not found' });
  });
  return router;
}

// only the agency's answer text, never who wrote it
function responseText(data: unknown): string | null {
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    if (typeof d.message === 'string') return maskContacts(d.message);
  }
  return null;
}
