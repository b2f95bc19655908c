// channel_webhook: hands a stored platform webhook to its adapter's processWebhook, then marks
// it processed. At least once: a crash between the two runs it again, and adapters dedupe
// inbound messages by their platform ids (the conversation service does too).
import type { PrismaClient } from '@prisma/client';
import { ChannelError, type ChannelAdapter } from '../../core/channel.js';
import { JobError } from '../../queue/index.js';
import type { JobPayloads } from '../../queue/index.js';

export interface ChannelWebhookDeps {
  prisma: PrismaClient;
  /** the adapter of an integration if it runs in this process */
  adapter(integrationId: string): ChannelAdapter | undefined;
  now: () => Date;
}

export function channelWebhookHandler(deps: ChannelWebhookDeps) {
  return async (payload: JobPayloads['channel_webhook']): Promise<void> => {
    const row = await deps.prisma.inboundWebhook.findUnique({ where: { id: payload.webhookId } });
    if (!row || row.processedAt) return; // processed already: a repeated job is a no-op
    const adapter = deps.adapter(row.integrationId);
    if (!adapter) throw new ChannelError('retry', `channel ${row.integrationId} is not running in this process`);
    if (!adapter.processWebhook) throw new JobError('permanent', `channel ${row.integrationId} does not process stored webhooks`);
    await adapter.processWebhook(row.payload);
    await deps.prisma.inboundWebhook.update({ where: { id: row.id }, data: { processedAt: deps.now() } });
  };
}
