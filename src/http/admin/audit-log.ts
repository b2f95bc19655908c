// The agency's audit log (admins only): every officer action, newest first, cursor paged.
import type { Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import * as R from './responses.js';
import { route, type AnyRoute } from './routes.js';
import { cursor, day, jakartaDayEnd, jakartaDayStart, limit } from './schemas.js';
import { HttpError } from './validate.js';

const query = z.object({
  action: z.string().min(1).max(64).optional().describe('reply, status, tracking, response, claim, dead_letter.retry, officer.create, integration.update, …'),
  officer: z.string().min(1).max(200).optional().describe('an officer id'),
  from: day.optional().describe('on or after this day (YYYY-MM-DD, Asia/Jakarta)'),
  to: day.optional().describe('on or before this day (YYYY-MM-DD, Asia/Jakarta)'),
  limit: limit(200, 50),
  cursor,
}).strict().refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export function auditRoutes(deps: { prisma: PrismaClient }): AnyRoute[] {
  const { prisma } = deps;
  return [
    route({
      method: 'get', path: '/audit', tag: 'audit', role: 'admin',
      summary: 'The agency\'s audit log: who did what, when, from where; newest first',
      query, response: R.auditPageResponse, ok: 200, okDescription: '`{entries, nextCursor}`',
      async handle({ who, query: q }) {
        const and: Prisma.AuditEntryWhereInput[] = [{ agencyId: who.agencyId }];
        if (q.action) and.push({ action: q.action });
        if (q.officer) and.push({ officerId: q.officer });
        if (q.from || q.to) and.push({ at: { ...(q.from && { gte: jakartaDayStart(q.from) }), ...(q.to && { lt: jakartaDayEnd(q.to) }) } });
        if (q.cursor) {
          const last = await prisma.auditEntry.findFirst({ where: { id: q.cursor, agencyId: who.agencyId }, select: { id: true, at: true } });
          if (!last) throw new HttpError(400, 'cursor: unknown; pass the nextCursor of the previous page', { cursor: 'unknown; pass the nextCursor of the previous page' });
          and.push({ OR: [{ at: { lt: last.at } }, { at: last.at, id: { lt: last.id } }] });
        }
        const rows = await prisma.auditEntry.findMany({ where: { AND: and }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: q.limit + 1 });
        const page = rows.slice(0, q.limit);
        return {
          entries: page.map((e) => ({ id: e.id, at: e.at, officerId: e.officerId, actor: e.actor, action: e.action, target: e.target, detail: e.detail, source: e.source })),
          nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
        };
      },
    }),
  ];
}
