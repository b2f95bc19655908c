// /api/v1/admin: agency staff's API (contracts/interfaces.md). Off (404) without ADMIN_API_KEY;
// with it, every request but the OpenAPI document needs `Authorization: Bearer <API key>` (an
// officer's key, or ADMIN_API_KEY itself: the default agency's bootstrap admin). Every route
// is one entry of the route table below: it validates, guards and documents itself.
import type { PrismaClient } from '@prisma/client';
import express from 'express';
import type { IntegrationAdminPort } from '../../hub/integrations/integration-admin-port.js';
import type { ManualFiling } from '../../hub/manual-filing.js';
import type { OfficerDesk } from '../../hub/officers/officer-desk.js';
import { BOOTSTRAP_ADMIN_ID } from '../../hub/officers/principal.js';
import type { QueueWaker } from '../../hub/ports.js';
import { agencyRoutes } from './agencies.js';
import { auditRoutes } from './audit-log.js';
import { adminOff, requireOfficerKey } from './auth.js';
import { complaintRoutes } from './complaints.js';
import { deadLetterRoutes } from './dead-letters.js';
import { integrationRoutes } from './integrations.js';
import { officerRoutes } from './officers.js';
import { openApiDocument } from './openapi.js';
import type { WorkingCalendar } from '../../core/working-calendar.js';
import * as R from './responses.js';
import { mountRoutes, route, type AnyRoute } from './routes.js';
import { httpErrors } from './validate.js';

export interface AdminDeps {
  apiKey?: string;
  prisma: PrismaClient;
  manual: ManualFiling;
  queue: QueueWaker;
  desk: OfficerDesk;
  integrations: IntegrationAdminPort;
  /** the SLA clocks' working days */
  calendar: WorkingCalendar;
  now: () => Date;
}

export const OPENAPI_PATH = '/openapi.json';
const API_VERSION = '1.0.0';

/** The route table: what is served is what is documented. */
export function adminRoutes(deps: AdminDeps): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/me', tag: 'agencies', role: 'officer',
      summary: 'Who the key belongs to: officer, role, agency', response: R.meResponse, ok: 200, okDescription: '`{officerId, name, role, agencyId, agencyName, operator}`',
      async handle({ who }) {
        const agency = await deps.prisma.agency.findUniqueOrThrow({ where: { id: who.agencyId }, select: { name: true } });
        return { officerId: who.officerId, name: who.name, role: who.role, agencyId: who.agencyId, agencyName: agency.name, operator: who.officerId === BOOTSTRAP_ADMIN_ID };
      },
    }),
    ...agencyRoutes(deps),
    ...complaintRoutes(deps),
    ...deadLetterRoutes(deps),
    ...officerRoutes(deps),
    ...integrationRoutes(deps),
    ...auditRoutes(deps),
  ];
}

export function createAdminRouter(deps: AdminDeps): express.Router {
  const router = express.Router();
  if (!deps.apiKey) {
    router.use(adminOff());
    return router;
  }
  const routes = adminRoutes(deps);
  const document = openApiDocument(routes, { version: API_VERSION, documentPath: OPENAPI_PATH });
  // nothing secret in it: readable without a key
  router.get(OPENAPI_PATH, (_req, res) => void res.json(document));
  // the key is checked before any body is read
  router.use(requireOfficerKey(deps.prisma));
  router.use(express.json({ limit: '64kb' }));
  mountRoutes(router, routes);
  router.use((req, res) => void res.status(404).json({ error: `no admin route for ${req.method} ${req.path}` }));
  router.use(httpErrors);
  return router;
}
