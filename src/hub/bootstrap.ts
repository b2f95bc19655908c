// The default agency and the channel integrations this configuration runs. Several
// agencies and several channels per agency live in the same tables (admin API, later).
import type { PrismaClient } from '@prisma/client';
import type { Config } from '../config.js';

export const DEFAULT_AGENCY_ID = 'default';

export interface IntegrationIds {
  webchat: string;
  console: string;
  telegram?: string;
}

export async function bootstrapIntegrations(prisma: PrismaClient, config: Config): Promise<IntegrationIds> {
  await prisma.agency.upsert({
    where: { id: DEFAULT_AGENCY_ID },
    create: { id: DEFAULT_AGENCY_ID, name: config.AGENCY_NAME },
    update: { name: config.AGENCY_NAME },
  });
  const ids: IntegrationIds = { webchat: 'webchat', console: 'console' };
  await ensureIntegration(prisma, ids.webchat, 'webchat', 'Web chat');
  await ensureIntegration(prisma, ids.console, 'console', 'Terminal (lapor-hub chat)');
  if (config.TELEGRAM_BOT_TOKEN) {
    // the bot id is the token's public part; the secret part never leaves the config
    ids.telegram = `telegram-${config.TELEGRAM_BOT_TOKEN.split(':')[0]}`;
    await ensureIntegration(prisma, ids.telegram, 'telegram', 'Telegram bot');
  }
  return ids;
}

async function ensureIntegration(prisma: PrismaClient, id: string, type: string, name: string) {
  await prisma.integration.upsert({
    where: { id },
    create: { id, agencyId: DEFAULT_AGENCY_ID, type, name },
    update: {},
  });
}
