// What an officer enters by hand from lapor.go.id: POST /complaints/:id/filed, /status, /responses.
// Each answers with the complaint as it now stands.
import type { PrismaClient } from '@prisma/client';
import express from 'express';
import { z } from 'zod';
import { LAPOR_STATUSES } from '../../core/taxonomy.js';
import { ManualEntryError, type ManualFiling } from '../../hub/manual-filing.js';
import { complaintView } from './complaint-view.js';
import { HttpError, parse } from './validate.js';

const OBJECT = { error: 'must be a JSON object' };
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const filedBody = z.object({
  trackingId: z.string({ error: 'must be a string of 7 digits' }).regex(/^\d{7}$/, 'must be 7 digits'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).nullish(),
}, OBJECT);

const statusBody = z.object({
  status: z.enum(LAPOR_STATUSES, { error: `must be one of ${LAPOR_STATUSES.join(', ')}` }),
  institution: text(200).nullish(),
}, OBJECT);

const responseBody = z.object({
  message: text(5000),
  author: text(150).nullish(),
}, OBJECT);

export function manualEntryRouter(deps: { prisma: PrismaClient; manual: ManualFiling }): express.Router {
  const router = express.Router();

  /** Runs the entry, maps its refusals to HTTP, and answers with the complaint. */
  const enter = async (res: express.Response, id: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof ManualEntryError) throw new HttpError(error.kind === 'not_found' ? 404 : 409, error.message);
      throw error;
    }
    const complaint = await deps.prisma.complaint.findUniqueOrThrow({ where: { id } });
    res.json(complaintView(complaint));
  };

  router.post('/complaints/:id/filed', async (req, res) => {
    const body = parse(filedBody, req.body, 'body');
    await enter(res, req.params.id, () => deps.manual.file(req.params.id, body));
  });

  router.post('/complaints/:id/status', async (req, res) => {
    const body = parse(statusBody, req.body, 'body');
    await enter(res, req.params.id, () => deps.manual.enterStatus(req.params.id, body));
  });

  router.post('/complaints/:id/responses', async (req, res) => {
    const body = parse(responseBody, req.body, 'body');
    await enter(res, req.params.id, () => deps.manual.enterResponse(req.params.id, body));
  });

  return router;
}
