// GET /complaints (newest first, keyset-paginated) and GET /complaints/:id with its events.
import type { Prisma, PrismaClient } from '@prisma/client';
import express from 'express';
import { z } from 'zod';
import { HUB_STATUSES, LAPOR_STATUSES } from '../../core/taxonomy.js';
import { complaintView, eventView } from './complaint-view.js';
import { HttpError, parse } from './validate.js';

const STATUSES = [...LAPOR_STATUSES, ...HUB_STATUSES] as const;

const listQuery = z.object({
  status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` }).optional(),
  agency: z.string().min(1).max(64).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, 'must be 1–100').max(100, 'must be 1–100').default(20),
  /** the id of the last complaint of the previous page (its `nextCursor`) */
  cursor: z.string().min(1).max(64).optional(),
});

export function complaintsReadRouter(prisma: PrismaClient): express.Router {
  const router = express.Router();

  router.get('/complaints', async (req, res) => {
    const query = parse(listQuery, req.query, 'query');
    const where: Prisma.ComplaintWhereInput = {
      ...(query.status && { status: query.status }),
      ...(query.agency && { agencyId: query.agency }),
    };
    if (query.cursor) {
      const last = await prisma.complaint.findUnique({ where: { id: query.cursor }, select: { id: true, confirmedAt: true } });
      if (!last) throw new HttpError(400, 'cursor: unknown; pass the nextCursor of the previous page');
      // strictly after the cursor in (confirmedAt desc, id desc) order
      where.OR = [
        { confirmedAt: { lt: last.confirmedAt } },
        { confirmedAt: last.confirmedAt, id: { lt: last.id } },
      ];
    }
    const rows = await prisma.complaint.findMany({
      where,
      orderBy: [{ confirmedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    res.json({
      complaints: page.map(complaintView),
      nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
    });
  });

  router.get('/complaints/:id', async (req, res) => {
    const complaint = await prisma.complaint.findUnique({
      where: { id: req.params.id },
      include: { events: { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] } },
    });
    if (!complaint) throw new HttpError(404, `no complaint ${req.params.id}`);
    res.json({ ...complaintView(complaint), events: complaint.events.map(eventView) });
  });

  return router;
}
