// "status 4829301" in chat: answered from the hub's own data, and only for the
// citizen's own reports (no one reads another person's report through the bot).
import type { Prisma as PrismaNS } from '@prisma/client';
import type { Reply } from '../core/messages.js';
import type { Language } from '../core/taxonomy.js';
import type { ConversationEngine } from './ports.js';

type Tx = PrismaNS.TransactionClient;

export async function answerStatus(
  tx: Tx,
  engine: ConversationEngine,
  query: { citizenId: string; trackingId: string; language: string },
): Promise<Reply> {
  const language = (query.language === 'en' ? 'en' : 'id') as Language;
  const complaint = await tx.complaint.findFirst({
    where: { trackingId: query.trackingId, citizenId: query.citizenId },
    include: { events: { where: { type: 'response' }, orderBy: { at: 'desc' }, take: 1 } },
  });
  if (!complaint) return engine.notification(language, 'status_not_found', { trackingId: query.trackingId });
  const last = complaint.events[0]?.data as { message?: string; author?: string } | undefined;
  return engine.notification(language, 'status_answer', {
    trackingId: query.trackingId,
    status: engine.statusLabel(language, complaint.status),
    institution: complaint.institution,
    lastResponse: last?.message ?? null,
    updatedAt: complaint.updatedAt, // rendered in Jakarta time by the engine
  });
}
