// Complaints of the caller's agency: the inbox (filtered, newest first, cursor paged), its
// counts, one complaint with its conversation and deliveries, and what officers do to one:
// reply to the citizen, enter a status, the tracking number or an agency response, take it.
// Every action goes through the OfficerDesk (scoped to the agency, audited).
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { maskContacts } from '../../core/pseudonym.js';
import { dueDates, isFollowUpOverdue } from '../../core/sla.js';
import { CATEGORIES, HUB_STATUSES, LAPOR_STATUSES } from '../../core/taxonomy.js';
import type { WorkingCalendar } from '../../core/working-calendar.js';
import { ManualEntryError } from '../../hub/manual-filing.js';
import { complaintDetail, inboxCounts, listComplaints, undeliveredMessages, UnknownCursor } from '../../hub/officers/complaint-queries.js';
import { OfficerDeskError, type OfficerDesk } from '../../hub/officers/officer-desk.js';
import { complaintView, deliveryView, eventView, messageView } from './complaint-view.js';
import * as R from './responses.js';
import { route, type AnyRoute } from './routes.js';
import { cursor, day, idParams, jakartaDayEnd, jakartaDayStart, limit, OBJECT, text } from './schemas.js';
import { HttpError } from './validate.js';

const STATUSES = [...LAPOR_STATUSES, ...HUB_STATUSES] as const;
const COMPLAINT_CHANNELS = ['telegram', 'whatsapp', 'webchat', 'console', 'api'] as const;
const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(', ')}` });

const listQuery = z.object({
  status: z.enum(STATUSES, oneOf(STATUSES)).optional(),
  category: z.enum(CATEGORIES, oneOf(CATEGORIES)).optional(),
  channel: z.enum(COMPLAINT_CHANNELS, oneOf(COMPLAINT_CHANNELS)).optional(),
  integration: z.string().min(1).max(64).optional().describe('an integration id'),
  from: day.optional().describe('confirmed on or after this day (YYYY-MM-DD, Asia/Jakarta)'),
  to: day.optional().describe('confirmed on or before this day (YYYY-MM-DD, Asia/Jakarta)'),
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional()
    .describe('text in the title, description or place, or a tracking number'),
  overdue: z.enum(['true', 'false'], oneOf(['true', 'false'])).optional()
    .describe('true: filed, open, and not answered within 5 working days of its verification (working days: no weekends, holidays or collective leave)'),
  claimed: z.enum(['me', 'none'], oneOf(['me', 'none'])).optional().describe('me: taken by the caller; none: taken by nobody'),
  limit: limit(100, 20),
  cursor,
}).strict().refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

const replyBody = z.object({ message: text(4000).describe('the answer the citizen gets, as from the agency') }, OBJECT).strict();

const statusBody = z.object({
  status: z.enum(LAPOR_STATUSES, oneOf(LAPOR_STATUSES)),
  institution: text(200).nullish(),
}, OBJECT).strict();

const filedBody = z.object({
  trackingId: z.string({ error: 'must be a string of 7 digits' }).regex(/^\d{7}$/, 'must be 7 digits'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).nullish(),
}, OBJECT).strict();

const responseBody = z.object({
  message: text(5000),
  author: text(150).nullish(),
}, OBJECT).strict();

const undeliveredQuery = z.object({ limit: limit(500, 100) }).strict();

const NOT_FOUND = { 404: 'no such complaint in the caller\'s agency' } as const;

/** OfficerDesk and ManualFiling refusals as HTTP: not_found 404, conflict 409. */
async function desk<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OfficerDeskError || error instanceof ManualEntryError) {
      throw new HttpError(error.kind === 'not_found' ? 404 : 409, error.message);
    }
    throw error;
  }
}

export function complaintRoutes(deps: { prisma: PrismaClient; desk: OfficerDesk; calendar: WorkingCalendar; now: () => Date }): AnyRoute[] {
  const { prisma } = deps;
  const clock = () => ({ now: deps.now(), calendar: deps.calendar });
  return [
    route({
      method: 'get', path: '/complaints', tag: 'complaints', role: 'officer',
      summary: 'The inbox: the agency\'s complaints, newest first, a page at a time',
      query: listQuery, response: R.complaintPageResponse, ok: 200, okDescription: '`{complaints, nextCursor}`; nextCursor is null on the last page',
      async handle({ who, query }) {
        try {
          const page = await listComplaints(prisma, who.agencyId, {
            status: query.status,
            category: query.category,
            channel: query.channel,
            integrationId: query.integration,
            from: query.from ? jakartaDayStart(query.from) : undefined,
            to: query.to ? jakartaDayEnd(query.to) : undefined,
            text: query.q,
            overdue: query.overdue === 'true',
            ...(query.claimed && { claimedBy: query.claimed === 'me' ? who.actorKey : null }),
          }, { limit: query.limit, cursor: query.cursor }, clock());
          return { complaints: page.items.map(complaintView), nextCursor: page.nextCursor };
        } catch (error) {
          if (error instanceof UnknownCursor) throw new HttpError(400, error.message, { cursor: 'unknown; pass the nextCursor of the previous page' });
          throw error;
        }
      },
    }),
    route({
      method: 'get', path: '/complaints/counts', tag: 'complaints', role: 'officer',
      summary: 'Counts for the inbox: total, open, overdue, unclaimed, by status',
      response: R.countsResponse, ok: 200, okDescription: '`{total, open, overdue, unclaimed, byStatus}`',
      handle: ({ who }) => inboxCounts(prisma, who.agencyId, clock()),
    }),
    route({
      method: 'get', path: '/complaints/:id', tag: 'complaints', role: 'officer',
      summary: 'One complaint with its events, its conversation (both directions), the deliveries to the citizen and its SLA due dates',
      description: 'An anonymous reporter is null. For anonymous and secret reports, phone numbers and NIKs in the texts are masked.',
      params: idParams, response: R.complaintDetailResponse, ok: 200, okDescription: 'the complaint with `events`, `conversation`, `deliveries`', refusals: NOT_FOUND,
      async handle({ who, params }) {
        const detail = await complaintDetail(prisma, who.agencyId, params.id);
        if (!detail) throw new HttpError(404, `no complaint ${params.id}`);
        const { complaint, events, conversation } = detail;
        return {
          ...complaintView(complaint),
          sla: { due: dueDates(deps.calendar, complaint), overdue: isFollowUpOverdue(deps.calendar, complaint, deps.now()) },
          events: events.map((e) => eventView(e, complaint)),
          conversation: conversation.map((m) => messageView(m, complaint)),
          deliveries: conversation.filter((m) => m.direction === 'out').map(deliveryView),
        };
      },
    }),
    route({
      method: 'post', path: '/complaints/:id/replies', tag: 'actions', role: 'officer',
      summary: 'Answer the citizen: the message reaches them on their channel (as from the agency) and LAPOR! as the agency\'s response',
      params: idParams, body: replyBody, response: R.replyResponse, ok: 201, okDescription: '`{eventId, complaintId}`', refusals: NOT_FOUND,
      handle: ({ who, params, body, source }) => desk(() => deps.desk.reply(who, { id: params.id }, body.message, source)),
    }),
    route({
      method: 'post', path: '/complaints/:id/status', tag: 'actions', role: 'officer',
      summary: 'Enter a status (a LAPOR! status word); the citizen is told',
      params: idParams, body: statusBody, response: R.complaintResponse, ok: 200, okDescription: 'the complaint as it now stands',
      refusals: { ...NOT_FOUND, 409: 'the complaint has no tracking number yet, or the status does not apply' },
      handle: async ({ who, params, body, source }) => complaintView(await desk(() => deps.desk.setStatus(who, { id: params.id }, body, source))),
    }),
    route({
      method: 'post', path: '/complaints/:id/filed', tag: 'actions', role: 'officer',
      summary: 'Enter the tracking number an officer got filing the report on lapor.go.id by hand (manual connector)',
      params: idParams, body: filedBody, response: R.complaintResponse, ok: 200, okDescription: 'the complaint as it now stands',
      refusals: { ...NOT_FOUND, 409: 'filed already, being forwarded, or the tracking number belongs to another complaint' },
      handle: async ({ who, params, body, source }) => complaintView(await desk(() => deps.desk.setTracking(who, { id: params.id }, body, source))),
    }),
    route({
      method: 'post', path: '/complaints/:id/responses', tag: 'actions', role: 'officer',
      summary: 'Enter an agency response seen on lapor.go.id; the citizen gets it',
      params: idParams, body: responseBody, response: R.complaintResponse, ok: 200, okDescription: 'the complaint as it now stands',
      refusals: { ...NOT_FOUND, 409: 'the complaint has no tracking number yet' },
      async handle({ who, params, body, source }) {
        return complaintView(await desk(() => deps.desk.enterResponse(who, { id: params.id }, body, source)));
      },
    }),
    route({
      method: 'post', path: '/complaints/:id/claim', tag: 'actions', role: 'officer',
      summary: 'Take the report: colleagues see who works on it (taking it again changes nothing)',
      params: idParams, response: R.claimResponse, ok: 200, okDescription: '`{complaint, previous}`: previous is who had it before, or null', refusals: NOT_FOUND,
      async handle({ who, params, source }) {
        const { complaint, previous } = await desk(() => deps.desk.claim(who, { id: params.id }, source));
        return { complaint: complaintView(complaint), previous };
      },
    }),
    route({
      method: 'get', path: '/undelivered', tag: 'complaints', role: 'officer',
      summary: 'Messages to the agency\'s citizens that could not be delivered (blocked, refused, held), newest first',
      query: undeliveredQuery, response: R.undeliveredResponse, ok: 200, okDescription: '`{messages}` (texts with phone numbers and NIKs masked)',
      async handle({ who, query }) {
        const rows = await undeliveredMessages(prisma, who.agencyId, query.limit);
        return { messages: rows.map((m) => ({ ...m, text: m.text === null ? null : maskContacts(m.text) })) };
      },
    }),
  ];
}
