// /api/v1/admin: agency staff's API (contracts/interfaces.md). Off (404) without
// ADMIN_API_KEY; with it, every request needs `Authorization: Bearer <ADMIN_API_KEY>`.
import type { PrismaClient } from '@prisma/client';
import express from 'express';
import type { ManualFiling } from '../../hub/manual-filing.js';
import type { QueueWaker } from '../../hub/ports.js';
import { adminOff, requireApiKey } from './auth.js';
import { complaintsReadRouter } from './complaints.js';
import { deadLettersRouter } from './dead-letters.js';
import { manualEntryRouter } from './manual-entry.js';
import { httpErrors } from './validate.js';

export interface AdminDeps {
  apiKey?: string;
  prisma: PrismaClient;
  manual: ManualFiling;
  queue: QueueWaker;
}

export function createAdminRouter(deps: AdminDeps): express.Router {
  const router = express.Router();
  if (!deps.apiKey) {
    router.use(adminOff());
    return router;
  }
  // the key is checked before any body is read
  router.use(requireApiKey(deps.apiKey));
  router.use(express.json({ limit: '64kb' }));
  router.use(complaintsReadRouter(deps.prisma));
  router.use(manualEntryRouter(deps));
  router.use(deadLettersRouter(deps));
  router.use((req, res) => void res.status(404).json({ error: `no admin route for ${req.method} ${req.path}` }));
  router.use(httpErrors);
  return router;
}
