// The caller's agency, and new agencies: only the ADMIN_API_KEY operator creates one, with its
// first admin, whose key the answer carries once. The operator still works in the default
// agency: they see none of the new agency's data.
import type { Agency, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/client.js';
import { audit } from '../../hub/officers/audit.js';
import { hashApiKey, newApiKey } from '../../hub/officers/principal.js';
import { officerView } from './officers.js';
import * as R from './responses.js';
import { route, type AnyRoute } from './routes.js';
import { OBJECT, text } from './schemas.js';
import { HttpError } from './validate.js';

/** `webhook` needs a URL and a secret, configured outside this API. */
const CREATABLE_CONNECTORS = ['lapor', 'manual'] as const;

const createBody = z.object({
  id: z.string({ error: 'must be a string' }).regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'must be 2–48 of a–z 0–9 - (starting with a letter or digit)')
    .describe('the agency\'s id, used in URLs and filters'),
  name: text(150),
  connectorType: z.enum(CREATABLE_CONNECTORS, { error: `must be one of ${CREATABLE_CONNECTORS.join(', ')}` }).default('lapor')
    .describe('lapor: filed through the LAPOR! API with the hub\'s credentials; manual: officers file by hand'),
  adminName: text(100).default('Admin').describe('the name of the agency\'s first admin'),
}, OBJECT).strict();

export const agencyView = (a: Agency) => ({ id: a.id, name: a.name, connectorType: a.connectorType, createdAt: a.createdAt });

export function agencyRoutes(deps: { prisma: PrismaClient }): AnyRoute[] {
  const { prisma } = deps;
  return [
    route({
      method: 'get', path: '/agency', tag: 'agencies', role: 'officer',
      summary: 'The caller\'s agency', response: R.agencyResponse, ok: 200, okDescription: 'the agency (its connector\'s settings are not shown)',
      handle: async ({ who }) => agencyView(await prisma.agency.findUniqueOrThrow({ where: { id: who.agencyId } })),
    }),
    route({
      method: 'post', path: '/agencies', tag: 'agencies', role: 'operator',
      summary: 'Create an agency and its first admin; the answer carries that admin\'s API key, once',
      body: createBody, response: R.agencyCreatedResponse, ok: 201, okDescription: '`{agency, admin, apiKey}`', refusals: { 409: 'an agency with that id exists' },
      async handle({ who, body, source }) {
        const apiKey = newApiKey();
        const exists = () => new HttpError(409, `agency ${body.id} exists`);
        try {
          return await prisma.$transaction(async (tx) => {
            if (await tx.agency.findUnique({ where: { id: body.id }, select: { id: true } })) throw exists();
            const agency = await tx.agency.create({ data: { id: body.id, name: body.name, connectorType: body.connectorType } });
            const admin = await tx.officer.create({ data: { agencyId: agency.id, name: body.adminName, role: 'admin', apiKeyHash: hashApiKey(apiKey) } });
            const record = { action: 'agency.create', target: `agency:${agency.id}`, detail: { connectorType: agency.connectorType, admin: admin.id }, source };
            // in the operator's log and in the new agency's, so its admins see how it began
            await audit(tx, who, record);
            await audit(tx, { ...who, agencyId: agency.id }, record);
            return { agency: agencyView(agency), admin: officerView(admin), apiKey };
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw exists(); // created meanwhile by another request
          throw error;
        }
      },
    }),
  ];
}
