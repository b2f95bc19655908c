// zod schemas of the answers in contracts/lapor-api-v1.md, and their mapping to the
// connector's camelCase types. Field names here are the wire's; nowhere else.
import { z } from 'zod';
import { LAPOR_STATUSES } from '../../core/taxonomy.js';
import type { FiledReport, LaporResponse, LaporUpdate, UpdatesPage } from '../connector.js';

const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const status = z.enum(LAPOR_STATUSES);

export const filedSchema = z
  .object({
    tracking_id: z.string().min(1),
    status,
    url: z.string().nullish(),
    created_at: timestamp,
  })
  .transform(
    (b): FiledReport => ({ trackingId: b.tracking_id, status: b.status, url: b.url ?? null, createdAt: b.created_at }),
  );

export const responseSchema = z
  .object({
    id: z.string().min(1),
    author: z.string().nullish(),
    role: z.enum(['admin', 'instansi', 'pelapor']),
    message: z.string(),
    created_at: timestamp,
  })
  .transform(
    (r): LaporResponse => ({ id: r.id, author: r.author ?? null, role: r.role, message: r.message, createdAt: r.created_at }),
  );

export const updateSchema = z
  .object({
    id: z.string().min(1),
    tracking_id: z.string().min(1),
    type: z.enum(['status', 'response']),
    status,
    institution: z.string().nullish(),
    response: responseSchema.optional(),
    at: timestamp,
  })
  .refine((u) => u.type !== 'response' || u.response !== undefined, {
    message: 'a response update needs `response`',
    path: ['response'],
  })
  .transform(
    (u): LaporUpdate => ({
      id: u.id,
      trackingId: u.tracking_id,
      type: u.type,
      status: u.status,
      ...(u.institution != null && { institution: u.institution }),
      ...(u.response && { response: u.response }),
      at: u.at,
    }),
  );

export const updatesPageSchema = z
  .object({ updates: z.array(updateSchema), next_cursor: z.string().nullable() })
  .transform((p): UpdatesPage => ({ updates: p.updates, nextCursor: p.next_cursor }));

export const postedResponseSchema = z
  .object({ id: z.string().min(1), created_at: timestamp })
  .transform((r) => ({ id: r.id, createdAt: r.created_at }));

/** GET /complaints/{tracking_id} */
export const complaintStateSchema = z
  .object({
    tracking_id: z.string().min(1),
    status,
    disposition: z.object({ institution: z.string().nullish() }).nullish(),
    responses: z.array(responseSchema).default([]),
    updated_at: timestamp,
  })
  .transform((c) => ({
    trackingId: c.tracking_id,
    status: c.status,
    institution: c.disposition?.institution ?? null,
    responses: c.responses,
    updatedAt: c.updated_at,
  }));
export type ComplaintState = z.output<typeof complaintStateSchema>;
