// Tells a citizen about their complaint, in their language, on the channel they used.
import type { Prisma as PrismaNS } from '@prisma/client';
import type { Language } from '../core/taxonomy.js';
import { storeReplies } from './outbound.js';
import type { NotificationVars } from '../engine/notifications.js';
import type { ConversationEngine, Enqueue } from './ports.js';

type Tx = PrismaNS.TransactionClient;

export interface ComplaintAddress {
  id: string;
  integrationId: string;
  chatId: string;
  language: string;
  integration: { type: string };
}

export async function notifyCitizen(
  tx: Tx,
  deps: { engine: ConversationEngine; enqueue: Enqueue },
  complaint: ComplaintAddress,
  key: string,
  vars: NotificationVars,
  now: Date,
): Promise<void> {
  const language = (complaint.language === 'en' ? 'en' : 'id') as Language;
  const reply = deps.engine.notification(language, key, vars);
  await storeReplies(
    tx,
    deps.enqueue,
    { integrationId: complaint.integrationId, channel: complaint.integration.type as never, chatId: complaint.chatId },
    [reply],
    { complaintId: complaint.id, now },
  );
}
