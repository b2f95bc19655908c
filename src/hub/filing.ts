// A complaint becomes a filed LAPOR! report: tracking id stored, a 'filed' event, and the
// citizen told the number. Shared by the forward job (connector filed it) and manual filing
// (an officer filed it by hand), so the citizen hears the same either way.
import type { Prisma as PrismaNS } from '@prisma/client';
import type { FiledReport } from '../connectors/index.js';
import { notifyCitizen, type ComplaintAddress } from './notifier.js';
import type { OfficerFeed } from './officers/telegram-bridge.js';
import type { ConversationEngine, Enqueue } from './ports.js';

type Tx = PrismaNS.TransactionClient;

export interface FilingOptions {
  /** statuses the complaint may be filed from; the update is conditional on them */
  from: readonly string[];
  /** extra data on the 'filed' event */
  event?: Record<string, string | null>;
  /** link shown to the citizen; default the report's URL */
  link?: string | null;
  /** when the filing's status was set on the destination; null when unknown (filed by hand:
   *  updates LAPOR! made before the officer entered the number must still apply) */
  statusAt?: Date | null;
}

/**
 * Records the filing inside the caller's transaction. False (and nothing written) when the
 * complaint has left the `from` statuses meanwhile: someone else filed or closed it first.
 */
export async function recordFiling(
  tx: Tx,
  deps: { engine: ConversationEngine; enqueue: Enqueue; officerFeed?: OfficerFeed },
  complaint: ComplaintAddress,
  filed: FiledReport,
  at: Date,
  options: FilingOptions,
): Promise<boolean> {
  const { count } = await tx.complaint.updateMany({
    where: { id: complaint.id, status: { in: [...options.from] } },
    data: { status: filed.status, statusAt: options.statusAt === undefined ? filed.createdAt : options.statusAt, trackingId: filed.trackingId, laporUrl: filed.url, filedAt: filed.createdAt },
  });
  if (count === 0) return false;
  const event = await tx.complaintEvent.create({
    data: { complaintId: complaint.id, type: 'filed', status: filed.status, data: { trackingId: filed.trackingId, ...options.event }, at },
  });
  await deps.officerFeed?.(tx, complaint.id, event.id); // the officers' chat hears of it
  await notifyCitizen(tx, deps, complaint, 'complaint_filed', { trackingId: filed.trackingId, url: options.link ?? filed.url }, at);
  return true;
}
