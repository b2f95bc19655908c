// Jobs the queue gave up on, the caller's agency's only: a job belongs to the agency of the rows
// its payload names (a complaint; the messages of a delivery; a stored webhook's integration).
// A job whose rows are gone belongs to no agency and is shown to no one.
import type { Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { QueueWaker } from '../../hub/ports.js';
import { audit } from '../../hub/officers/audit.js';
import { JOB_KINDS, retryDeadJob } from '../../queue/index.js';
import * as R from './responses.js';
import { route, type AnyRoute } from './routes.js';
import { idParams, limit } from './schemas.js';
import { HttpError } from './validate.js';

const listQuery = z.object({
  kind: z.enum(JOB_KINDS, { error: `must be one of ${JOB_KINDS.join(', ')}` }).optional(),
  limit: limit(500, 100),
}).strict();

/** Payloads hold ids only by design; keep only id fields so nothing else can slip out. */
function idsOnly(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object') return {};
  return Object.fromEntries(Object.entries(payload).filter(([key]) => /Ids?$/.test(key)));
}

type Job = { id: string; kind: string; payload: Prisma.JsonValue; attempts: number; lastError: string | null; updatedAt: Date };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/** Job id → agency id, for the jobs whose rows still exist. */
async function agencyOf(prisma: PrismaClient, jobs: readonly Job[]): Promise<Map<string, string>> {
  const ids = { complaint: new Set<string>(), message: new Set<string>(), webhook: new Set<string>() };
  const payload = (job: Job) => (job.payload ?? {}) as Record<string, unknown>;
  for (const job of jobs) {
    const p = payload(job);
    strings(p.complaintId).forEach((id) => ids.complaint.add(id));
    strings(p.messageIds).slice(0, 1).forEach((id) => ids.message.add(id)); // a delivery is one chat's
    strings(p.webhookId).forEach((id) => ids.webhook.add(id));
  }
  const [complaints, messages, webhooks] = await Promise.all([
    ids.complaint.size ? prisma.complaint.findMany({ where: { id: { in: [...ids.complaint] } }, select: { id: true, agencyId: true } }) : [],
    ids.message.size ? prisma.message.findMany({ where: { id: { in: [...ids.message] } }, select: { id: true, integration: { select: { agencyId: true } } } }) : [],
    ids.webhook.size ? prisma.inboundWebhook.findMany({ where: { id: { in: [...ids.webhook] } }, select: { id: true, integration: { select: { agencyId: true } } } }) : [],
  ]);
  const byComplaint = new Map(complaints.map((c) => [c.id, c.agencyId]));
  const byMessage = new Map(messages.map((m) => [m.id, m.integration.agencyId]));
  const byWebhook = new Map(webhooks.map((w) => [w.id, w.integration.agencyId]));
  const out = new Map<string, string>();
  for (const job of jobs) {
    const p = payload(job);
    const agency = strings(p.complaintId).map((id) => byComplaint.get(id))[0]
      ?? strings(p.messageIds).slice(0, 1).map((id) => byMessage.get(id))[0]
      ?? strings(p.webhookId).map((id) => byWebhook.get(id))[0];
    if (agency) out.set(job.id, agency);
  }
  return out;
}

const SELECT = { id: true, kind: true, payload: true, attempts: true, lastError: true, updatedAt: true } as const;
const BATCH = 500;

export function deadLetterRoutes(deps: { prisma: PrismaClient; queue: QueueWaker }): AnyRoute[] {
  const { prisma } = deps;

  /** The dead job if it is the agency's; null for missing, not dead and foreign alike. */
  const agencysJob = async (agencyId: string, id: string) => {
    const job = await prisma.outboxJob.findUnique({ where: { id }, select: { ...SELECT, status: true } });
    if (!job) return null;
    return (await agencyOf(prisma, [job])).get(job.id) === agencyId ? job : null;
  };

  return [
    route({
      method: 'get', path: '/dead-letters', tag: 'dead letters', role: 'officer',
      summary: 'Jobs that failed for good (a filing LAPOR! kept refusing, a delivery a channel refused), newest first',
      query: listQuery, response: R.deadLettersResponse, ok: 200, okDescription: '`{deadLetters}`, payloads reduced to their ids',
      async handle({ who, query }) {
        const found: Job[] = [];
        // walk the dead jobs newest first until the page is full (dead jobs are few)
        for (let skip = 0; found.length < query.limit; skip += BATCH) {
          const batch = await prisma.outboxJob.findMany({
            where: { status: 'dead', ...(query.kind && { kind: query.kind }) },
            orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
            skip,
            take: BATCH,
            select: SELECT,
          });
          const agencies = await agencyOf(prisma, batch);
          found.push(...batch.filter((job) => agencies.get(job.id) === who.agencyId));
          if (batch.length < BATCH) break;
        }
        return { deadLetters: found.slice(0, query.limit).map((job) => ({ ...job, payload: idsOnly(job.payload) })) };
      },
    }),
    route({
      method: 'post', path: '/dead-letters/:id/retry', tag: 'dead letters', role: 'officer',
      summary: 'Run a dead job again (pending, due now)',
      params: idParams, response: R.retryResponse, ok: 202, okDescription: '`{id, status: "pending"}`',
      refusals: { 404: 'no such job of the caller\'s agency', 409: 'the job is not dead (retried already, or done)' },
      async handle({ who, params, source }) {
        const job = await agencysJob(who.agencyId, params.id);
        if (!job) throw new HttpError(404, `no job ${params.id}`);
        if (job.status !== 'dead') throw new HttpError(409, `job is ${job.status}, not dead`);
        // the job, its complaint and the audit entry change together or not at all
        const retried = await prisma.$transaction(async (tx) => {
          if (!(await retryDeadJob(tx, job.id))) return false; // another retry came first
          if (job.kind === 'forward_complaint') {
            // its complaint was set FAILED when the job died: back to CONFIRMED so the job files it
            // (unless an officer has filed it by hand meanwhile)
            const { complaintId } = job.payload as { complaintId: string };
            await tx.complaint.updateMany({ where: { id: complaintId, status: 'FAILED', trackingId: null }, data: { status: 'CONFIRMED' } });
          }
          await audit(tx, who, { action: 'dead_letter.retry', target: `job:${job.id}`, detail: { kind: job.kind }, source });
          return true;
        });
        if (!retried) {
          const now = await prisma.outboxJob.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } });
          throw new HttpError(409, `job is ${now.status}, not dead`);
        }
        deps.queue.notify();
        return { id: job.id, status: 'pending' };
      },
    }),
  ];
}
