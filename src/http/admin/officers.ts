// The agency's officers (admins only): list, add (with an API key shown once), change (name,
// role, Telegram account, a new key), remove. Only a key's SHA-256 is stored. An agency keeps
// at least one admin; nobody removes themselves; the bootstrap admin's key and role come from
// ADMIN_API_KEY and are changed there.
import type { Officer, Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/client.js';
import { audit } from '../../hub/officers/audit.js';
import { BOOTSTRAP_ADMIN_ID, hashApiKey, newApiKey } from '../../hub/officers/principal.js';
import * as R from './responses.js';
import { route, type AnyRoute } from './routes.js';
import { idParams, OBJECT, text } from './schemas.js';
import { HttpError } from './validate.js';

type Tx = Prisma.TransactionClient;

const role = z.enum(['officer', 'admin'], { error: 'must be officer or admin' });
const telegramId = z.string({ error: 'must be a Telegram user id (digits)' }).regex(/^\d{1,20}$/, 'must be a Telegram user id (digits)')
  .describe('the Telegram user id of the officer\'s account');

const createBody = z.object({
  name: text(100),
  role: role.default('officer'),
  telegramId: telegramId.optional(),
  apiKey: z.literal(true, { error: 'must be true' }).optional().describe('true: make an API key, shown once in the answer'),
}, OBJECT).strict().refine((b) => b.apiKey || b.telegramId, { path: ['apiKey'], message: 'an officer needs an API key (apiKey: true) or a telegramId' });

const updateBody = z.object({
  name: text(100).optional(),
  role: role.optional(),
  telegramId: telegramId.nullable().optional().describe('null unlinks the Telegram account'),
  rotateKey: z.literal(true, { error: 'must be true' }).optional().describe('true: a new API key, shown once; the old one stops working'),
}, OBJECT).strict().refine((b) => Object.keys(b).length > 0, { path: ['body'], message: 'name, role, telegramId or rotateKey' });

export function officerView(o: Officer) {
  return {
    id: o.id,
    agencyId: o.agencyId,
    name: o.name,
    role: o.role,
    telegramId: o.telegramId,
    hasApiKey: o.apiKeyHash !== null,
    bootstrap: o.id === BOOTSTRAP_ADMIN_ID,
    createdAt: o.createdAt,
  };
}

/** One change at a time per agency's officers, so two removals cannot leave it without an admin. */
export const lockOfficers = (tx: Tx, agencyId: string) => tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`officers:${agencyId}`}))::text AS locked`;

const otherAdmins = (tx: Tx, agencyId: string, id: string) => tx.officer.count({ where: { agencyId, role: 'admin', NOT: { id } } });

const TELEGRAM_TAKEN = 'this Telegram account is linked to another officer';

/** A Telegram account acts for one officer only, across agencies (the bot's private chat finds it by id). */
async function telegramFree(tx: Tx, telegram: string, except?: string) {
  const taken = await tx.officer.findFirst({ where: { telegramId: telegram, ...(except && { NOT: { id: except } }) }, select: { id: true } });
  if (taken) throw new HttpError(409, TELEGRAM_TAKEN);
}

async function unique<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, TELEGRAM_TAKEN);
    throw error;
  }
}

export function officerRoutes(deps: { prisma: PrismaClient }): AnyRoute[] {
  const { prisma } = deps;
  const NOT_FOUND = { 404: 'no such officer in the caller\'s agency' } as const;

  const find = async (tx: Tx, agencyId: string, id: string) => {
    const officer = await tx.officer.findFirst({ where: { id, agencyId } });
    if (!officer) throw new HttpError(404, `no officer ${id}`);
    return officer;
  };

  return [
    route({
      method: 'get', path: '/officers', tag: 'officers', role: 'admin',
      summary: 'The agency\'s officers', response: R.officersResponse, ok: 200, okDescription: '`{officers}` (never a key or its hash)',
      async handle({ who }) {
        const rows = await prisma.officer.findMany({ where: { agencyId: who.agencyId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
        return { officers: rows.map(officerView) };
      },
    }),
    route({
      method: 'post', path: '/officers', tag: 'officers', role: 'admin',
      summary: 'Add an officer; with apiKey: true the answer carries the new key, once',
      body: createBody, response: R.officerWithKeyResponse, ok: 201, okDescription: '`{officer, apiKey?}`', refusals: { 409: TELEGRAM_TAKEN },
      async handle({ who, body, source }) {
        const apiKey = body.apiKey ? newApiKey() : undefined;
        const officer = await unique(() => prisma.$transaction(async (tx) => {
          if (body.telegramId) await telegramFree(tx, body.telegramId);
          const row = await tx.officer.create({
            data: {
              agencyId: who.agencyId, name: body.name, role: body.role,
              telegramId: body.telegramId ?? null, apiKeyHash: apiKey ? hashApiKey(apiKey) : null,
            },
          });
          await audit(tx, who, { action: 'officer.create', target: `officer:${row.id}`, detail: { role: row.role, apiKey: !!apiKey, telegram: !!row.telegramId }, source });
          return row;
        }));
        return { officer: officerView(officer), ...(apiKey && { apiKey }) };
      },
    }),
    route({
      method: 'patch', path: '/officers/:id', tag: 'officers', role: 'admin',
      summary: 'Change an officer\'s name, role or Telegram account, or give them a new API key (shown once)',
      params: idParams, body: updateBody, response: R.officerWithKeyResponse, ok: 200, okDescription: '`{officer, apiKey?}`',
      refusals: { ...NOT_FOUND, 409: 'the last admin cannot become an officer; the bootstrap admin\'s key and role come from ADMIN_API_KEY; the Telegram account is linked already; an officer needs a key or a Telegram account' },
      async handle({ who, params, body, source }) {
        const apiKey = body.rotateKey ? newApiKey() : undefined;
        const officer = await unique(() => prisma.$transaction(async (tx) => {
          await lockOfficers(tx, who.agencyId);
          const before = await find(tx, who.agencyId, params.id);
          const roleChange = body.role !== undefined && body.role !== before.role;
          if (before.id === BOOTSTRAP_ADMIN_ID && (roleChange || apiKey)) {
            throw new HttpError(409, 'the bootstrap admin\'s key and role come from ADMIN_API_KEY: change it there');
          }
          if (roleChange && body.role === 'officer' && (await otherAdmins(tx, who.agencyId, before.id)) === 0) {
            throw new HttpError(409, 'the agency\'s last admin cannot become an officer: make another admin first');
          }
          if (body.telegramId) await telegramFree(tx, body.telegramId, before.id);
          const telegram = body.telegramId === undefined ? before.telegramId : body.telegramId;
          if (!telegram && !before.apiKeyHash && !apiKey) throw new HttpError(409, 'an officer needs an API key or a Telegram account');
          const row = await tx.officer.update({
            where: { id: before.id },
            data: {
              ...(body.name !== undefined && { name: body.name }),
              ...(body.role !== undefined && { role: body.role }),
              ...(body.telegramId !== undefined && { telegramId: body.telegramId }),
              ...(apiKey && { apiKeyHash: hashApiKey(apiKey) }),
            },
          });
          // a new key signs the officer out of the page too
          if (apiKey) await tx.officerSession.deleteMany({ where: { officerId: row.id } });
          await audit(tx, who, {
            action: 'officer.update',
            target: `officer:${row.id}`,
            detail: {
              changed: Object.keys(body),
              ...(roleChange && { role: { from: before.role, to: row.role } }),
              ...(body.telegramId !== undefined && { telegram: !!row.telegramId }),
            },
            source,
          });
          return row;
        }));
        return { officer: officerView(officer), ...(apiKey && { apiKey }) };
      },
    }),
    route({
      method: 'delete', path: '/officers/:id', tag: 'officers', role: 'admin',
      summary: 'Remove an officer: their key and page sessions stop working; their audit entries stay',
      params: idParams, ok: 204, okDescription: 'removed',
      refusals: { ...NOT_FOUND, 409: 'the agency\'s last admin, the caller themselves, or the bootstrap admin' },
      async handle({ who, params, source }) {
        await prisma.$transaction(async (tx) => {
          await lockOfficers(tx, who.agencyId);
          const officer = await find(tx, who.agencyId, params.id);
          if (officer.id === who.officerId) throw new HttpError(409, 'you cannot remove yourself: another admin can');
          if (officer.id === BOOTSTRAP_ADMIN_ID) throw new HttpError(409, 'the bootstrap admin comes from ADMIN_API_KEY: unset it there');
          if (officer.role === 'admin' && (await otherAdmins(tx, who.agencyId, officer.id)) === 0) {
            throw new HttpError(409, 'the agency\'s last admin cannot be removed');
          }
          await tx.officer.delete({ where: { id: officer.id } });
          await audit(tx, who, { action: 'officer.delete', target: `officer:${officer.id}`, detail: { role: officer.role }, source });
        });
      },
    }),
  ];
}
