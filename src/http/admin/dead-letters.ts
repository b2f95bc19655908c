// Jobs the queue gave up on: GET /dead-letters?kind= lists them, POST /dead-letters/:id/retry
// sends one back (pending, due now) and wakes the queue.
import type { PrismaClient } from '@prisma/client';
import express from 'express';
import { z } from 'zod';
import type { QueueWaker } from '../../hub/ports.js';
import { JOB_KINDS, listDeadJobs, retryDeadJob, type DeadJob } from '../../queue/index.js';
import { HttpError, parse } from './validate.js';

const listQuery = z.object({
  kind: z.enum(JOB_KINDS, { error: `must be one of ${JOB_KINDS.join(', ')}` }).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, 'must be 1–500').max(500, 'must be 1–500').default(100),
});

/** Payloads hold ids only by design; keep only id fields so nothing else can slip out. */
function idsOnly(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object') return {};
  return Object.fromEntries(Object.entries(payload).filter(([key]) => /Ids?$/.test(key)));
}

const view = (job: DeadJob) => ({ ...job, payload: idsOnly(job.payload) });

export function deadLettersRouter(deps: { prisma: PrismaClient; queue: QueueWaker }): express.Router {
  const router = express.Router();

  router.get('/dead-letters', async (req, res) => {
    const query = parse(listQuery, req.query, 'query');
    const jobs = await listDeadJobs(deps.prisma, query);
    res.json({ deadLetters: jobs.map(view) });
  });

  router.post('/dead-letters/:id/retry', async (req, res) => {
    const { id } = req.params;
    const dead = await deps.prisma.outboxJob.findUnique({ where: { id }, select: { kind: true, status: true, payload: true } });
    if (dead?.status === 'dead' && dead.kind === 'forward_complaint') {
      // its complaint was set FAILED when the job died: back to CONFIRMED so the job files it
      // (unless an officer has filed it by hand meanwhile)
      const { complaintId } = dead.payload as { complaintId: string };
      await deps.prisma.complaint.updateMany({ where: { id: complaintId, status: 'FAILED', trackingId: null }, data: { status: 'CONFIRMED' } });
    }
    if (await retryDeadJob(deps.prisma, id, deps.queue)) return void res.status(202).json({ id, status: 'pending' });
    const job = await deps.prisma.outboxJob.findUnique({ where: { id }, select: { status: true } });
    if (!job) throw new HttpError(404, `no job ${id}`);
    throw new HttpError(409, `job is ${job.status}, not dead`);
  });

  return router;
}
