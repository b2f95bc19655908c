// channel_webhook: hands a stored platform webhook to its adapter's processWebhook, then marks
// it processed. At least once: a crash between the two runs it again, and adapters dedupe
// inbound messages by their platform ids (the conversation service does too). Once processed
// the payload (a phone number, a message text) is blanked: the row only dedupes redeliveries.
import type { PrismaClient } from '@prisma/client';
import type { ChannelAdapter } from '../../core/channel.js';
import { JobDeferred, JobError } from '../../queue/index.js';
import type { JobPayloads } from '../../queue/index.js';

export interface ChannelWebhookDeps {
  prisma: PrismaClient;
  /** the adapter of an integration if it runs in this process */
  adapter(integrationId: string): ChannelAdapter | undefined;
  now: () => Date;
  /** how soon a webhook whose channel runs in another process is looked at again (default 1 s) */
  elsewhereRetryMs?: number;
}

export function channelWebhookHandler(deps: ChannelWebhookDeps) {
  return async (payload: JobPayloads['channel_webhook']): Promise<void> => {
    const row = await deps.prisma.inboundWebhook.findUnique({ where: { id: payload.webhookId } });
    if (!row || row.processedAt) return; // processed already: a repeated job is a no-op
    const adapter = deps.adapter(row.integrationId);
    if (!adapter) {
      const integration = await deps.prisma.integration.findUnique({ where: { id: row.integrationId }, select: { removedAt: true } });
      // removed through the admin API after the webhook was stored: nobody will process it
      if (integration?.removedAt) {
        await deps.prisma.inboundWebhook.update({ where: { id: row.id }, data: { processedAt: deps.now(), payload: {} } });
        return;
      }
    }
    // deferred, never dead-lettered: the process running the channel takes it
    if (!adapter) throw new JobDeferred(`channel ${row.integrationId} is not running in this process`, deps.elsewhereRetryMs ?? 1000);
    if (!adapter.processWebhook) throw new JobError('permanent', `channel ${row.integrationId} does not process stored webhooks`);
    await adapter.processWebhook(row.payload);
    await deps.prisma.inboundWebhook.update({ where: { id: row.id }, data: { processedAt: deps.now(), payload: {} } });
  };
}
