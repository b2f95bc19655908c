// The default agency and the integrations every hub has. Channel integrations are written by
// the channel registry (channel-registry.ts) from each channel's fromEnv. Several agencies and
// several channels per agency live in the same tables (admin API, later).
import type { PrismaClient } from '@prisma/client';
import type { Config } from '../config.js';

export const DEFAULT_AGENCY_ID = 'default';
/** `lapor-hub chat`: the terminal citizen's integration */
export const CONSOLE_INTEGRATION_ID = 'console';

export async function bootstrapAgency(prisma: PrismaClient, config: Config): Promise<void> {
  await prisma.agency.upsert({
    where: { id: DEFAULT_AGENCY_ID },
    create: { id: DEFAULT_AGENCY_ID, name: config.AGENCY_NAME },
    update: { name: config.AGENCY_NAME },
  });
  await ensureIntegration(prisma, CONSOLE_INTEGRATION_ID, 'console', 'Terminal (lapor-hub chat)');
}

/** Creates the integration's row once; an existing row (and what the admin changed on it) stays. */
export async function ensureIntegration(prisma: PrismaClient, id: string, type: string, name: string, agencyId = DEFAULT_AGENCY_ID) {
  await prisma.integration.upsert({
    where: { id },
    create: { id, agencyId, type, name },
    update: {},
  });
}
